"""Certificates in the language chosen at issue: the learner's by default, or the
coordinator's choice. The PDF, the course details and the verification page use it; emails
go out in the recipient's language."""

import datetime
import io
import re

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate
from lms.models import Profile
from lms.services import page_translation_publish
from tests import factories

pytestmark = pytest.mark.django_db

SPANISH_OUTCOME = "Preparar y hornear pan de forma segura"


@pytest.fixture
def baking():
    """A certifiable course with a live Spanish translation, and one learner of it."""
    coordinator = factories.CoordinatorFactory()
    course = factories.make_certifiable_course(
        lessons=0, title="Artisan Baking", notional_hours=120, eqf_level=3
    )
    page_translation_publish(
        page=course,
        language="es",
        fields={
            "title": "Panadería artesanal",
            "learning_outcomes": [("outcome", SPANISH_OUTCOME)],
            "assessment_type": "Observación práctica con una lista de control",
        },
    )
    cohort = factories.CohortFactory(
        course=course,
        coordinators=[coordinator],
        start_date=datetime.date(2026, 3, 2),
        end_date=datetime.date(2026, 6, 26),
    )
    learner = factories.LearnerFactory(profile__printed_name="María José Núñez")
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=learner)
    return coordinator, enrolment


def _speaks(user, language):
    Profile.objects.filter(user=user).update(preferred_language=language)
    user.refresh_from_db()


def _pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_certificate_is_in_the_learners_language_with_the_same_fields(baking):
    coordinator, enrolment = baking
    _speaks(enrolment.learner, "es")

    certificate = factories.certificate_issue_now(enrolment, by=coordinator)

    assert certificate.language == "es"
    assert certificate.snapshot["course_title"] == "Panadería artesanal"
    assert certificate.snapshot["learning_outcomes"] == [SPANISH_OUTCOME]
    text = _pdf_text(certificate)
    for value in (
        "María José Núñez",
        "Panadería artesanal",
        SPANISH_OUTCOME,
        "Observación práctica",
        "120",
        certificate.serial,
        certificate.verification_code,
    ):
        assert value in text
    assert "1 jul 2026" in text  # dates as Spanish writes them
    assert "2 mar 2026" in text
    assert "Artisan Baking" not in text


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_english_certificate_of_the_same_course_keeps_the_original(baking):
    coordinator, enrolment = baking

    certificate = factories.certificate_issue_now(enrolment, by=coordinator)

    assert certificate.language == "en"
    text = _pdf_text(certificate)
    assert "Artisan Baking" in text
    assert "Prepare and bake bread safely" in text
    assert "1 Jul 2026" in text
    assert "Panadería" not in text


def test_coordinator_chooses_the_language_for_the_batch(baking):
    coordinator, enrolment = baking
    _speaks(enrolment.learner, "es")

    services.certificates_issue(
        cohort=enrolment.cohort, enrolment_ids=[enrolment.pk], by=coordinator, language="it"
    )

    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.language == "it"
    # No Italian translation of the course: its original words.
    assert certificate.snapshot["course_title"] == "Artisan Baking"


def test_unknown_language_certifies_nobody(client, baking):
    coordinator, enrolment = baking
    with pytest.raises(ValidationError):
        services.certificates_issue(
            cohort=enrolment.cohort, enrolment_ids=[enrolment.pk], by=coordinator, language="xx"
        )
    client.force_login(coordinator)
    response = client.post(
        f"/certificates/cohorts/{enrolment.cohort_id}/",
        {"enrolment": [enrolment.pk], "language": "xx"},
    )
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_queue_posts_the_chosen_language(client, baking):
    coordinator, enrolment = baking
    client.force_login(coordinator)
    page = client.get(f"/certificates/cohorts/{enrolment.cohort_id}/")
    assert 'name="language"' in page.text
    client.post(
        f"/certificates/cohorts/{enrolment.cohort_id}/",
        {"enrolment": [enrolment.pk], "language": "es"},
    )
    assert Certificate.objects.get(enrolment=enrolment).language == "es"


