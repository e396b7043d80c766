"""Reads for "Today", scoped to the cohorts the person trains: a fixed number of queries however
many cohorts, sessions, learners and attempts."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from assessments.models import AttendanceRecord, AttendanceRisk
from assessments.practical import selectors as practical_selectors
from assessments.practical.selectors import AssessorQueue
from courses.models import Enrolment, Session
from workspace.today import rules


@dataclass(frozen=True)
class SessionRow:
    session: Session
    day: str  # rules.TODAY, TOMORROW or LATER
    roll_call: rules.RollCallCounts

    @property
    def roll_call_due(self) -> bool:
        """The roll call is taken on the day: today's sessions that were not cancelled."""
        return self.day == rules.TODAY and not self.session.cancelled

    @property
    def roll_call_words(self) -> str:
        return rules.roll_call_words(self.roll_call)


@dataclass(frozen=True)
class Today:
    today: datetime.date
    trains: bool  # trains any cohort at all
    sessions: list[SessionRow]
    queue: AssessorQueue
    newly_at_risk: list[AttendanceRisk]

    @property
    def todays_sessions(self) -> list[SessionRow]:
        return [row for row in self.sessions if row.day == rules.TODAY]

    @property
    def later_sessions(self) -> list[SessionRow]:
        return [row for row in self.sessions if row.day != rules.TODAY]


def sessions_ahead(*, user, today: datetime.date) -> list[SessionRow]:
    """Sessions of the user's cohorts from today to a week ahead, cancelled ones included (the
    trainer should know a session is off), each with its roll call's counts: two queries."""
    first, last = rules.week_ahead(today)
    sessions = list(
        Session.objects.filter(cohort__trainers=user, date__range=(first, last))
        .select_related("cohort__course")
        .order_by("date", "start_time", "pk")
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        AttendanceRecord.objects.filter(session__in=[s.pk for s in sessions if s.date <= today])
        .order_by()
        .values("session_id", "status")
        .annotate(number=Count("pk"))
    )
    for row in rows:
        counts[row["session_id"]][row["status"]] = row["number"]
    return [
        SessionRow(
            session=session,
            day=rules.day_kind(session.date, today=today),
            roll_call=rules.RollCallCounts(**counts.get(session.pk, {})),
        )
        for session in sessions
    ]


def newly_at_risk(*, user, since: datetime.datetime) -> QuerySet[AttendanceRisk]:
    """Learners of the user's cohorts who became at risk since `since` (withdrawn ones left out),
    those closest to the threshold first."""
    return (
        AttendanceRisk.objects.filter(
            at_risk=True, changed_at__gte=since, enrolment__cohort__trainers=user
        )
        .exclude(enrolment__status=Enrolment.Status.WITHDRAWN)
        .select_related("enrolment__learner__profile", "enrolment__cohort__course")
        .order_by("-best_reachable", "enrolment__learner__profile__printed_name")
    )


def today_for(*, user) -> Today:
    """Everything "Today" shows the user."""
    today = timezone.localdate()
    sessions = sessions_ahead(user=user, today=today)
    since = timezone.now() - datetime.timedelta(days=rules.NEWLY_AT_RISK_DAYS)
    return Today(
        today=today,
        trains=bool(sessions) or user.cohorts_trained.exists(),
        sessions=sessions,
        queue=practical_selectors.assessor_queue(user=user),
        newly_at_risk=list(newly_at_risk(user=user, since=since)),
    )
