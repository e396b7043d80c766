"""The European Learning Model export and the rule behind the certify queue's warning: which
mandatory micro-credential fields (Council Recommendation 2022/C 243/02) are missing.
The export of a demo certificate, field by field: tests/demo/test_certificate_documents.py."""

import json

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.elm import rules
from certificates.selectors import branding
from tests import factories

pytestmark = pytest.mark.django_db

COMPLETE = {
    "title": "Artisan Baking",
    "outcomes": ["Bake bread"],
    "hours": 120,
    "eqf_level": 3,
    "assessment_type": "Practical observation",
    "participation_form": "in_person",
    "awarding_body": "Riverside Training Centre",
    "country": "IT",
    "quality_assurance": "Reviewed by a second assessor.",
}


def test_a_complete_course_lacks_nothing():
    assert rules.course_missing_fields(**COMPLETE) == []


@pytest.mark.parametrize(
    ("field", "empty", "words"),
    [
        ("title", "  ", "the title"),
        ("outcomes", [], "the learning outcomes"),
        ("outcomes", ["", " "], "the learning outcomes"),  # lines with nothing written
        ("hours", 0, "the notional workload in hours"),
        ("eqf_level", None, "the EQF level"),
        ("assessment_type", "", "the type of assessment"),
        ("awarding_body", "", "the awarding body"),
        ("country", "", "the awarding body's country"),
        ("quality_assurance", "", "the quality assurance statement"),
    ],
)
def test_each_missing_field_is_named_in_plain_words(field, empty, words):
    missing = rules.course_missing_fields(**(COMPLETE | {field: empty}))
    assert [str(item) for item in missing] == [words]


def test_a_snapshot_without_learner_or_date_lacks_them():
    missing = rules.missing_fields(rules.snapshot_values({"printed_name": ""}))
    assert "the learner's name" in [str(m) for m in missing]
    assert "the date of issue" in [str(m) for m in missing]


def _settings_complete():
    row = branding()
    row.country = "IT"
    row.quality_assurance = "Reviewed by a second assessor."
    row.save()


def test_queue_warns_before_certifying_when_the_course_lacks_a_field(client, world):
    _settings_complete()
    world.course.awards_certificate = True
    world.course.eqf_level = None
    world.course.save()
    client.force_login(world.coordinator_x)

    page = client.get(reverse("certificates:queue", args=[world.cohort_x.pk])).text

    assert 'id="elm-missing"' in page
    assert "the EQF level" in page


def test_queue_says_nothing_when_every_field_is_there(client, world):
    _settings_complete()
    course = factories.make_certifiable_course(lessons=0, eqf_level=3, notional_hours=40)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    client.force_login(world.coordinator_x)

    page = client.get(reverse("certificates:queue", args=[cohort.pk])).text

    assert 'id="elm-missing"' not in page


def test_queue_warning_is_in_the_coordinators_language(client, world):
    world.course.awards_certificate = True
    world.course.eqf_level = None
    world.course.save()
    client.force_login(world.coordinator_x)

    page = client.get(
        reverse("certificates:queue", args=[world.cohort_x.pk]), HTTP_ACCEPT_LANGUAGE="es"
    ).text

    assert "el nivel EQF" in page


@pytest.fixture
def certificate(world):
    _settings_complete()
    course = factories.make_certifiable_course(lessons=0, eqf_level=3, notional_hours=120)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(
        cohort=cohort, learner=factories.LearnerFactory(profile__printed_name="Ana García")
    )
    return factories.certificate_issue_now(enrolment, by=world.coordinator_x)


def test_administrator_exports_an_unsigned_elm_document_and_it_is_audited(
    client, world, certificate
):
    client.force_login(world.superuser)

    response = client.get(reverse("certificates:export_elm", args=[certificate.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/ld+json"
    document = json.loads(response.content)
    assert "http://data.europa.eu/snb/model/context/edc-ap" in document["@context"]
    assert document["type"] == ["VerifiableCredential", "EuropeanDigitalCredential"]
    assert "proof" not in document  # sealed by the organisation in the EU's tool, not here
    claim = document["credentialSubject"]["hasClaim"][0]
    assert claim["specifiedBy"]["eqfLevel"]["id"] == "http://data.europa.eu/snb/eqf/3"
    assert claim["specifiedBy"]["volumeOfLearning"] == "PT120H"
    country = claim["awardedBy"]["awardingBody"][0]["location"][0]["address"][0]["countryCode"]
    assert country["id"] == "http://publications.europa.eu/resource/authority/country/ITA"
    assert ModelLogEntry.objects.filter(action="certificates.export_elm").count() == 1


def test_coordinator_of_the_cohort_cannot_export(client, world, certificate):
    client.force_login(world.coordinator_x)
    response = client.get(reverse("certificates:export_elm", args=[certificate.pk]))
    assert response.status_code == 404


def test_detail_page_offers_the_export_to_administrators_only(client, world, certificate):
    url = reverse("certificates:detail", args=[certificate.pk])
    export = reverse("certificates:export_elm", args=[certificate.pk])
    client.force_login(world.coordinator_x)
    assert export not in client.get(url).text
    client.force_login(world.superuser)
    assert export in client.get(url).text
