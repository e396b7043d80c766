"""The JSON documents of the credentials: the issuer (profile, did:web document), an Open Badges
3.0 credential made from a certificate's snapshot, and a status list credential. Plain dicts;
signing is in signing.py.

The credential follows the Open Badges 3.0 JSON schema (VC Data Model 1.1 terms: issuanceDate,
expirationDate, and the `vc` claim of a VC-JWT), tested against 1EdTech's schema."""

import datetime
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.credentials import rules

VC_CONTEXT = "https://www.w3.org/2018/credentials/v1"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.2.json"
STATUS_CONTEXT = "https://www.w3.org/ns/credentials/status/v1"
OB_SCHEMA = (
    "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
)
EQF_URL = "https://europa.eu/europass/en/description-eight-eqf-levels"
ACHIEVEMENT_NAMESPACE = uuid.UUID("0b1d5c6e-4f36-4d0a-9a53-5c1f6a0e2a31")


def issuer_did() -> str:
    """did:web of the site's address: its host, a port written as %3A (did:web's rule)."""
    return "did:web:" + urlsplit(settings.SITE_URL).netloc.replace(":", "%3A")


def absolute(name: str, **kwargs) -> str:
    return settings.SITE_URL + reverse(name, kwargs=kwargs or None)


def status_list_url(number: int) -> str:
    return absolute("credentials:status_list", number=number)


def hosted_url(credential_uuid) -> str:
    return absolute("credentials:hosted", uuid=credential_uuid)


def _iso(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_profile(*, name: str, country: str = "") -> dict:
    profile = {
        "id": issuer_did(),
        "type": ["Profile"],
        "name": name,
        "url": settings.SITE_URL + "/",
    }
    if country:
        profile["address"] = {"type": ["Address"], "addressCountry": country}
    return profile


def issuer_profile_document(*, name: str, country: str = "") -> dict:
    return {"@context": [VC_CONTEXT, OB_CONTEXT], **issuer_profile(name=name, country=country)}


def did_document(*, jwks: dict) -> dict:
    did = issuer_did()
    methods = [
        {
            "id": f"{did}#{key['kid']}",
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": key,
        }
        for key in jwks["keys"]
    ]
    ids = [method["id"] for method in methods]
    return {
        "@context": [
            "https://www.w3.org/ns/did/v1",
            "https://w3id.org/security/suites/jws-2020/v1",
        ],
        "id": did,
        "alsoKnownAs": [absolute("credentials:issuer")],
        "verificationMethod": methods,
        "assertionMethod": ids,
        "authentication": ids,
        "service": [
            {"id": f"{did}#profile", "type": "LinkedDomains", "serviceEndpoint": settings.SITE_URL}
        ],
    }


def _criteria(s: dict) -> str:
    lines = [_("Completed the course and met every requirement for its certificate.")]
    if s.get("learning_outcomes"):
        lines += [
            "",
            _("Learning outcomes:"),
            *(f"- {outcome}" for outcome in s["learning_outcomes"]),
        ]
    return "\n".join(lines)


def _description(s: dict) -> str:
    parts = [s["course_title"]]
    if s.get("trade"):
        parts.append(_("Trade: %(trade)s") % {"trade": s["trade"]})
    if s.get("eqf_level"):
        parts.append(_("EQF level %(level)s") % {"level": s["eqf_level"]})
    parts.append(_("%(hours)s hours of learning") % {"hours": s["notional_hours"]})
    return ". ".join(str(part) for part in parts) + "."


def _evidence(s: dict) -> list[dict]:
    """In words only: which requirements were met, never a rate, a score or a date of a session."""
    found = []
    if s.get("attendance_rate") is not None:
        found.append((_("Attendance"), _("The attendance requirement was met.")))
    if s.get("assessment_type"):
        found.append(
            (
                _("Assessment"),
                _("Assessed by %(how)s, and passed.") % {"how": s["assessment_type"]},
            )
        )
    return [
        {"type": ["Evidence"], "name": str(name), "narrative": str(narrative)}
        for name, narrative in found
    ]


def _holder(*, printed_name: str, email: str, salt: str) -> list[dict]:
    identities = []
    if printed_name:
        identities.append(
            {
                "type": "IdentityObject",
                "hashed": False,
                "identityHash": printed_name,
                "identityType": "name",
            }
        )
    if email:
        identities.append(
            {
                "type": "IdentityObject",
                "hashed": True,
                "identityHash": rules.identity_hash(email=email, salt=salt),
                "identityType": "emailAddress",
                "salt": salt,
            }
        )
    return identities


def open_badge(
    *,
    credential_uuid,
    snapshot: dict,
    issued_at: datetime.datetime,
    expires_at: datetime.datetime | None,
    email: str,
    salt: str,
    status_index: int,
    course_key: str,
) -> dict:
    """The OpenBadgeCredential of a certificate, in the certificate's language, from the
    snapshot its PDF prints: nothing that names the programme, no attendance figures."""
    s = snapshot
    number, position = rules.status_place(status_index)
    list_url = status_list_url(number)
    with translation.override(s.get("language") or settings.LANGUAGE_CODE):
        achievement = {
            "id": "urn:uuid:" + str(uuid.uuid5(ACHIEVEMENT_NAMESPACE, course_key)),
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": s["course_title"],
            "description": _description(s),
            "criteria": {"narrative": _criteria(s)},
            "@language": s.get("language") or settings.LANGUAGE_CODE,
        }
        if s.get("trade"):
            achievement["fieldOfStudy"] = s["trade"]
        if s.get("eqf_level"):
            achievement["alignment"] = [
                {
                    "type": ["Alignment"],
                    "targetName": _("EQF level %(level)s") % {"level": s["eqf_level"]},
                    "targetUrl": EQF_URL,
                    "targetFramework": "European Qualifications Framework",
                    "targetCode": str(s["eqf_level"]),
                }
            ]
        credential = {
            "@context": [VC_CONTEXT, OB_CONTEXT, STATUS_CONTEXT],
            "id": f"urn:uuid:{credential_uuid}",
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "name": s["course_title"],
            "description": _description(s),
            "issuer": issuer_profile(name=s["awarding_body"], country=s.get("country", "")),
            "issuanceDate": _iso(issued_at),
            "credentialSubject": {
                "type": ["AchievementSubject"],
                "identifier": _holder(
                    printed_name=s.get("printed_name", ""), email=email, salt=salt
                ),
                "achievement": achievement,
            },
            "evidence": _evidence(s),
            "credentialStatus": {
                "id": f"{list_url}#{position}",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": str(position),
                "statusListCredential": list_url,
            },
            "credentialSchema": [{"id": OB_SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
        }
    if expires_at is not None:
        credential["expirationDate"] = _iso(expires_at)
    return credential


def jwt_claims(credential: dict, *, issued_at, expires_at=None) -> dict:
    """The VC-JWT claims around a credential (the `vc` claim)."""
    claims = {
        "iss": issuer_did(),
        "jti": credential["id"],
        "iat": int(issued_at.timestamp()),
        "nbf": int(issued_at.timestamp()),
        "vc": credential,
    }
    if expires_at is not None:
        claims["exp"] = int(expires_at.timestamp())
    return claims


def status_list_credential(*, number: int, encoded_list: str) -> dict:
    url = status_list_url(number)
    return {
        "@context": [VC_CONTEXT, STATUS_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_did(),
        "issuanceDate": _iso(timezone.now()),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encoded_list,
        },
    }
