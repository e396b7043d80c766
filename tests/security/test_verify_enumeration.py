"""Issue 17 item 7: serial numbers are sequential, so a serial alone must not show whose
certificate it is. The whole record needs the verification code (the QR code's address, or its
short form printed under it) or the serial with the holder's surname."""

import pytest

from certificates import rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder(world, practical):
    """Learner A's certificate (tests/security/conftest.py), with a name to look for."""
    certificate = practical.certificate
    snapshot = {**certificate.snapshot, "printed_name": "Zoë Quintana-Ríos"}
    type(certificate).objects.filter(pk=certificate.pk).update(snapshot=snapshot)
    certificate.refresh_from_db()
    return certificate


def check(client, code, surname=""):
    return client.post("/verify/", {"code": code, "surname": surname}, follow=True)


def test_a_serial_alone_names_nobody(client, holder):
    response = check(client, holder.serial)
    assert response.status_code == 200
    assert f"Certificate {holder.serial} exists and is valid" in response.text
    assert "Quintana" not in response.text
    assert holder.snapshot["course_title"] not in response.text
    # Nor does the serial typed into the address.
    assert "Quintana" not in client.get(f"/verify/{holder.serial}/").text


def test_every_serial_in_turn_names_nobody(client, holder):
    year = holder.serial.split("-")[0]
    for number in range(1, 6):
        response = check(client, rules.serial_format(year=int(year), number=number))
        assert "Quintana" not in response.text


def test_a_wrong_surname_shows_no_more_than_the_serial(client, holder):
    response = check(client, holder.serial, surname="Smith")
    assert "does not match" in response.text
    assert "Quintana" not in response.text


@pytest.mark.parametrize("surname", ["Quintana-Ríos", "quintana rios", "RIOS"])
def test_the_serial_with_the_surname_shows_the_record(client, holder, surname):
    response = check(client, holder.serial, surname=surname)
    assert "Valid certificate" in response.text
    assert "Zoë Quintana-Ríos" in response.text


def test_the_code_from_the_qr_shows_the_record(client, holder):
    assert "Zoë Quintana-Ríos" in client.get(f"/verify/{holder.verification_code}/").text


def test_the_short_code_typed_in_any_form_shows_the_record(client, holder):
    short = rules.verification_short_code(holder.verification_code)
    assert len(short) == 14  # XXXX-XXXX-XXXX
    for typed in (short, short.lower(), short.replace("-", ""), f"  {short.replace('-', ' ')} "):
        response = check(client, typed)
        assert response.redirect_chain[-1][0] == f"/verify/{holder.verification_code}/"
        assert "Zoë Quintana-Ríos" in response.text


def test_a_wrong_short_code_is_unknown(client, holder):
    short = rules.verification_short_code(holder.verification_code)
    wrong = ("1" if short[0] != "1" else "2") + short[1:]
    response = check(client, wrong)
    assert response.status_code == 404
    assert "Unknown certificate." in response.text


def test_the_short_code_is_printed_under_the_qr_code(holder):
    from io import BytesIO

    from pypdf import PdfReader

    from certificates import services

    services.certificate_render(certificate_id=holder.pk)
    holder.refresh_from_db()
    text = PdfReader(BytesIO(holder.pdf.open("rb").read())).pages[0].extract_text()
    assert rules.verification_short_code(holder.verification_code) in text