def test_reissue_keeps_the_language(baking):
    coordinator, enrolment = baking
    _speaks(enrolment.learner, "es")
    certificate = factories.certificate_issue_now(enrolment, by=coordinator)
    _speaks(enrolment.learner, "en")

    new = services.certificate_reissue(certificate=certificate, reason="Name typo", by=coordinator)

    assert new.language == "es"
    assert new.snapshot["course_title"] == "Panadería artesanal"


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_verification_page_shows_the_certificate_in_its_language(client, baking):
    coordinator, enrolment = baking
    _speaks(enrolment.learner, "es")
    certificate = factories.certificate_issue_now(enrolment, by=coordinator)

    # An employer reading in English: the page speaks English, the certificate's details
    # are those printed on it, in Spanish.
    page = client.get(f"/verify/{certificate.verification_code}/", HTTP_ACCEPT_LANGUAGE="en")

    assert page.status_code == 200
    assert '<html lang="en">' in page.text
    assert "The certificate was issued in Spanish" in page.text
    details = page.text[page.text.index('<dl class="row mb-0" lang="es">') :]
    assert "Panadería artesanal" in details
    assert "1 jul 2026" in details
    # A Portuguese reader: the language's name inside a sentence, not capitalised as in a menu.
    page = client.get(f"/verify/{certificate.verification_code}/", HTTP_ACCEPT_LANGUAGE="pt")
    assert "emitido em espanhol" in page.text


def test_certificate_email_is_in_the_learners_language(baking, monkeypatch):
    coordinator, enrolment = baking
    _speaks(enrolment.learner, "it")
    enrolment.learner.email = "maria@example.org"
    enrolment.learner.save()
    rendered_in = []
    real_render = services.render_to_string

    def recording_render(name, context):
        rendered_in.append(translation.get_language())
        return real_render(name, context)

    monkeypatch.setattr(services, "render_to_string", recording_render)
    services.certificates_issue(
        cohort=enrolment.cohort, enrolment_ids=[enrolment.pk], by=coordinator, language="es"
    )

    # The certificate is in Spanish as chosen; its email is in the learner's Italian.
    assert Certificate.objects.get(enrolment=enrolment).language == "es"
    assert rendered_in == ["it", "it"]
    assert len(mail.outbox) == 1
    assert "Panadería artesanal" in mail.outbox[0].subject


