"""The check of a credential file, shared by /verify/ and `manage.py credential_verify`.

In order: the file is read (a compact JWT, or JSON holding one); the signature is checked
against our published keys; the issuer must be us and the content an Open Badges credential;
then its expiry; then its status, read from the signed status list that the public URL serves
(the same code, the same signature check)."""

import datetime
import json
import re
import uuid
from dataclasses import dataclass, field

from django.utils import timezone

from certificates.credentials import documents, rules, signing, status_list
from certificates.credentials.models import Credential
from certificates.credentials.rules import Refusal
from lms.formats import medium_date

MAX_BYTES = 64 * 1024
ENVELOPE_PREFIX = "data:application/vc+jwt,"
COMPACT = re.compile(r"^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+$")


@dataclass
class Check:
    """What the check found: `refusal` None means valid."""

    refusal: Refusal | None
    credential: dict = field(default_factory=dict)
    record: Credential | None = None
    expires_at: datetime.datetime | None = None

    @property
    def valid(self) -> bool:
        return self.refusal is None

    @property
    def message(self) -> str:
        if self.refusal is None:
            return ""
        text = str(rules.REFUSAL_MESSAGES[self.refusal])
        if self.refusal is Refusal.EXPIRED and self.expires_at is not None:
            return text % {"date": medium_date(timezone.localtime(self.expires_at))}
        return text

    @property
    def certificate(self):
        return self.record.certificate if self.record is not None else None

    @property
    def fields(self) -> dict:
        """What the page shows, as for a PDF: from the signed credential, with the serial and
        hours from its certificate, and no name once the holder's data was erased."""
        if not self.credential:
            return {}
        vc = self.credential
        subject = vc.get("credentialSubject") or {}
        achievement = subject.get("achievement") or {}
        names = [
            i.get("identityHash", "")
            for i in subject.get("identifier") or ()
            if i.get("identityType") == "name"
        ]
        levels = [a.get("targetCode") for a in achievement.get("alignment") or ()]
        issued = vc.get("issuanceDate", "")
        fields = {
            "holder": names[0] if names else "",
            "course": achievement.get("name") or vc.get("name", ""),
            "eqf_level": levels[0] if levels else None,
            "hours": None,
            "issued_at": datetime.datetime.fromisoformat(issued) if issued else None,
            # The last valid day: the credential expires at the start of the day after it.
            "expires_at": (
                timezone.localtime(self.expires_at) - datetime.timedelta(days=1)
                if self.expires_at
                else None
            ),
            "awarding_body": (vc.get("issuer") or {}).get("name", ""),
            "serial": "",
            "name_withheld": not names,
            "language": achievement.get("@language", ""),
        }
        certificate = self.certificate
        if certificate is not None:
            fields["hours"] = certificate.snapshot.get("notional_hours")
            fields["serial"] = certificate.serial
            if certificate.snapshot.get("name_withheld"):
                fields["name_withheld"], fields["holder"] = True, ""
        return fields


def token_from(content: bytes) -> str:
    """The compact JWT in a credential file: the JWT itself, a JSON string of it, or a JSON
    object carrying it (an EnvelopedVerifiableCredential, or "jwt" / "proof.jwt")."""
    try:
        text = content.decode("utf-8-sig").strip()
    except UnicodeError:
        raise signing.Refused(Refusal.UNREADABLE) from None
    if COMPACT.match(text):
        return text
    try:
        data = json.loads(text)
    except ValueError:
        raise signing.Refused(Refusal.UNREADABLE) from None
    if isinstance(data, str) and COMPACT.match(data.strip()):
        return data.strip()
    if not isinstance(data, dict):
        raise signing.Refused(Refusal.UNREADABLE)
    envelope = data.get("id")
    if isinstance(envelope, str) and envelope.startswith(ENVELOPE_PREFIX):
        return envelope.removeprefix(ENVELOPE_PREFIX)
    proof = data.get("proof")
    for candidate in (data.get("jwt"), proof.get("jwt") if isinstance(proof, dict) else None):
        if isinstance(candidate, str) and COMPACT.match(candidate.strip()):
            return candidate.strip()
    raise signing.Refused(Refusal.NOT_SIGNED)


def _list_number(url: str) -> int:
    for number in (int(part) for part in re.findall(r"/(\d+)/$", url)):
        if documents.status_list_url(number) == url:
            return number
    raise signing.Refused(Refusal.UNKNOWN_STATUS)


def _revoked(status: dict) -> bool:
    if not isinstance(status, dict) or status.get("statusPurpose") != "revocation":
        raise signing.Refused(Refusal.UNKNOWN_STATUS)
    try:
        position = int(status["statusListIndex"])
        number = _list_number(str(status["statusListCredential"]))
        _header, claims = signing.verified(status_list.signed_list(number=number))
        encoded = claims["vc"]["credentialSubject"]["encodedList"]
        return rules.bitstring_bit(encoded, position)
    except (KeyError, TypeError, ValueError, signing.Refused):
        raise signing.Refused(Refusal.UNKNOWN_STATUS) from None


def _record(jti) -> Credential | None:
    try:
        value = uuid.UUID(str(jti).removeprefix("urn:uuid:"))
    except ValueError:
        return None
    return Credential.objects.select_related("certificate").filter(uuid=value).first()


def credential_check(content: bytes, *, now: datetime.datetime | None = None) -> Check:
    now = now or timezone.now()
    if len(content) > MAX_BYTES:
        return Check(Refusal.UNREADABLE)
    try:
        _header, claims = signing.verified(token_from(content))
    except signing.Refused as refused:
        return Check(refused.refusal)
    vc = claims.get("vc")
    if claims.get("iss") != documents.issuer_did():
        return Check(Refusal.OTHER_ISSUER)
    if not isinstance(vc, dict) or "OpenBadgeCredential" not in (vc.get("type") or ()):
        return Check(Refusal.NOT_A_BADGE)
    record = _record(claims.get("jti"))
    expires_at = None
    if isinstance(claims.get("exp"), int | float):
        expires_at = datetime.datetime.fromtimestamp(claims["exp"], tz=datetime.UTC)
    found = Check(None, credential=vc, record=record, expires_at=expires_at)
    found.refusal = rules.expiry_refusal(expires_at=expires_at, now=now)
    if found.refusal is None:
        try:
            if _revoked(vc.get("credentialStatus")):
                found.refusal = Refusal.REVOKED
        except signing.Refused as refused:
            found.refusal = refused.refusal
    return found
