"""Writes for courses. Views, the admin, commands and tasks all come through here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses import rules
from courses.models import Cohort, Enrolment, LessonCompletion, LessonPage

MSG_ALREADY_ENROLLED = _("%(learner)s is already enrolled in %(cohort)s.")
MSG_COHORT_FULL = _("%(cohort)s is full (%(capacity)s places).")
MSG_WITHDRAW_REASON = _("Give a reason for the withdrawal.")
MSG_NOT_ENROLLED = _("You are not enrolled in a cohort of this course.")
MSG_ENROLLED_BEFORE_START = _("The enrolment date cannot be after the cohort's end date.")


def _active_count(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).count()


@transaction.atomic
def enrolment_create(
    *, learner, cohort: Cohort, enrolled_on: datetime.date | None = None, by=None
) -> Enrolment:
    """Enrol a learner, refusing duplicates and a full cohort.

    The cohort row is locked so that two enrolments at the same moment cannot both take the last
    place (on PostgreSQL; SQLite serialises writers anyway)."""
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if Enrolment.objects.filter(learner=learner, cohort=cohort).exists():
        raise ValidationError(MSG_ALREADY_ENROLLED, params={"learner": learner, "cohort": cohort})
    if not rules.enrolment_has_room(capacity=cohort.capacity, active_count=_active_count(cohort)):
        raise ValidationError(
            MSG_COHORT_FULL, params={"cohort": cohort, "capacity": cohort.capacity}
        )
    enrolled_on = enrolled_on or timezone.localdate()
    if enrolled_on > cohort.end_date:
        raise ValidationError(MSG_ENROLLED_BEFORE_START)
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                learner=learner, cohort=cohort, enrolled_on=enrolled_on
            )
    except IntegrityError as exc:  # a concurrent request enrolled the same learner
        raise ValidationError(
            MSG_ALREADY_ENROLLED, params={"learner": learner, "cohort": cohort}
        ) from exc
    log(instance=enrolment, action="lms.enrolment.create", user=by)
    return enrolment


@transaction.atomic
def enrolment_withdraw(
    *, enrolment: Enrolment, reason: str, on: datetime.date | None = None, by=None
) -> Enrolment:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"withdrawal_reason": MSG_WITHDRAW_REASON})
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawal_reason = reason
    enrolment.withdrawn_on = on or timezone.localdate()
    enrolment.save(update_fields=["status", "withdrawal_reason", "withdrawn_on"])
    log(instance=enrolment, action="lms.enrolment.withdraw", user=by)
    return enrolment


def lesson_complete(*, enrolment: Enrolment | None, lesson: LessonPage) -> LessonCompletion:
    """Mark a lesson done. Idempotent: doing it twice keeps the first completion time."""
    if enrolment is None or enrolment.status == Enrolment.Status.WITHDRAWN:
        raise ValidationError(MSG_NOT_ENROLLED)
    if lesson.get_parent().pk != enrolment.cohort.course_id:
        raise ValidationError(MSG_NOT_ENROLLED)
    completion, _created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": timezone.now()}
    )
    return completion
