"""/verify/ and `manage.py credential_verify` check a credential file with the same code."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape
from joserfc import jws
from joserfc.jwk import OKPKey

from certificates import services
from certificates.credentials import keys, signing, verification
from certificates.credentials.rules import REFUSAL_MESSAGES, Refusal
from privacy.services import person_erase
from tests.certificates.credentials.conftest import decode, one_char_changed


def check(token: str, **kwargs):
    return verification.credential_check(token.encode(), **kwargs)


def post(client, content: bytes, name="credential.jwt"):
    return client.post(reverse("verify:lookup"), {"file": SimpleUploadedFile(name, content)})


def test_a_credential_we_issued_is_valid(credential):
    found = check(credential.jwt)
    assert found.valid
    assert found.certificate == credential.certificate
    assert found.fields["course"] == "Organic Farming"


def test_the_json_forms_carry_the_same_jwt(credential):
    envelope = {"id": "data:application/vc+jwt," + credential.jwt, "type": "X"}
    assert check(json.dumps(envelope)).valid
    assert check(json.dumps(credential.jwt)).valid
    _header, claims = decode(credential.jwt)
    assert check(json.dumps(claims["vc"])).refusal is Refusal.NOT_SIGNED


def test_a_one_character_change_is_refused(credential):
    assert check(one_char_changed(credential.jwt)).refusal in (
        Refusal.BAD_SIGNATURE,
        Refusal.UNREADABLE,
    )
    header, payload, signature = credential.jwt.split(".")
    assert check(f"{header}.{payload}.{signature[:-3]}AAA").refusal is Refusal.BAD_SIGNATURE


def test_another_key_is_refused(credential):
    header, claims = decode(credential.jwt)
    other = OKPKey.generate_key("Ed25519", parameters={"kid": "someone-else"})
    forged = jws.serialize_compact(
        {**header, "kid": header["kid"].rsplit("#", 1)[0] + "#someone-else"},
        json.dumps(claims).encode(),
        other,
        algorithms=["Ed25519"],
    )
    assert check(forged).refusal is Refusal.UNKNOWN_KEY
    same_kid = OKPKey.generate_key("Ed25519", parameters={"kid": credential.kid})
    forged = jws.serialize_compact(
        header, json.dumps(claims).encode(), same_kid, algorithms=["Ed25519"]
    )
    assert check(forged).refusal is Refusal.BAD_SIGNATURE


def test_another_issuer_is_refused(credential):
    _header, claims = decode(credential.jwt)
    token, _kid = signing.sign({**claims, "iss": "did:web:example.org"})
    assert check(token).refusal is Refusal.OTHER_ISSUER


def test_an_expired_credential_is_refused_with_its_date(credential):
    _header, claims = decode(credential.jwt)
    expired = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    token, _kid = signing.sign({**claims, "exp": int(expired.timestamp())})
    found = check(token)
    assert found.refusal is Refusal.EXPIRED
    assert "2020" in found.message


def test_revoking_the_certificate_revokes_the_same_file(world, credential):
    services.certificate_revoke(
        certificate=credential.certificate, reason="Certified in error", by=world.coordinator_x
    )
    assert check(credential.jwt).refusal is Refusal.REVOKED


def test_a_reissue_supersedes_the_old_credential(world, credential):
    new = services.certificate_reissue(
        certificate=credential.certificate, reason="Name corrected", by=world.coordinator_x
    )
    assert check(credential.jwt).refusal is Refusal.REVOKED
    assert check(new.credential.jwt).valid


def test_a_rotated_key_still_verifies_old_credentials(settings, credential):
    old = keys.signing_key()
    new = OKPKey.generate_key("Ed25519", parameters={"kid": "key-2027"})
    settings.CREDENTIAL_SIGNING_KEYS = json.dumps(
        {"keys": [old.as_dict(private=False), new.as_dict(private=True)]}
    )
    assert keys.signing_key().kid == "key-2027"
    assert check(credential.jwt).valid


def test_erasure_keeps_the_status_and_withholds_the_name(world, credential):
    kept = credential.jwt  # the copy the holder kept, or gave an employer
    person_erase(user=world.learner_a, by=world.coordinator_x)
    credential.refresh_from_db()
    assert credential.jwt == ""
    found = check(kept)
    assert found.valid
    assert found.fields["name_withheld"]
    assert found.fields["holder"] == ""
    services.certificate_revoke(
        certificate=credential.certificate, reason="Certified in error", by=world.coordinator_x
    )
    assert check(kept).refusal is Refusal.REVOKED


def test_the_page_answers_valid_and_shows_the_fields(client, world, credential):
    response = post(client, credential.jwt.encode())
    assert response.status_code == 200
    assert "Valid digital credential." in response.text
    assert "Organic Farming" in response.text
    assert credential.certificate.serial in response.text
    assert world.learner_a.display_name in response.text


def test_the_page_refuses_a_changed_file_in_plain_words(client, credential):
    response = post(client, one_char_changed(credential.jwt).encode())
    assert "Not a valid digital credential." in response.text
    assert (
        escape(str(REFUSAL_MESSAGES[Refusal.BAD_SIGNATURE])) in response.text
        or escape(str(REFUSAL_MESSAGES[Refusal.UNREADABLE])) in response.text
    )
    assert "Organic Farming" not in response.text


def test_the_page_says_revoked_for_the_same_file(client, world, credential):
    services.certificate_revoke(
        certificate=credential.certificate, reason="Certified in error", by=world.coordinator_x
    )
    response = post(client, credential.jwt.encode())
    assert "Revoked digital credential." in response.text


def test_the_command_uses_the_same_check(tmp_path, world, credential):
    path = tmp_path / "credential.jwt"
    path.write_text(credential.jwt)
    call_command("credential_verify", str(path))
    path.write_text(one_char_changed(credential.jwt))
    with pytest.raises(CommandError, match="Not valid"):
        call_command("credential_verify", str(path))
    services.certificate_revoke(
        certificate=credential.certificate, reason="Certified in error", by=world.coordinator_x
    )
    path.write_text(credential.jwt)
    with pytest.raises(CommandError, match="revoked"):
        call_command("credential_verify", str(path))
