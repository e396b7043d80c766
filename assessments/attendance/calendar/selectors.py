"""Reads for calendar feeds: whose feed a secret opens, and that person's sessions."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone

from assessments.attendance.calendar import tokens
from assessments.models import CalendarFeed
from courses.models import Cohort, Enrolment, Session

# A feed shows the sessions from this many days ago on: enough for "what did I miss", small
# enough that a phone fetches it quickly.
DAYS_BACK = 90


def feed_for_token(token: str) -> CalendarFeed | None:
    """The feed this secret opens (its owner and their profile loaded), if any: one query."""
    if len(token) != 64:
        return None
    return (
        CalendarFeed.objects.select_related("user__profile")
        .filter(token_hash=tokens.token_hash(token), user__is_active=True)
        .first()
    )


def feed_of(*, user) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user).first()


def feed_sessions(*, user, today: datetime.date | None = None) -> QuerySet[Session]:
    """The person's sessions: those of the cohorts they are enrolled in (not withdrawn) and of the
    cohorts they train, cancelled ones included (a calendar must hear of a cancellation). One
    query."""
    today = today or timezone.localdate()
    enrolled = Enrolment.objects.filter(learner=user).exclude(status=Enrolment.Status.WITHDRAWN)
    cohorts = Cohort.objects.filter(Q(pk__in=enrolled.values("cohort_id")) | Q(trainers=user))
    return (
        Session.objects.filter(
            cohort__in=cohorts.values("pk"), date__gte=today - datetime.timedelta(days=DAYS_BACK)
        )
        .select_related("cohort__course")
        .order_by("date", "start_time", "pk")
    )
