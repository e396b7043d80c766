"""Certificates, their credentials and learning records in a person's data (privacy/sections.py):
the export lists them with each valid PDF; erasure keeps them verifiable with the name withheld."""

from certificates.credentials.services import credentials_erase
from certificates.models import Certificate
from privacy import learning_records


def _name(certificate: Certificate) -> str:
    return f"certificates/{certificate.serial}.pdf"


def _credential(certificate: Certificate) -> dict | None:
    """A valid certificate's digital credential, as "My certificates" offers it: the signed file
    itself (a VC-JWT, docs/credentials.md) and whether anyone holding it may look it up."""
    credential = getattr(certificate, "credential", None)
    if credential is None or not credential.jwt or certificate.status != Certificate.Status.VALID:
        return None
    return {"signed": credential.jwt, "public_lookup": credential.public_lookup}


def export(user) -> list:
    """One query: the certificates with their credentials."""
    certificates = (
        Certificate.objects.filter(enrolment__learner=user)
        .select_related("credential")
        .order_by("issued_at", "pk")
    )
    return [
        {
            "serial": c.serial,
            "status": c.status,
            "issued_at": c.issued_at.isoformat() if c.issued_at else None,
            "certified": c.snapshot,
            # Only a valid certificate's PDF, as on "My certificates" (docs/security.md).
            "pdf": _name(c) if c.pdf and c.status == Certificate.Status.VALID else None,
            "digital_credential": _credential(c),
        }
        for c in certificates
    ]


def files(user):
    valid = Certificate.objects.filter(enrolment__learner=user, status=Certificate.Status.VALID)
    for certificate in valid.exclude(pdf=""):
        yield _name(certificate), certificate.pdf


def erase(user) -> list[str]:
    """Certificates stay verifiable (status, course, hours, dates, the SHA-256 of the PDF that was
    issued, so a copy the holder kept still checks as authentic), with the name withheld."""
    from privacy.sections import WITHHELD

    certificates = list(Certificate.objects.filter(enrolment__learner=user))
    stored = [c.pdf.name for c in certificates if c.pdf]
    for certificate in certificates:
        snapshot = dict(certificate.snapshot)
        snapshot["printed_name"] = ""
        snapshot["name_withheld"] = True
        certificate.snapshot = snapshot
        certificate.pdf = ""
        if certificate.status_reason:
            certificate.status_reason = WITHHELD
    Certificate.objects.bulk_update(certificates, ["snapshot", "pdf", "status_reason"])
    credentials_erase(certificates=certificates)
    return stored + learning_records.erase(user)
