"""The credential made with each certificate: its content, its schema, its privacy."""

import json
from pathlib import Path

import jsonschema
import pytest
from django.core.exceptions import ImproperlyConfigured

from certificates import services
from certificates.credentials import documents, keys, rules
from certificates.models import Certificate, Credential
from tests import factories
from tests.certificates.credentials.conftest import decode

SCHEMA = Path(__file__).parent / "fixtures" / "ob_v3p0_achievementcredential_schema.json"
# Words that would name the programme's therapeutic context (DOMAIN.md, Privacy).
THERAPEUTIC = ("recovery", "therapeutic", "addiction", "substance", "rehab", "drug", "treatment")


def test_each_certificate_gets_one_signed_credential_at_issue(credential, certified):
    header, claims = decode(credential.jwt)
    assert header["alg"] == "Ed25519"
    assert header["kid"] == f"{documents.issuer_did()}#{credential.kid}"
    assert claims["iss"] == documents.issuer_did()
    assert claims["jti"] == f"urn:uuid:{credential.uuid}"
    vc = claims["vc"]
    assert vc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert vc["name"] == certified.snapshot["course_title"] == "Organic Farming"
    assert Credential.objects.filter(certificate=certified).count() == 1


def test_the_credential_validates_against_the_open_badges_schema(credential):
    schema = json.loads(SCHEMA.read_text())
    _header, claims = decode(credential.jwt)
    validator = jsonschema.Draft201909Validator(
        schema, format_checker=jsonschema.Draft201909Validator.FORMAT_CHECKER
    )
    errors = [error.message for error in validator.iter_errors(claims["vc"])]
    assert errors == []
    # The schema is strict enough to fail: without an issue date the credential is refused.
    broken = {key: value for key, value in claims["vc"].items() if key != "issuanceDate"}
    assert list(validator.iter_errors(broken))


def test_the_achievement_is_from_the_snapshot_the_pdf_prints(credential, certified):
    s = certified.snapshot
    _header, claims = decode(credential.jwt)
    achievement = claims["vc"]["credentialSubject"]["achievement"]
    assert achievement["name"] == s["course_title"]
    assert f"{s['notional_hours']} hours" in achievement["description"]
    for outcome in s["learning_outcomes"]:
        assert f"- {outcome}" in achievement["criteria"]["narrative"]
    if s["eqf_level"]:
        assert achievement["alignment"][0]["targetCode"] == str(s["eqf_level"])
        assert achievement["alignment"][0]["targetFramework"] == "European Qualifications Framework"
    assert claims["vc"]["issuer"]["name"] == s["awarding_body"]


def test_the_holder_is_named_as_printed_and_identified_by_a_salted_hash(world, credential):
    _header, claims = decode(credential.jwt)
    identities = claims["vc"]["credentialSubject"]["identifier"]
    name = next(i for i in identities if i["identityType"] == "name")
    email = next(i for i in identities if i["identityType"] == "emailAddress")
    assert name["identityHash"] == world.learner_a.display_name
    assert email["hashed"] is True
    assert email["identityHash"] == rules.identity_hash(
        email=world.learner_a.email, salt=email["salt"]
    )
    assert world.learner_a.email not in credential.jwt
    assert world.learner_a.email not in json.dumps(claims)


def test_evidence_is_in_words_and_nothing_names_the_therapeutic_context(credential, certified):
    _header, claims = decode(credential.jwt)
    text = json.dumps(claims, ensure_ascii=False).lower()
    for word in THERAPEUTIC:
        assert word not in text
    for evidence in claims["vc"]["evidence"]:
        assert not any(ch.isdigit() for ch in evidence["narrative"])
    rate = certified.snapshot.get("attendance_rate")
    if rate:
        assert rate not in text
    assert certified.enrolment.cohort.name.lower() not in text


def test_the_status_entry_points_at_the_published_list(credential):
    _header, claims = decode(credential.jwt)
    status = claims["vc"]["credentialStatus"]
    number, position = rules.status_place(credential.status_index)
    assert status["type"] == "BitstringStatusListEntry"
    assert status["statusPurpose"] == "revocation"
    assert status["statusListIndex"] == str(position)
    assert status["statusListCredential"] == documents.status_list_url(number)


def test_a_course_with_a_validity_period_gives_an_expiry(world):
    course = factories.make_certifiable_course(title="Mentor training", lessons=0)
    course.validity_months = 24
    course.save()
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    certificate = factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    _header, claims = decode(certificate.credential.jwt)
    assert "expirationDate" in claims["vc"]
    assert claims["exp"] > claims["iat"]


def test_status_indexes_are_given_once_and_never_again(world, credential, certified):
    new = services.certificate_reissue(
        certificate=certified, reason="Name corrected", by=world.coordinator_x
    )
    assert new.credential.status_index == credential.status_index + 1
    services.certificate_revoke(certificate=new, reason="Error", by=world.coordinator_x)
    indexes = list(Credential.objects.values_list("status_index", flat=True))
    assert len(indexes) == len(set(indexes))


def test_without_a_key_nothing_is_issued(world, settings):
    settings.CREDENTIAL_DEV_KEYS_DIR = None
    settings.CREDENTIAL_SIGNING_KEYS = ""
    settings.CREDENTIAL_SIGNING_KEYS_FILE = ""
    course = factories.make_certifiable_course(title="Organic Farming", lessons=0)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    with pytest.raises(ImproperlyConfigured, match="No key to sign credentials"):
        factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    assert not Certificate.objects.filter(enrolment=enrolment).exists()


def test_development_generates_a_key_once_in_its_folder(settings, tmp_path):
    settings.CREDENTIAL_DEV_KEYS_DIR = tmp_path / "keys"
    first = keys.signing_key()
    assert (tmp_path / "keys" / keys.DEV_KEYS_FILE).exists()
    assert keys.signing_key().as_dict(private=True) == first.as_dict(private=True)
    assert all("d" not in key for key in keys.public_jwks()["keys"])


def test_certificates_from_before_get_their_credential_once(credential, certified):
    from django.core.management import call_command

    from certificates.credentials.services import credentials_backfill

    Credential.objects.filter(pk=credential.pk).delete()
    call_command("credentials_backfill")
    certified.refresh_from_db()
    assert certified.credential.status_index > credential.status_index
    assert credentials_backfill() == 0
