"""Public verification of a certificate: by code or serial, by the PDF itself, with only the
public facts shown and a rate limit per client."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from certificates import selectors, services
from certificates.credentials.rules import REFUSAL_MESSAGES, Refusal
from certificates.forms import MSG_NOT_A_FILE_OF_OURS
from lms.formats import medium_date

pytestmark = pytest.mark.django_db


def verify_url(certificate):
    return reverse("verify:detail", args=[certificate.verification_code])


FORBIDDEN_WORDS = ("recovery", "addiction", "substance", "rehab", "therap", "drug")


def test_valid_certificate_shows_the_public_facts_only(client, world, certified):
    response = client.get(verify_url(certified))
    assert response.status_code == 200
    page = response.text
    assert "Valid certificate" in page
    assert world.learner_a.display_name in page
    assert "Organic Farming" in page
    assert "Training Centre" in page
    assert medium_date(certified.issued_at) in page
    assert world.learner_a.email not in page
    assert certified.enrolment.cohort.name not in page
    assert certified.enrolment.cohort.region.name not in page
    assert not any(word in page.lower() for word in FORBIDDEN_WORDS)


def test_revoked_certificate_says_so_with_the_date(client, world, certified):
    services.certificate_revoke(certificate=certified, reason="Fraud", by=world.coordinator_x)
    certified.refresh_from_db()
    page = client.get(verify_url(certified)).text
    revoked_on = medium_date(certified.status_changed_at)
    assert f"Revoked on {revoked_on}" in page
    assert "Valid certificate" not in page
    assert "Fraud" not in page  # the reason stays internal


def test_superseded_certificate_is_no_longer_valid(client, world, certified):
    new = services.certificate_reissue(certificate=certified, reason="Name", by=world.coordinator_x)
    page = client.get(verify_url(certified)).text
    assert "replaced by a newer one" in page
    assert "Valid certificate" not in page
    assert "Valid certificate" in client.get(verify_url(new)).text


def test_unknown_code_is_unknown(client, world):
    response = client.get(reverse("verify:detail", args=["not-a-real-code-at-all"]))
    assert response.status_code == 404
    assert "Unknown certificate." in response.text


def test_code_with_a_nul_character_is_unknown_not_a_server_error(
    client, world, certified, django_assert_num_queries
):
    # PostgreSQL refuses NUL in a query (a 500 on the public page); SQLite accepts it, so the
    # lookup must not reach the database at all.
    with django_assert_num_queries(0):
        assert selectors.certificate_by_lookup(text=f"{certified.verification_code}\x00") is None
    response = client.get(f"/verify/{certified.verification_code[:10]}%00/")
    assert response.status_code == 404
    assert "Unknown certificate." in response.text


def test_lookup_by_code_or_serial(client, world, certified):
    response = client.post(reverse("verify:lookup"), {"code": certified.serial})  # no name
    assert "exists and is valid" in response.text
    response = client.post(reverse("verify:lookup"), {"code": f" {certified.verification_code} "})
    assert response["Location"] == verify_url(certified)
    response = client.post(reverse("verify:lookup"), {"code": "2026-999999"})
    assert response.status_code == 404
    assert "Unknown certificate." in response.text
    response = client.post(reverse("verify:lookup"), {"code": ""})
    assert response.status_code == 400


def test_uploaded_original_pdf_is_authentic(client, world, certified):
    content = certified.pdf.open("rb").read()
    upload = SimpleUploadedFile("c.pdf", content, content_type="application/pdf")
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert "Authentic file." in response.text
    assert "Valid certificate" in response.text
    assert world.learner_a.display_name in response.text


def test_tampered_pdf_is_not_authentic(client, world, certified):
    content = bytearray(certified.pdf.open("rb").read())
    content[len(content) // 2] ^= 0x01  # one bit changed
    upload = SimpleUploadedFile("c.pdf", bytes(content), content_type="application/pdf")
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert "Not an authentic file." in response.text
    assert world.learner_a.display_name not in response.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("certificate.txt", b"Certificate of Artisan Baking, serial 2026-000001"),
        ("certificate.pdf", b"\x89PNG\r\n\x1a\n a photo renamed .pdf"),
        ("certificate.pdf", b"%PD"),
    ],
)
def test_a_small_file_that_is_not_a_pdf_is_read_as_a_credential_and_refused(
    client, world, certified, name, content
):
    response = client.post(reverse("verify:lookup"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert escape(str(REFUSAL_MESSAGES[Refusal.UNREADABLE])) in response.text
    assert "Not an authentic file." not in response.text


def test_a_large_file_that_is_not_a_pdf_is_told_so(client, world, certified):
    upload = SimpleUploadedFile("photo.jpg", b"\xff\xd8" + b"x" * 70_000)
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert response.status_code == 400
    assert escape(str(MSG_NOT_A_FILE_OF_OURS)) in response.text


def test_a_pdf_we_did_not_issue_does_not_match(client, world, certified):
    upload = SimpleUploadedFile("other.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert response.status_code == 200
    assert "This PDF does not match any certificate or learning record we issued" in response.text
    assert escape(str(MSG_NOT_A_FILE_OF_OURS)) not in response.text


def test_verification_is_rate_limited_per_client(client, world, certified, settings):
    settings.CERTIFICATE_VERIFY_RATE = (3, 60)
    for _ in range(3):
        assert client.get(verify_url(certified)).status_code == 200
    response = client.get(verify_url(certified))
    assert response.status_code == 429
    assert "Please wait a minute" in response.text
    assert client.post(reverse("verify:lookup"), {"code": certified.serial}).status_code == 429
    other = client.get(verify_url(certified), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200


def test_verify_page_needs_no_login(client, db):
    response = client.get(reverse("verify:lookup"))
    assert response.status_code == 200
    assert "Verification code or serial number" in response.text
    assert "Certificate PDF" in response.text
