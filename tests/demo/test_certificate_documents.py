"""The demo's certificates as an employer and the EU's issuer tool receive them: the European
Learning Model export has every mandatory micro-credential field, and the PDFs in each of the
four languages show the logo, the signature and the short code, with no English words on a
Spanish certificate or learning record (issue 21, items 5 and 6)."""

import datetime
import io
import json
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from certificates import learning_record, pdf, rules, selectors, services
from certificates.elm import rules as elm_rules
from certificates.models import Certificate
from lms.models import User
from tests.demo.conftest import log_in

pytestmark = pytest.mark.django_db

WORD = re.compile(r"[^\W\d_]{4,}")


def _reader(content: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(content))


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in _reader(content).pages)


def _words(text: str) -> set[str]:
    return set(WORD.findall(text))


def _strings(value) -> str:
    """Every string inside a snapshot or a context value, flattened: the data, not the labels."""
    if isinstance(value, dict):
        return " ".join(_strings(v) for v in value.values())
    if isinstance(value, list | tuple):
        return " ".join(_strings(v) for v in value)
    return str(value)


def _certificate(language: str) -> Certificate:
    return (
        Certificate.objects.filter(status="valid", language=language).order_by("-issued_at").first()
    )


def _stored_pdf(certificate) -> bytes:
    """The certificate's PDF as the render task draws it (each test has its own media folder,
    so the files the seed stored are not at hand)."""
    context = services.certificate_pdf_context(certificate=certificate)
    return pdf.certificate_pdf(context=context, language=certificate.language)


def test_elm_export_of_a_demo_certificate_has_every_mandatory_field(client, demo):
    certificate = _certificate("es")  # aprendiz's, in Spanish
    log_in(client, "admin")

    response = client.get(reverse("certificates:export_elm", args=[certificate.pk]))

    assert response.status_code == 200
    document = json.loads(response.content)
    subject = document["credentialSubject"]
    claim = subject["hasClaim"][0]
    spec = claim["specifiedBy"]
    body = claim["awardedBy"]["awardingBody"][0]
    # Each mandatory field of Council Recommendation 2022/C 243/02, where ELM 3 carries it.
    fields = {
        "learner": subject["fullName"]["es"],
        "title": claim["title"]["es"],
        "country": body["location"][0]["address"][0]["countryCode"]["id"],
        "awarding body": body["legalName"]["es"],
        "date of issue": claim["awardedBy"]["awardingDate"],
        "learning outcomes": [o["title"]["es"] for o in spec["learningOutcome"]],
        "workload": spec["volumeOfLearning"],
        "EQF level": spec["eqfLevel"]["id"],
        "type of assessment": claim["provenBy"][0]["title"]["es"],
        "form of participation": spec["mode"][0]["prefLabel"]["es"],
        "quality assurance": spec["additionalNote"][0]["noteLiteral"]["es"],
    }
    empty = [name for name, value in fields.items() if not value or not all(value)]
    assert empty == []
    assert fields["learner"] == certificate.printed_name
    assert fields["country"] == "http://publications.europa.eu/resource/authority/country/ITA"
    assert fields["workload"] == f"PT{certificate.snapshot['notional_hours']}H"
    assert (
        fields["EQF level"] == f"http://data.europa.eu/snb/eqf/{certificate.snapshot['eqf_level']}"
    )
    assert fields["form of participation"] == "Mixta (presencial y en línea)"
    # The same rule the certify queue warns with finds nothing missing.
    assert elm_rules.missing_fields(elm_rules.snapshot_values(certificate.snapshot)) == []


@pytest.mark.parametrize("language", ["en", "es", "it", "pt"])
def test_demo_certificate_shows_logo_signature_and_the_short_code(client, demo, language):
    certificate = _certificate(language)
    content = _stored_pdf(certificate)

    first = _reader(content).pages[0]
    # The logo, the signature and the QR code.
    assert len(first.images) == 3
    short = rules.verification_short_code(certificate.verification_code)
    assert short in first.extract_text()
    response = client.post(reverse("verify:lookup"), {"code": short})
    assert response["Location"] == reverse("verify:detail", args=[certificate.verification_code])


def test_spanish_demo_certificate_has_no_english_words(demo):
    certificate = _certificate("es")
    spanish = _text(_stored_pdf(certificate))
    # The same certificate drawn with English labels: its words that are not data are labels.
    context = services.certificate_pdf_context(certificate=certificate)
    english = _text(pdf.certificate_pdf(context=context, language="en"))
    data = _words(
        f"{_strings(certificate.snapshot)} {context['verification_url']} {context['short_code']}"
    )

    leaked = (_words(english) - data) & _words(spanish)

    assert leaked == set()
    assert "Italia" in spanish  # the country, named in Spanish
    assert "Directora de Formación" in spanish  # the signatory's title, given in Spanish


def test_spanish_learning_record_has_no_english_words_and_its_own_code(client, demo):
    learner = User.objects.get(username="aprendiz")
    spanish = _text(learning_record.learning_record_pdf(learner=learner))
    entries = selectors.learning_record(learner=learner, language="es")
    context = {
        "learner": learner,
        "entries": entries,
        "branding": selectors.branding(),
        "today": datetime.date.today(),
        "verification_url": "https://example.org/verify/x/",
        "short_code": "ABCD-EFGH-JKMN",
    }
    english = _text(pdf.learning_record_pdf(context=context, language="en"))
    data = _words(
        _strings(
            [(e.course.title, e.trade, e.outcomes, e.tests_passed, e.certificate) for e in entries]
        )
        + f" {learner.display_name} {context['branding'].awarding_body}"
        + f" {context['verification_url']}"
    )

    leaked = (_words(english) - data) & _words(spanish)

    assert leaked == set()
    code = re.search(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b", spanish).group()
    response = client.post(reverse("verify:lookup"), {"code": code})
    assert response.status_code == 302
    assert "Historial de aprendizaje" in spanish
