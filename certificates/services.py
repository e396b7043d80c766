"""Writes for certificates. Views, the admin, commands and tasks all come through here, so an
ineligible learner cannot be certified by any path: `certificate_issue` decides again."""

import datetime
import hashlib
import logging
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from certificates import branding as branding_images
from certificates import notifications, rules, selectors
from certificates.credentials.services import credential_issue
from certificates.models import Certificate, CertificateBatch, SerialCounter
from certificates.snapshot import certificate_snapshot
from certificates.written_tests import written_tests_printed
from courses.models import Cohort, CoursePage, Enrolment
from courses.services import staff_check
from lms.notifications import language_of
from lms.services import notification_send

logger = logging.getLogger(__name__)

MSG_NOT_ELIGIBLE = _("%(learner)s cannot be certified yet: %(reasons)s")
MSG_NOT_IN_COHORT = _("This learner is not in the cohort.")
MSG_NOTHING_SELECTED = _("Select at least one eligible learner to certify.")
MSG_REASON_REQUIRED = _("Give a reason.")
MSG_ONLY_VALID_REVOKED = _("Only a valid certificate can be revoked.")
MSG_ONLY_VALID_REISSUED = _("Only a valid certificate can be re-issued.")
MSG_NOT_FAILED = _("Only a certificate whose PDF failed can be retried.")
MSG_UNKNOWN_LANGUAGE = _("Choose one of the languages offered.")


def _language_checked(language: str | None) -> str | None:
    if language and language not in dict(settings.LANGUAGES):
        raise ValidationError(MSG_UNKNOWN_LANGUAGE)
    return language or None


def verification_url(code: str) -> str:
    base = settings.SITE_URL
    return base + reverse("verify:detail", kwargs={"code": code})


