"""VC-JWT signing and checking with joserfc (Ed25519 through `cryptography`): no signature is
computed or compared here by hand."""

import json

from joserfc import jws
from joserfc.errors import JoseError

from certificates.credentials import documents, keys
from certificates.credentials.rules import Refusal

# RFC 9864's name for Ed25519 signatures; "EdDSA" (the older, polymorphic name) is accepted
# when checking, as wallets still write it.
ALGORITHM = "Ed25519"
ACCEPTED = ("Ed25519", "EdDSA")


class Refused(Exception):
    def __init__(self, refusal: Refusal):
        super().__init__(refusal.value)
        self.refusal = refusal


def sign(claims: dict) -> tuple[str, str]:
    """(compact JWS, kid) of the claims, signed with the active key."""
    key = keys.signing_key()
    kid = key.kid
    header = {"alg": ALGORITHM, "kid": f"{documents.issuer_did()}#{kid}", "typ": "JWT"}
    payload = json.dumps(claims, ensure_ascii=False, separators=(",", ":")).encode()
    return jws.serialize_compact(header, payload, key, algorithms=[ALGORITHM]), kid


def verified(token: str) -> tuple[dict, dict]:
    """(header, claims) of a compact JWS signed by one of our keys, or Refused."""
    try:
        extracted = jws.extract_compact(token.encode())
    except (JoseError, ValueError, UnicodeError):
        raise Refused(Refusal.UNREADABLE) from None
    header = extracted.protected
    alg = header.get("alg")
    if alg in (None, "none"):
        raise Refused(Refusal.NOT_SIGNED)
    if alg not in ACCEPTED:
        raise Refused(Refusal.UNKNOWN_KEY)
    did, _sep, kid = str(header.get("kid", "")).rpartition("#")
    if did and did != documents.issuer_did():
        raise Refused(Refusal.OTHER_ISSUER)
    key = keys.key_for(kid)
    if key is None:
        raise Refused(Refusal.UNKNOWN_KEY)
    try:
        checked = jws.deserialize_compact(token.encode(), key, algorithms=[alg])
    except JoseError:
        raise Refused(Refusal.BAD_SIGNATURE) from None
    try:
        claims = json.loads(checked.payload)
    except (ValueError, UnicodeError):
        raise Refused(Refusal.UNREADABLE) from None
    if not isinstance(claims, dict):
        raise Refused(Refusal.UNREADABLE)
    return header, claims
