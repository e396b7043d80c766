"""The learner's learning record: every course they took, certified or not, in their language.

Each download is issued (`learning_record_issue`): what it lists is frozen with a verification
code of its own, printed on it in its short form, so that an employer can confirm at /verify/
that the record came from us and read what it listed (`learning_record_by_lookup`)."""

import dataclasses
import hashlib

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from certificates import rules, selectors
from certificates.models import LearningRecord
from certificates.services import language_of


def _entry_snapshot(entry: selectors.RecordEntry) -> dict:
    cohort = entry.enrolment.cohort
    return {
        "course_title": entry.course.title,
        "trade": entry.trade,
        "start": cohort.start_date.isoformat(),
        "end": cohort.end_date.isoformat(),
        "hours": entry.course.notional_hours,
        "eqf_level": entry.course.eqf_level,
        "state": entry.state,
        "serial": entry.certificate.serial if entry.certificate else "",
    }


@transaction.atomic
def learning_record_issue(*, learner, entries, language: str) -> LearningRecord:
    """Freeze what the learner's record lists now, under a new verification code. Only the
    learner issues their own record: the view passes request.user, nobody else's."""
    record = LearningRecord.objects.create(
        learner=learner,
        verification_code=rules.verification_code_new(),
        issued_at=timezone.now(),
        language=language,
        snapshot={
            "printed_name": learner.display_name,
            "awarding_body": selectors.branding().awarding_body,
            "entries": [_entry_snapshot(entry) for entry in entries],
        },
    )
    log(instance=record, action="certificates.learning_record.issue", user=learner)
    return record


def learning_record_by_lookup(*, text: str) -> LearningRecord | None:
    """A learning record by its verification code or the short form printed on it."""
    text = (text or "").strip()
    if not text or "\x00" in text or rules.looks_like_serial(text):
        return None
    start = rules.verification_code_start(text)
    if not start:
        return LearningRecord.objects.filter(verification_code=text).first()
    # As for certificates (selectors.certificate_by_lookup): case confirmed here, one match only.
    found = [
        record
        for record in LearningRecord.objects.filter(verification_code__startswith=start)[:2]
        if record.verification_code.startswith(start)
    ]
    return found[0] if len(found) == 1 else None


def learning_record_pdf(*, learner) -> bytes:
    # Not at the top: WeasyPrint loads in about a second, which a web worker would otherwise
    # pay with the URLconf on its first request (certificates.services.certificate_render).
    from certificates import pdf
    from certificates.services import verification_url

    language = language_of(learner)
    entries = [
        dataclasses.replace(
            entry,
            state=rules.record_state(
                certified=entry.certificate is not None,
                awards_certificate=entry.course.awards_certificate,
                enrolment_status=entry.enrolment.status,
            ),
        )
        for entry in selectors.learning_record(learner=learner, language=language)
    ]
    record = learning_record_issue(learner=learner, entries=entries, language=language)
    content = pdf.learning_record_pdf(
        context={
            "learner": learner,
            "entries": entries,
            "branding": selectors.branding(),
            "today": timezone.localdate(record.issued_at),
            "verification_url": verification_url(record.verification_code),
            "short_code": rules.verification_short_code(record.verification_code),
        },
        language=language,
    )
    LearningRecord.objects.filter(pk=record.pk).update(sha256=hashlib.sha256(content).hexdigest())
    return content


def learning_record_by_sha256(*, digest: str) -> LearningRecord | None:
    """The learning record whose PDF, as downloaded, has this SHA-256."""
    return LearningRecord.objects.filter(sha256=digest).exclude(sha256="").first()
