"""Writes for the indicators: recording a follow-up."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.models import Enrolment
from courses.selectors import cohorts_coordinated_by
from indicators import rules
from indicators.models import FollowUp
from lms.formats import medium_date

MSG_NOT_COORDINATOR = _("Only a coordinator of this learner's cohort may record follow-ups.")
MSG_WITHDRAWN = _("This learner withdrew from the cohort: there is nothing to follow up.")
MSG_BAD_MONTHS = _("Choose a follow-up at 3, 6 or 12 months.")
MSG_BAD_OUTCOME = _("Choose one of the outcomes listed.")
MSG_NOT_YET = _(
    "This follow-up is not due yet: it can be recorded from %(date)s, %(months)s months after "
    "the cohort ended."
)
MSG_NOTE_TOO_LONG = _("Keep the note to 300 characters or fewer.")


def followup_record(
    *, enrolment: Enrolment, months: int, outcome: str, note: str = "", by, today=None
) -> FollowUp:
    """Record (or correct) what became of a learner `months` after their cohort ended.

    Only a coordinator of the cohort (or a superuser) may; the point in time must have come."""
    today = today or timezone.localdate()
    if not cohorts_coordinated_by(by).filter(pk=enrolment.cohort_id).exists():
        raise ValidationError(MSG_NOT_COORDINATOR)
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        raise ValidationError(MSG_WITHDRAWN)
    if months not in rules.FOLLOW_UP_MONTHS:
        raise ValidationError(MSG_BAD_MONTHS)
    if outcome not in rules.OUTCOMES:
        raise ValidationError(MSG_BAD_OUTCOME)
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError(MSG_NOTE_TOO_LONG)
    end_date = enrolment.cohort.end_date
    if not rules.may_record_follow_up(end_date=end_date, months=months, today=today):
        raise ValidationError(
            MSG_NOT_YET
            % {
                "date": medium_date(rules.follow_up_due_on(end_date=end_date, months=months)),
                "months": months,
            }
        )
    with transaction.atomic():
        follow_up, created = FollowUp.objects.select_for_update().get_or_create(
            enrolment=enrolment,
            months=months,
            defaults={
                "outcome": outcome,
                "note": note,
                "recorded_by": by,
                "recorded_at": timezone.now(),
            },
        )
        if not created:
            previous = follow_up.outcome
            follow_up.outcome = outcome
            follow_up.note = note
            follow_up.recorded_by = by
            follow_up.recorded_at = timezone.now()
            follow_up.save(update_fields=["outcome", "note", "recorded_by", "recorded_at"])
        log(
            instance=follow_up,
            action="lms.followup.record" if created else "lms.followup.correct",
            user=by,
            data={"months": months, "outcome": outcome}
            | ({} if created else {"previous": previous}),
        )
    return follow_up
