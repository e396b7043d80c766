"""Writes for practical assessments. Views, the admin, commands and the demo all come through
here."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from assessments import notifications
from assessments.models import AssessmentTemplate, Attempt, CriterionResult, Evidence, Review
from assessments.practical import rules, selectors
from courses.models import Enrolment
from courses.services import staff_check
from lms.formats import medium_date
from lms.services import notification_send

MSG_NOT_COHORT_STAFF = _("Only a trainer or coordinator of this learner's cohort can assess.")
MSG_WRONG_COURSE = _("This practical assessment belongs to another course.")
MSG_NOT_ACTIVE = _("This learner's enrolment is not active, so no attempt can be started.")
MSG_ALREADY_PASSED = _("%(learner)s has already passed “%(template)s”: no further attempt.")
MSG_ATTEMPT_OPEN = _(
    "%(learner)s already has an attempt at “%(template)s” in progress. "
    "Finish it and have it reviewed first."
)
MSG_ATTEMPTS_EXHAUSTED = _(
    "%(learner)s has used all %(allowed)s attempts at “%(template)s” that this course allows."
)
MSG_NOT_ASSESSOR = _("Only the assessor who recorded this attempt can change it.")
MSG_NOT_EDITABLE = _("This attempt has been submitted and can no longer be changed.")
MSG_NO_CRITERIA = _("This practical assessment has no criteria yet; a coordinator must add them.")
MSG_UNMARKED = _("Mark every criterion as met or not yet met before submitting.")
MSG_DATE_IN_FUTURE = _("The date of the assessment cannot be in the future.")
MSG_DATE_BEFORE_COHORT_START = _(
    "An assessment cannot be dated before its cohort started. "
    "Enter a date on or after %(date)s, when the cohort started."
)
MSG_DATE_BEFORE_ENROLMENT = _(
    "An assessment cannot be dated before the learner joined the cohort. "
    "Enter a date on or after %(date)s, when %(learner)s enrolled."
)
MSG_COHORT_NOT_STARTED = _(
    "This cohort starts on %(date)s: its learners can be assessed from that day."
)
MSG_NOT_ENROLLED_YET = _(
    "%(learner)s joins the cohort on %(date)s: they can be assessed from that day."
)
MSG_DATE_AFTER_WITHDRAWAL = _(
    "An assessment cannot be dated after the learner withdrew. "
    "Enter a date on or before %(date)s, when %(learner)s withdrew."
)
MSG_ONLY_DRAFT_DISCARDED = _("Only a draft can be discarded; this attempt has been submitted.")
MSG_NOT_SUBMITTED = _("Only an attempt awaiting review can be confirmed.")
MSG_CANNOT_RETURN = _("Only an attempt awaiting review, or a confirmed one, can be returned.")
MSG_REVIEWER_IS_ASSESSOR = _(
    "You assessed this attempt, so you cannot review it. A second person must review it."
)
MSG_REVIEWER_NOT_STAFF = _(
    "Only a trainer or coordinator of this learner's cohort can review this attempt."
)
MSG_RETURN_REASON = _("Say what must be corrected: a returned attempt needs a reason.")
MSG_EVIDENCE_TOO_BIG = _("“%(name)s” is larger than 10 MB. Take a smaller photo or split the PDF.")
MSG_EVIDENCE_TYPE = _("“%(name)s” is not a JPEG or PNG photo or a PDF document.")
MSG_EVIDENCE_BROKEN = _("“%(name)s” looks like an image but cannot be opened. Take it again.")
MSG_EVIDENCE_EMPTY = _("“%(name)s” is empty.")
MSG_EVIDENCE_TOO_MANY_PIXELS = _(
    "“%(name)s” is a picture too large to open (over 89 megapixels). Take a smaller photo."
)


@dataclass(frozen=True)
class Mark:
    """What an assessor records for one criterion: met is None while not decided."""

    met: bool | None
    comment: str = ""


DATE_MESSAGES = {
    rules.DateRefusal.COHORT_NOT_STARTED: MSG_COHORT_NOT_STARTED,
    rules.DateRefusal.NOT_ENROLLED_YET: MSG_NOT_ENROLLED_YET,
    rules.DateRefusal.IN_FUTURE: MSG_DATE_IN_FUTURE,
    rules.DateRefusal.BEFORE_COHORT_START: MSG_DATE_BEFORE_COHORT_START,
    rules.DateRefusal.BEFORE_ENROLMENT: MSG_DATE_BEFORE_ENROLMENT,
    rules.DateRefusal.AFTER_WITHDRAWAL: MSG_DATE_AFTER_WITHDRAWAL,
}


def _check_assessment_date(
    enrolment: Enrolment, assessed_on: datetime.date, *, field: str | None = None
) -> None:
    """Refuse a date before the learner could be assessed in the cohort, after the learner
    withdrew, or after today; on `field` if given, so that a form shows the message next to the
    date."""
    dates = {"cohort_start": enrolment.cohort.start_date, "enrolled_on": enrolment.enrolled_on}
    refusal = rules.assessment_date_refusal(
        assessed_on=assessed_on,
        withdrawn_on=enrolment.withdrawn_on,
        today=timezone.localdate(),
        **dates,
    )
    if refusal is None:
        return
    day = (
        enrolment.withdrawn_on
        if refusal is rules.DateRefusal.AFTER_WITHDRAWAL
        else rules.assessment_earliest_day(**dates)
    )
    params = {"date": medium_date(day), "learner": enrolment.learner}
    error = ValidationError(DATE_MESSAGES[refusal], params=params)
    raise ValidationError({field: error}) if field else error


def _staff_ids(enrolment: Enrolment) -> set[int]:
    return selectors.cohort_staff_ids(cohort=enrolment.cohort)


def _may_act_in_cohort(user, enrolment: Enrolment) -> bool:
    return user.is_superuser or user.pk in _staff_ids(enrolment)


@transaction.atomic
def attempt_start(
    *,
    enrolment: Enrolment,
    template: AssessmentTemplate,
    assessor,
    assessed_on: datetime.date | None = None,
) -> Attempt:
    """Start a draft attempt, refusing a passed assessment, an attempt still open, and attempts
    beyond the course's maximum. The enrolment row is locked so two trainers cannot both start
    the last allowed attempt (on PostgreSQL; SQLite serialises writers anyway)."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__course", "learner__profile")
        .get(pk=enrolment.pk)
    )
    if not _may_act_in_cohort(assessor, enrolment):
        raise ValidationError(MSG_NOT_COHORT_STAFF)
    staff_check(actor=assessor, enrolment=enrolment)
    if template.course_id != enrolment.cohort.course_id:
        raise ValidationError(MSG_WRONG_COURSE)
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise ValidationError(MSG_NOT_ACTIVE)
    criteria = list(template.criteria.order_by("sort_order"))
    if not criteria:
        raise ValidationError(MSG_NO_CRITERIA)
    counts = selectors.attempt_counts(enrolment=enrolment, template=template)
    allowed = enrolment.cohort.course.max_assessment_attempts
    refusal = rules.attempt_start_refusal(attempts_allowed=allowed, **counts)
    params = {
        "learner": enrolment.learner,
        "template": template.translated_name,
        "allowed": allowed,
    }
    if refusal is rules.StartRefusal.ALREADY_PASSED:
        raise ValidationError(MSG_ALREADY_PASSED, params=params)
    if refusal is rules.StartRefusal.ATTEMPT_OPEN:
        raise ValidationError(MSG_ATTEMPT_OPEN, params=params)
    if refusal is rules.StartRefusal.ATTEMPTS_EXHAUSTED:
        raise ValidationError(MSG_ATTEMPTS_EXHAUSTED, params=params)
    assessed_on = assessed_on or timezone.localdate()
    _check_assessment_date(enrolment, assessed_on)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                enrolment=enrolment,
                template=template,
                number=counts["attempts_used"] + 1,
                assessor=assessor,
                assessed_on=assessed_on,
            )
    except IntegrityError as exc:  # the same attempt number was taken at the same moment
        raise ValidationError(MSG_ATTEMPT_OPEN, params=params) from exc
    CriterionResult.objects.bulk_create(
        [CriterionResult(attempt=attempt, criterion=criterion) for criterion in criteria]
    )
    log(instance=attempt, action="assessments.attempt.start", user=assessor)
    return attempt


