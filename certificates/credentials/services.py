"""Writes for credentials: the credential made with each certificate, the holder's choice of
public lookup, and what the erasure of a person leaves."""

import datetime
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from certificates.credentials import documents, rules, signing
from certificates.credentials.models import Credential, StatusIndexCounter

MSG_NOT_YOURS = _("Only the holder of a credential may change who can look it up.")

COUNTER = "revocation"


def status_index_next() -> int:
    """The next place in the status lists: the counter's row is locked until the surrounding
    transaction ends, so a place is given once, and never given again."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("status_index_next must run inside a transaction.")
    StatusIndexCounter.objects.get_or_create(name=COUNTER)
    counter = StatusIndexCounter.objects.select_for_update().get(name=COUNTER)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


def _expires_at(certificate) -> datetime.datetime | None:
    course = certificate.enrolment.cohort.course
    last_day = rules.last_valid_day(
        issued_on=datetime.date.fromisoformat(certificate.snapshot["issued_on"]),
        validity_months=course.validity_months,
    )
    if last_day is None:
        return None
    midnight = datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time())
    return timezone.make_aware(midnight)


@transaction.atomic
def credential_issue(*, certificate) -> Credential:
    """Sign the Open Badges credential of a certificate just made, from its snapshot. Runs in
    the certificate's transaction: without a signing key (production not configured) the
    certificate is not issued either."""
    learner = certificate.enrolment.learner
    credential = Credential(certificate=certificate, status_index=status_index_next())
    expires_at = _expires_at(certificate)
    course = certificate.enrolment.cohort.course
    badge = documents.open_badge(
        credential_uuid=credential.uuid,
        snapshot=certificate.snapshot,
        issued_at=certificate.issued_at,
        expires_at=expires_at,
        email=learner.email,
        salt=secrets.token_hex(16),
        status_index=credential.status_index,
        course_key=f"{documents.issuer_did()}/course/{course.pk}/{certificate.language}",
    )
    claims = documents.jwt_claims(badge, issued_at=certificate.issued_at, expires_at=expires_at)
    credential.jwt, credential.kid = signing.sign(claims)
    credential.save()
    return credential


@transaction.atomic
def credential_lookup_set(*, credential: Credential, public: bool, by) -> Credential:
    """The holder lets anyone holding the credential look it up (the default), or withdraws it
    from public lookup; either way it stays valid and its status list place is unchanged."""
    credential = (
        Credential.objects.select_for_update()
        .select_related("certificate__enrolment")
        .get(pk=credential.pk)
    )
    if credential.certificate.enrolment.learner_id != getattr(by, "pk", None):
        raise PermissionDenied(MSG_NOT_YOURS)
    if credential.public_lookup != public:
        credential.public_lookup = public
        credential.save(update_fields=["public_lookup"])
        log(
            instance=credential.certificate,
            action="certificates.credential_lookup",
            user=by,
            data={"public": public},
        )
    return credential


def credentials_erase(*, certificates) -> None:
    """The erasure of a person: the signed credentials (their name and hashed email) go; each
    keeps its place in the status list, so a copy kept elsewhere still reads as valid or
    revoked, and the check withholds the name as it does for the PDF."""
    Credential.objects.filter(certificate__in=certificates).update(jwt="", public_lookup=False)


def credentials_backfill() -> int:
    """Give each valid certificate issued before credentials existed its credential, from its
    snapshot as issued. Idempotent; returns how many were made."""
    from certificates.models import Certificate

    made = 0
    missing = Certificate.objects.filter(
        status=Certificate.Status.VALID, credential__isnull=True
    ).select_related("enrolment__learner", "enrolment__cohort__course")
    for certificate in missing.iterator():
        with transaction.atomic():
            if not Credential.objects.filter(certificate=certificate).exists():
                credential_issue(certificate=certificate)
                made += 1
    return made