def test_password_reset_email_is_in_the_account_holders_language(client):
    learner = factories.LearnerFactory(email="ana@example.org")
    _speaks(learner, "es")

    client.post(
        "/accounts/password-reset/", {"email": "ana@example.org"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert len(mail.outbox) == 1
    # Django's own Spanish catalogue: "Password reset on ..." in Spanish.
    assert mail.outbox[0].subject == "Elige una contraseña para testserver"


# --- Trade and region names (NamedInLanguages) ---


def _name_trade_and_region(enrolment, **names):
    """Gives the course's trade and the cohort's region their names in other languages."""
    trade = enrolment.cohort.course.trade
    region = enrolment.cohort.region
    for field, (trade_name, region_name) in names.items():
        setattr(trade, field, trade_name)
        setattr(region, field, region_name)
    trade.save()
    region.save()
    return trade, region


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_spanish_certificate_names_the_trade_and_region_in_spanish(client, baking):
    coordinator, enrolment = baking
    trade, region = _name_trade_and_region(
        enrolment, name_es=("Panadería", "Región Norte"), name_it=("Panificazione", "Nord")
    )
    _speaks(enrolment.learner, "es")

    certificate = factories.certificate_issue_now(enrolment, by=coordinator)

    assert certificate.snapshot["trade"] == "Panadería"
    assert certificate.snapshot["region"] == "Región Norte"
    text = _pdf_text(certificate)
    assert "Panadería artesanal (Panadería)" in text
    assert "Región Norte" in text
    assert trade.name not in text
    assert region.name not in text
    # The snapshot is what was printed: renaming the trade later changes no certificate.
    trade.name_es = "Panificación"
    trade.save()
    certificate.refresh_from_db()
    assert certificate.snapshot["trade"] == "Panadería"


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_a_language_without_a_name_prints_the_original(baking):
    coordinator, enrolment = baking
    trade, region = _name_trade_and_region(enrolment, name_es=("Panadería", "Región Norte"))
    _speaks(enrolment.learner, "pt")

    certificate = factories.certificate_issue_now(enrolment, by=coordinator)

    assert certificate.language == "pt"
    assert certificate.snapshot["trade"] == trade.name == "Baking"
    assert certificate.snapshot["region"] == region.name
    text = _pdf_text(certificate)
    assert "Artisan Baking (Baking)" in text
    assert "Panadería" not in text


def test_learning_record_names_the_trade_in_the_learners_language(client, baking):
    _coordinator, enrolment = baking
    _name_trade_and_region(enrolment, name_es=("Panadería", "Región Norte"))
    _speaks(enrolment.learner, "es")
    client.force_login(enrolment.learner)

    response = client.get(reverse("certificates:learning_record"))

    assert response.status_code == 200
    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Panadería artesanal" in text
    assert "Oficio Panadería Fechas 2 mar 2026" in text  # the trade, then the dates
    assert "Baking" not in text


def _translation_sets_another_trade(enrolment):
    """An editor sets another trade on the course's Spanish translation than on its original;
    both trades have Spanish and Italian names."""
    _name_trade_and_region(enrolment, name_es=("Panadería", "Región Norte"))
    original_trade = enrolment.cohort.course.trade
    original_trade.name_it = "Panificazione"
    original_trade.save()
    pastry = factories.TradeFactory(name="Pastry", name_es="Pastelería", name_it="Pasticceria")
    page_translation_publish(page=enrolment.cohort.course, language="es", fields={"trade": pastry})
    return pastry


@time_machine.travel(datetime.datetime(2026, 7, 1, 10, tzinfo=datetime.UTC), tick=False)
def test_certificate_prints_the_trade_of_the_course_as_read_in_its_language(baking):
    coordinator, enrolment = baking
    _translation_sets_another_trade(enrolment)
    _speaks(enrolment.learner, "es")
    other = factories.EnrolmentFactory(cohort=enrolment.cohort)  # prefers English

    spanish = factories.certificate_issue_now(enrolment, by=coordinator)
    english = factories.certificate_issue_now(other, by=coordinator)

    # The Spanish translation's trade, named in Spanish; the original's on the English one.
    assert spanish.snapshot["trade"] == "Pastelería"
    assert "Panadería artesanal (Pastelería)" in _pdf_text(spanish)
    assert english.snapshot["trade"] == "Baking"
    assert "Artisan Baking (Baking)" in _pdf_text(english)


def test_certificate_in_a_language_without_a_translation_prints_the_originals_trade(baking):
    coordinator, enrolment = baking
    _translation_sets_another_trade(enrolment)

    services.certificates_issue(
        cohort=enrolment.cohort, enrolment_ids=[enrolment.pk], by=coordinator, language="it"
    )

    # No Italian translation of the course: the original's trade, named in Italian.
    assert Certificate.objects.get(enrolment=enrolment).snapshot["trade"] == "Panificazione"


def test_learning_record_names_the_trade_of_the_course_as_read_in_its_language(client, baking):
    _coordinator, enrolment = baking
    _translation_sets_another_trade(enrolment)
    _speaks(enrolment.learner, "es")
    client.force_login(enrolment.learner)

    response = client.get(reverse("certificates:learning_record"))

    reader = PdfReader(io.BytesIO(response.content))
    text = re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))
    assert "Oficio Pastelería Fechas 2 mar 2026" in text  # the translation's trade, then dates
    assert "Panadería 2" not in text


@pytest.mark.parametrize(("language", "label"), [("es", "Nivel EQF"), ("pt", "Nível EQF")])
def test_the_eqf_label_starts_with_a_capital_like_the_others(client, baking, language, label):
    coordinator, enrolment = baking
    _speaks(enrolment.learner, language)  # the details are in the certificate's language
    certificate = factories.certificate_issue_now(enrolment, by=coordinator)

    page = client.get(f"/verify/{certificate.verification_code}/", HTTP_ACCEPT_LANGUAGE=language)

    assert f'<dt class="col-sm-4">{label}</dt>' in page.text