def _check_editable(attempt: Attempt, by) -> None:
    if attempt.assessor_id != by.pk:
        raise ValidationError(MSG_NOT_ASSESSOR)
    staff_check(actor=by, enrolment=attempt.enrolment)
    if not attempt.is_editable:
        raise ValidationError(MSG_NOT_EDITABLE)


def _locked(attempt: Attempt) -> Attempt:
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("enrolment__cohort", "template")
        .get(pk=attempt.pk)
    )


@transaction.atomic
def attempt_record(
    *,
    attempt: Attempt,
    by,
    marks: dict[int, Mark],
    feedback: str,
    assessed_on: datetime.date,
    uploads=(),
) -> Attempt:
    """Save what the assessor observed, criterion by criterion (a draft: nothing is final), and
    the photos or PDFs sent with it (`uploads`), all or nothing."""
    attempt = _locked(attempt)
    _check_editable(attempt, by)
    _check_assessment_date(attempt.enrolment, assessed_on, field="assessed_on")
    results = list(attempt.results.all())
    for result in results:
        mark = marks.get(result.criterion_id)
        if mark is not None:
            result.met = mark.met
            result.comment = mark.comment.strip()
    CriterionResult.objects.bulk_update(results, ["met", "comment"])
    attempt.feedback = feedback.strip()
    attempt.assessed_on = assessed_on
    attempt.save(update_fields=["feedback", "assessed_on", "updated_at"])
    log(instance=attempt, action="assessments.attempt.record", user=by)
    for upload in uploads:
        evidence_add(attempt=attempt, upload=upload, by=by)
    return attempt


