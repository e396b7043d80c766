"""The published status list: signed, the same for every fetch until a revocation, rebuilt in a
fixed number of queries, correct with 10,000 credentials."""

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from certificates import services
from certificates.credentials import rules, signing, status_list
from certificates.models import Certificate, Credential
from tests import factories
from tests.certificates.credentials.conftest import decode


def read_bit(number: int, position: int) -> bool:
    _header, claims = signing.verified(status_list.signed_list(number=number))
    return rules.bitstring_bit(claims["vc"]["credentialSubject"]["encodedList"], position)


def test_the_list_url_serves_a_signed_list_with_the_revoked_bit(client, world, credential):
    number, position = rules.status_place(credential.status_index)
    url = reverse("credentials:status_list", kwargs={"number": number})
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vc+jwt"
    _header, claims = signing.verified(response.content.decode())
    subject = claims["vc"]["credentialSubject"]
    assert subject["statusPurpose"] == "revocation"
    assert not rules.bitstring_bit(subject["encodedList"], position)

    services.certificate_revoke(
        certificate=credential.certificate, reason="Error", by=world.coordinator_x
    )
    _header, claims = signing.verified(client.get(url).content.decode())
    assert rules.bitstring_bit(claims["vc"]["credentialSubject"]["encodedList"], position)
    assert client.get(reverse("credentials:status_list", kwargs={"number": 99})).status_code == 404


def test_an_unchanged_list_is_served_from_the_cache(world, credential):
    first = status_list.signed_list(number=0)
    with CaptureQueriesContext(connection) as queries:
        assert status_list.signed_list(number=0) == first
    assert len(queries) == 1


def test_ten_thousand_credentials_in_a_fixed_number_of_queries(world, credential):
    """20 enrolments with 500 certificates each: one current per enrolment (valid, or revoked for
    every fifth), the others superseded by re-issues."""
    enrolment_cohort = credential.certificate.enrolment.cohort
    now = timezone.now()
    certificates, revoked_or_superseded = [], set()
    base = credential.status_index + 1
    learners = factories.UserFactory.create_batch(20)
    for e, learner in enumerate(learners):
        enrolment = factories.EnrolmentFactory(cohort=enrolment_cohort, learner=learner)
        for k in range(500):
            index = base + e * 500 + k
            current = k == 499
            status = "superseded" if not current else ("revoked" if e % 5 == 0 else "valid")
            if status != "valid":
                revoked_or_superseded.add(index)
            certificates.append(
                Certificate(
                    enrolment=enrolment,
                    serial=f"T-{index}",
                    verification_code=f"code-{index}",
                    snapshot={},
                    issued_at=now,
                    status=status,
                    status_reason="" if status == "valid" else "test",
                    status_changed_at=None if status == "valid" else now,
                )
            )
    Certificate.objects.bulk_create(certificates, batch_size=1000)
    made = Certificate.objects.filter(serial__startswith="T-")
    Credential.objects.bulk_create(
        [Credential(certificate=c, status_index=int(c.serial[2:]), kid="x") for c in made],
        batch_size=1000,
    )
    assert Credential.objects.count() == 10_001

    with CaptureQueriesContext(connection) as queries:
        token = status_list.signed_list(number=0)
    assert len(queries) == 1
    encoded = decode(token)[1]["vc"]["credentialSubject"]["encodedList"]
    for index in range(base, base + 10_000):
        assert rules.bitstring_bit(encoded, index) is (index in revoked_or_superseded)
    assert not rules.bitstring_bit(encoded, credential.status_index)
    assert len(revoked_or_superseded) == 20 * 499 + 4


def test_the_list_and_its_entries_carry_no_personal_data(world, credential):
    token = status_list.signed_list(number=0)
    text = str(decode(token))
    assert world.learner_a.display_name not in text
    assert world.learner_a.email not in text