def serial_next(*, year: int) -> str:
    """The next serial number of the year. The year's counter row is locked until the
    surrounding transaction ends, so two issues at once never get the same number."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("serial_next must run inside a transaction.")
    SerialCounter.objects.get_or_create(year=year)
    counter = SerialCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return rules.serial_format(year=year, number=counter.last)


def _current(enrolment_id: int) -> Certificate | None:
    return (
        Certificate.objects.filter(enrolment_id=enrolment_id)
        .exclude(status=Certificate.Status.SUPERSEDED)
        .first()
    )


def _decide(enrolment: Enrolment) -> rules.EligibilityFacts:
    facts = selectors.eligibility_facts(cohort=enrolment.cohort, enrolments=[enrolment])[
        enrolment.pk
    ]
    decision = rules.eligibility(facts)
    if not decision.eligible:
        raise ValidationError(
            MSG_NOT_ELIGIBLE,
            params={
                "learner": enrolment.learner.display_name,
                "reasons": " ".join(decision.reasons),
            },
        )
    return facts


def _create(
    *, enrolment: Enrolment, facts, by, batch=None, supersedes=None, now=None, language=None
) -> Certificate:
    now = now or timezone.now()
    issued_on = timezone.localdate(now)
    language = language or language_of(enrolment.learner)
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        serial=serial_next(year=issued_on.year),
        verification_code=rules.verification_code_new(),
        snapshot=certificate_snapshot(
            enrolment=enrolment, facts=facts, issued_on=issued_on, language=language
        ),
        language=language,
        issued_by=by,
        issued_at=now,
        batch=batch,
        supersedes=supersedes,
    )
    # Its Open Badges credential, from the same snapshot, in the same transaction.
    credential_issue(certificate=certificate)
    return certificate


def _issue_locked(
    *, enrolment: Enrolment, by, batch=None, language=None
) -> tuple[Certificate, bool]:
    # Lock the enrolment: a second request for the same learner waits here, then finds the
    # certificate the first one made (PostgreSQL; SQLite serialises writers anyway).
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__course__trade", "cohort__region", "learner__profile")
        .get(pk=enrolment.pk)
    )
    staff_check(actor=by, enrolment=enrolment)  # nobody certifies themselves
    existing = _current(enrolment.pk)
    if existing is not None:
        return existing, False
    facts = _decide(enrolment)
    try:
        with transaction.atomic():
            certificate = _create(
                enrolment=enrolment, facts=facts, by=by, batch=batch, language=language
            )
    except IntegrityError:
        # The database constraint is the last guard: someone else won the race.
        existing = _current(enrolment.pk)
        if existing is None:
            raise
        return existing, False
    if enrolment.status == Enrolment.Status.ACTIVE:
        enrolment.status = Enrolment.Status.COMPLETED
        enrolment.save(update_fields=["status"])
    log(instance=certificate, action="certificates.issue", user=by)
    return certificate, True


def certificate_issue(
    *, enrolment: Enrolment, by, batch=None, language: str | None = None
) -> tuple[Certificate, bool]:
    """Certify one enrolment. Idempotent: a second call returns the same certificate with
    created=False. The PDF is rendered in the background once the certificate is committed.
    `language` is the certificate's language; by default the learner's profile language."""
    language = _language_checked(language)
    with transaction.atomic():
        certificate, created = _issue_locked(
            enrolment=enrolment, by=by, batch=batch, language=language
        )
    if created:
        _enqueue_render(certificate)
    return certificate, created


def certificates_issue(
    *, cohort: Cohort, enrolment_ids, by, language: str | None = None
) -> CertificateBatch:
    """Certify several learners of a cohort in one action. All or nothing: if any one is not
    eligible (the queue may be stale), nobody is certified and the message says who and why.
    Each certificate is in `language`, or, if none is given, in its learner's language."""
    language = _language_checked(language)
    raw = [str(pk).strip() for pk in enrolment_ids]
    if not raw:
        raise ValidationError(MSG_NOTHING_SELECTED)
    # Plain digits only, and few enough to be an id: "²" passes isdigit() but not int(), and a
    # number beyond the database's integers fails in the query.
    if not all(pk.isascii() and pk.isdigit() and len(pk) <= 18 for pk in raw):
        raise ValidationError(MSG_NOT_IN_COHORT)
    ids = sorted({int(pk) for pk in raw})
    created: list[Certificate] = []
    with transaction.atomic():
        enrolments = list(cohort.enrolments.filter(pk__in=ids))
        if len(enrolments) != len(ids):
            raise ValidationError(MSG_NOT_IN_COHORT)
        batch = CertificateBatch.objects.create(cohort=cohort, created_by=by)
        errors = []
        for enrolment in enrolments:
            try:
                certificate, was_created = _issue_locked(
                    enrolment=enrolment, by=by, batch=batch, language=language
                )
            except ValidationError as error:
                errors.extend(error.messages)
                continue
            if was_created:
                created.append(certificate)
        if errors:
            raise ValidationError(errors)
    for certificate in created:
        _enqueue_render(certificate)
    return batch


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, reason: str, by) -> Certificate:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MSG_REASON_REQUIRED})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.status != Certificate.Status.VALID:
        raise ValidationError(MSG_ONLY_VALID_REVOKED)
    certificate.status = Certificate.Status.REVOKED
    certificate.status_reason = reason[:300]
    certificate.status_changed_by = by
    certificate.status_changed_at = timezone.now()
    certificate.save(
        update_fields=["status", "status_reason", "status_changed_by", "status_changed_at"]
    )
    log(instance=certificate, action="certificates.revoke", user=by, data={"reason": reason})
    params = notifications.revoked_params(certificate)
    kind = notifications.CERTIFICATE_REVOKED
    notification_send(recipient=certificate.enrolment.learner, kind=kind, params=params, by=by)
    return certificate