def evidence_check(upload) -> str:
    """The content type of an uploaded file, judged by its content; raises on anything else."""
    name = getattr(upload, "name", "") or ""
    size = upload.size
    if size == 0:
        raise ValidationError(MSG_EVIDENCE_EMPTY, params={"name": name})
    if size > rules.EVIDENCE_MAX_BYTES:
        raise ValidationError(MSG_EVIDENCE_TOO_BIG, params={"name": name})
    upload.seek(0)
    content_type = rules.evidence_content_type(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise ValidationError(MSG_EVIDENCE_TYPE, params={"name": name})
    if content_type.startswith("image/"):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(upload) as image:
                # A few KB can declare billions of pixels (a decompression bomb): refuse past
                # Pillow's own limit, which Image.open only raises on at twice that.
                if image.width * image.height > Image.MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError
                image.verify()
        except Image.DecompressionBombError as exc:
            raise ValidationError(MSG_EVIDENCE_TOO_MANY_PIXELS, params={"name": name}) from exc
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(MSG_EVIDENCE_BROKEN, params={"name": name}) from exc
        finally:
            upload.seek(0)
    return content_type


@transaction.atomic
def evidence_add(*, attempt: Attempt, upload, by) -> Evidence:
    """Attach a photo or PDF to an attempt still being recorded."""
    attempt = _locked(attempt)
    _check_editable(attempt, by)
    content_type = evidence_check(upload)
    evidence = Evidence(
        attempt=attempt,
        original_name=(getattr(upload, "name", "") or "")[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    evidence.file.save("evidence", upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    log(
        instance=attempt,
        action="assessments.evidence.add",
        user=by,
        data={"evidence": evidence.pk, "content_type": content_type, "size": evidence.size},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by) -> None:
    attempt = _locked(evidence.attempt)
    _check_editable(attempt, by)
    stored = evidence.file.name
    log(
        instance=attempt,
        action="assessments.evidence.remove",
        user=by,
        data={"evidence": evidence.pk},
    )
    evidence.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: Evidence.file.field.storage.delete(stored))


@transaction.atomic
def attempt_discard(*, attempt: Attempt, by) -> None:
    """Throw away a draft started by mistake, so it does not use up one of the attempts.
    Anything submitted stays: it is part of the learner's record."""
    attempt = _locked(attempt)
    if attempt.assessor_id != by.pk:
        raise ValidationError(MSG_NOT_ASSESSOR)
    if attempt.status != Attempt.Status.DRAFT:
        raise ValidationError(MSG_ONLY_DRAFT_DISCARDED)
    stored = [evidence.file.name for evidence in attempt.evidence.all()]
    log(instance=attempt, action="assessments.attempt.discard", user=by)
    attempt.evidence.all().delete()
    attempt.results.all().delete()
    attempt.delete()
    storage = Evidence.file.field.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in stored])


@transaction.atomic
def attempt_submit(*, attempt: Attempt, by) -> Attempt:
    """Hand the attempt to a second person. The outcome is computed here from the criteria."""
    attempt = _locked(attempt)
    _check_editable(attempt, by)
    results = list(attempt.results.select_related("criterion"))
    marks = [rules.CriterionMark(mandatory=r.criterion.mandatory, met=r.met) for r in results]
    if not rules.marks_complete(marks):
        raise ValidationError(MSG_UNMARKED)
    passed = rules.practical_passed(marks=marks, min_share_met=attempt.template.min_share_met)
    attempt.outcome = Attempt.Outcome.PASS if passed else Attempt.Outcome.NOT_YET
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["outcome", "status", "submitted_at", "updated_at"])
    log(instance=attempt, action="assessments.attempt.submit", user=by)
    return attempt


