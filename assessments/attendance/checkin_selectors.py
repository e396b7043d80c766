"""Reads for self check-in: a fixed number of queries whatever the cohort's size."""

from django.db.models import Count, OuterRef, Q, Subquery

from assessments.models import AttendanceRecord, SelfCheckIn
from courses.models import Session


def self_checkins(*, session: Session) -> list[SelfCheckIn]:
    """The session's self check-ins, newest first, with the learner's name and their record as
    it stands now (`status_now`, `self_now`: still the learner's own, or staff's): one query."""
    record = AttendanceRecord.objects.filter(
        session=OuterRef("session"), enrolment=OuterRef("enrolment")
    )
    return list(
        SelfCheckIn.objects.filter(session=session)
        .select_related("enrolment__learner__profile")
        .annotate(
            status_now=Subquery(record.values("status")[:1]),
            self_now=Subquery(record.values("self_checked_in")[:1]),
        )
        .order_by("-checked_in_at", "-pk")
    )


def checkin_count(*, session: Session) -> dict:
    """How many checked in, and how many of them are still "Present (self)": one query."""
    return SelfCheckIn.objects.filter(session=session).aggregate(
        total=Count("pk"), pending=Count("pk", filter=Q(record__self_checked_in=True))
    )