def certificate_reissue(*, certificate: Certificate, reason: str, by) -> Certificate:
    """A new certificate (new serial, new code, current name and course data) replacing a valid
    one, which is marked superseded; nothing is deleted. Eligibility is decided again."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MSG_REASON_REQUIRED})
    with transaction.atomic():
        old = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if old.status != Certificate.Status.VALID:
            raise ValidationError(MSG_ONLY_VALID_REISSUED)
        enrolment = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("cohort__course__trade", "cohort__region", "learner__profile")
            .get(pk=old.enrolment_id)
        )
        facts = _decide(enrolment)
        now = timezone.now()
        old.status = Certificate.Status.SUPERSEDED
        old.status_reason = reason[:300]
        old.status_changed_by = by
        old.status_changed_at = now
        old.save(
            update_fields=["status", "status_reason", "status_changed_by", "status_changed_at"]
        )
        # The replacement keeps the language the certificate was issued in.
        new = _create(
            enrolment=enrolment,
            facts=facts,
            by=by,
            supersedes=old,
            now=now,
            language=old.language,
        )
        log(instance=old, action="certificates.supersede", user=by, data={"reason": reason})
        log(instance=new, action="certificates.issue", user=by, data={"replaces": old.serial})
    _enqueue_render(new)
    return new


def _enqueue_render(certificate: Certificate) -> None:
    from certificates.tasks import certificate_render_task

    certificate_render_task.enqueue(certificate.pk)


def certificate_render_retry(*, certificate: Certificate, by) -> Certificate:
    with transaction.atomic():
        certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if certificate.render_status != Certificate.Render.FAILED:
            raise ValidationError(MSG_NOT_FAILED)
        certificate.render_status = Certificate.Render.PENDING
        certificate.save(update_fields=["render_status"])
        log(instance=certificate, action="certificates.render_retry", user=by)
    _enqueue_render(certificate)
    certificate.refresh_from_db()
    return certificate


def certificate_pdf_context(*, certificate: Certificate) -> dict:
    from certificates import pdf  # WeasyPrint: see certificate_render

    branding = selectors.branding()
    url = verification_url(certificate.verification_code)
    snapshot = dict(certificate.snapshot)
    snapshot["participation_label"] = CoursePage.Participation(snapshot["participation_form"]).label
    # Dates and the rate are printed the way the certificate's language writes them.
    for key in ("cohort_start", "cohort_end", "issued_on"):
        snapshot[key] = datetime.date.fromisoformat(snapshot[key])
    snapshot["written_tests"] = written_tests_printed(snapshot)
    if snapshot.get("attendance_rate"):
        snapshot["attendance_rate"] = Decimal(snapshot["attendance_rate"])
    return {
        "certificate": certificate,
        "s": snapshot,
        "verification_url": url,
        "short_code": rules.verification_short_code(certificate.verification_code),
        "verify_page_url": settings.SITE_URL + reverse("verify:lookup"),
        "qr_data_uri": pdf.qr_data_uri(url),
        "logo_data_uri": pdf.image_data_uri(branding.logo),
        "signature_data_uri": pdf.image_data_uri(branding.signature),
    }


def certificate_render(*, certificate_id: int) -> Certificate:
    """Render and store one certificate's PDF with its SHA-256, then tell the learner. A
    failure is recorded on the certificate (visible in the queue, retryable) and re-raised."""
    certificate = Certificate.objects.select_related("enrolment__learner__profile").get(
        pk=certificate_id
    )
    if certificate.render_status == Certificate.Render.RENDERED:
        return certificate
    # Imported here, not at the top: WeasyPrint takes about a second to load, and every web
    # worker imports this module with the URLconf on its first request (and again each time
    # gunicorn recycles it), where no page renders a PDF. Task workers load it at start-up
    # (certificates.pdf.warm_up).
    from certificates import pdf

    try:
        content = pdf.certificate_pdf(
            context=certificate_pdf_context(certificate=certificate),
            language=certificate.language,
        )
    except Exception as exc:
        logger.exception("Certificate %s failed to render", certificate.serial)
        certificate.render_status = Certificate.Render.FAILED
        certificate.render_error = f"{type(exc).__name__}: {exc}"[:2000]
        certificate.save(update_fields=["render_status", "render_error"])
        log(instance=certificate, action="certificates.render_fail", user=None)
        raise
    certificate.pdf.save(f"{certificate.serial}.pdf", ContentFile(content), save=False)
    certificate.sha256 = hashlib.sha256(content).hexdigest()
    certificate.render_status = Certificate.Render.RENDERED
    certificate.render_error = ""
    certificate.rendered_at = timezone.now()
    certificate.branding = branding_images.images_used(selectors.branding())
    certificate.save(
        update_fields=["pdf", "sha256", "render_status", "render_error", "rendered_at", "branding"]
    )
    try:
        certificate_notify(certificate=certificate)
    except Exception:
        # The certificate is issued and its PDF stored; a mail server being down must not
        # turn that into a failure. The learner still finds it under "My certificates".
        logger.exception("Could not email the learner about certificate %s", certificate.serial)
    return certificate


def certificate_notify(*, certificate: Certificate) -> None:
    """Tell the learner: in their notifications, and by its own email in their language."""
    learner = certificate.enrolment.learner
    notification_send(
        recipient=learner,
        kind=notifications.CERTIFICATE_ISSUED,
        params=notifications.issued_params(certificate),
        email=False,
    )
    if not learner.email:
        return
    base = settings.SITE_URL
    with translation.override(language_of(learner)):
        context = {
            "certificate": certificate,
            "mine_url": base + reverse("certificates:mine"),
            "verification_url": verification_url(certificate.verification_code),
        }
        subject = render_to_string("certificates/email_issued_subject.txt", context).strip()
        body = render_to_string("certificates/email_issued.txt", context)
    send_mail(subject, body, None, [learner.email])