def _check_reviewer(attempt: Attempt, reviewer) -> None:
    if reviewer.pk == attempt.assessor_id:
        raise ValidationError(MSG_REVIEWER_IS_ASSESSOR)
    staff = _staff_ids(attempt.enrolment)
    if reviewer.is_superuser:
        staff.add(reviewer.pk)
    if not rules.reviewer_allowed(
        reviewer_id=reviewer.pk, assessor_id=attempt.assessor_id, cohort_staff_ids=staff
    ):
        raise ValidationError(MSG_REVIEWER_NOT_STAFF)
    staff_check(actor=reviewer, enrolment=attempt.enrolment)


@transaction.atomic
def attempt_confirm(*, attempt: Attempt, reviewer, comment: str = "") -> Review:
    """A second person confirms a submitted attempt: from now on its outcome counts."""
    attempt = _locked(attempt)
    _check_reviewer(attempt, reviewer)
    if attempt.status != Attempt.Status.SUBMITTED:
        raise ValidationError(MSG_NOT_SUBMITTED)
    review = Review.objects.create(
        attempt=attempt,
        reviewer=reviewer,
        decision=Review.Decision.CONFIRMED,
        comment=comment.strip(),
    )
    attempt.status = Attempt.Status.CONFIRMED
    attempt.save(update_fields=["status", "updated_at"])
    log(instance=attempt, action="assessments.attempt.review", user=reviewer)
    _learner_tell(attempt, notifications.ATTEMPT_CONFIRMED, by=reviewer)
    return review


def _learner_tell(attempt: Attempt, kind: str, *, by) -> None:
    params = notifications.attempt_params(attempt)
    notification_send(recipient=attempt.enrolment.learner, kind=kind, params=params, by=by)


@transaction.atomic
def attempt_return(*, attempt: Attempt, reviewer, reason: str) -> Review:
    """Send an attempt back to its assessor for correction, with the reason. Returning a
    confirmed attempt is a correction: the earlier confirmation stays on record, but the
    attempt no longer counts until it is corrected, submitted and confirmed again."""
    attempt = _locked(attempt)
    _check_reviewer(attempt, reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"comment": MSG_RETURN_REASON})
    if attempt.status not in (Attempt.Status.SUBMITTED, Attempt.Status.CONFIRMED):
        raise ValidationError(MSG_CANNOT_RETURN)
    review = Review.objects.create(
        attempt=attempt,
        reviewer=reviewer,
        decision=Review.Decision.RETURNED,
        comment=reason,
        is_correction=attempt.status == Attempt.Status.CONFIRMED,
    )
    attempt.status = Attempt.Status.RETURNED
    attempt.save(update_fields=["status", "updated_at"])
    log(instance=attempt, action="assessments.attempt.return", user=reviewer)
    _learner_tell(attempt, notifications.ATTEMPT_RETURNED, by=reviewer)
    return review
