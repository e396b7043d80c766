"""Reads for attendance. Every cohort-wide figure comes from a fixed number of aggregate queries,
whatever the number of learners and sessions."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments.attendance import rules, window
from assessments.attendance.rules import AttendanceSummary
from assessments.models import AttendanceChange, AttendanceRecord, AttendanceRisk, AttendanceStatus
from courses.models import Cohort, CoursePage, Enrolment, Session
from courses.selectors import cohorts_coordinated_by

WITHDRAWN = Enrolment.Status.WITHDRAWN


def attendance_policy(*, course: CoursePage) -> rules.AttendancePolicy:
    return rules.AttendancePolicy(
        required=course.attendance_required,
        threshold=course.attendance_threshold,
        late_counts_as_attended=course.late_counts_as_attended,
        excused_removed_from_denominator=course.excused_removed_from_denominator,
    )


def session_counts(
    *, cohort: Cohort, as_of: datetime.date, enrolment_ids=None
) -> dict[int, rules.SessionCounts]:
    """Each enrolment's sessions and attendance, counted in two aggregate queries.

    A session counts as held if it was before `as_of`, or on `as_of` and already recorded for the
    learner (today's session before its roll call is still one the learner can attend)."""
    return {
        pk: counts
        for pk, (_cohort_id, counts) in _session_counts(
            cohort_ids=[cohort.pk], as_of=as_of, enrolment_ids=enrolment_ids
        ).items()
    }


def _session_counts(
    *, cohort_ids, as_of: datetime.date, enrolment_ids=None
) -> dict[int, tuple[int, rules.SessionCounts]]:
    """`session_counts` for the enrolments of many cohorts at once, each with its cohort id:
    still two aggregate queries, whatever the number of cohorts."""
    enrolments = Enrolment.objects.filter(cohort_id__in=cohort_ids)
    # A record counts only for a session of the learner's own cohort.
    records = AttendanceRecord.objects.filter(
        enrolment__cohort_id__in=cohort_ids, session__cohort_id=F("enrolment__cohort_id")
    )
    if enrolment_ids is not None:
        enrolments = enrolments.filter(pk__in=enrolment_ids)
        records = records.filter(enrolment_id__in=enrolment_ids)

    in_window = window.between(session="cohort__sessions__", enrolment="")
    session_rows = (
        enrolments.order_by()
        .annotate(
            scheduled=Count("cohort__sessions", filter=in_window),
            before=Count(
                "cohort__sessions", filter=in_window & Q(cohort__sessions__date__lt=as_of)
            ),
        )
        .values_list("pk", "cohort_id", "status", "scheduled", "before")
    )
    record_rows = (
        records.filter(
            window.between(session="session__", enrolment="enrolment__"), session__date__lte=as_of
        )
        .order_by()
        .values("enrolment_id")
        .annotate(
            present=Count("pk", filter=Q(status=rules.PRESENT)),
            late=Count("pk", filter=Q(status=rules.LATE)),
            excused=Count("pk", filter=Q(status=rules.EXCUSED)),
            absent=Count("pk", filter=Q(status=rules.ABSENT)),
            on_as_of=Count("pk", filter=Q(session__date=as_of)),
        )
    )
    by_enrolment = {row["enrolment_id"]: row for row in record_rows}
    counts = {}
    for pk, cohort_id, status, scheduled, before in session_rows:
        row = by_enrolment.get(pk, {})
        counts[pk] = (
            cohort_id,
            rules.SessionCounts(
                scheduled=scheduled,
                held=before + row.get("on_as_of", 0),
                present=row.get("present", 0),
                late=row.get("late", 0),
                excused=row.get("excused", 0),
                absent=row.get("absent", 0),
                withdrawn=status == WITHDRAWN,
            ),
        )
    return counts


def attendance_summaries(
    *, cohort: Cohort, as_of: datetime.date | None = None
) -> dict[int, AttendanceSummary]:
    """Every enrolment of the cohort with its attendance measured against the course's threshold,
    keyed by enrolment id. `as_of` (default today) splits the sessions held so far from the rest."""
    as_of = as_of or timezone.localdate()
    policy = attendance_policy(course=cohort.course)
    return {
        pk: rules.summarise(counts, policy)
        for pk, counts in session_counts(cohort=cohort, as_of=as_of).items()
    }


def attendance_summaries_for_cohorts(
    *, cohorts, as_of: datetime.date | None = None, enrolment_ids=None
) -> dict[int, AttendanceSummary]:
    """`attendance_summaries` for every enrolment of many cohorts (their courses loaded), or
    only for `enrolment_ids` among them, keyed by enrolment id: two queries whatever the number
    of cohorts and learners."""
    as_of = as_of or timezone.localdate()
    policies = {cohort.pk: attendance_policy(course=cohort.course) for cohort in cohorts}
    if not policies:
        return {}
    return {
        pk: rules.summarise(counts, policies[cohort_id])
        for pk, (cohort_id, counts) in _session_counts(
            cohort_ids=list(policies), as_of=as_of, enrolment_ids=enrolment_ids
        ).items()
    }


def attendance_summary(
    *, enrolment: Enrolment, as_of: datetime.date | None = None
) -> AttendanceSummary:
    as_of = as_of or timezone.localdate()
    counts = session_counts(cohort=enrolment.cohort, as_of=as_of, enrolment_ids=[enrolment.pk])
    return rules.summarise(counts[enrolment.pk], attendance_policy(course=enrolment.cohort.course))


# --- Roll call ---------------------------------------------------------------------------------


def roll_call_enrolments(*, session: Session) -> QuerySet[Enrolment]:
    """The learners on a session's roll call: enrolled in the cohort on the session's date, that
    is, not enrolled later and not withdrawn before it."""
    return (
        Enrolment.objects.filter(cohort_id=session.cohort_id)
        # The window from the enrolment's side, for this session even if it was cancelled.
        .filter(
            window.in_window_q(
                date=session.date,
                cancelled=False,
                enrolled_on=F("enrolled_on"),
                status=F("status"),
                withdrawn_on=F("withdrawn_on"),
            )
        )
        .select_related("learner__profile")
        .order_by("learner__profile__printed_name", "learner__username")
    )


@dataclass(frozen=True)
class RollCallRow:
    enrolment: Enrolment
    record: AttendanceRecord | None

    @property
    def version(self) -> int:
        return self.record.version if self.record else 0


def roll_call(*, session: Session) -> list[RollCallRow]:
    """The roll call as it stands: each learner on it, with their record if there is one."""
    records = {
        r.enrolment_id: r
        for r in AttendanceRecord.objects.filter(session=session).select_related(
            "recorded_by__profile"
        )
    }
    return [RollCallRow(e, records.get(e.pk)) for e in roll_call_enrolments(session=session)]


def session_history(*, session: Session) -> QuerySet[AttendanceChange]:
    return AttendanceChange.objects.filter(record__session=session).select_related(
        "record__enrolment__learner__profile", "changed_by__profile"
    )


# --- The cohort grid ---------------------------------------------------------------------------

# What a grid cell shows when there is no record.
NOT_ENROLLED = "not_enrolled"  # the session is outside the learner's enrolment
NOT_RECORDED = "not_recorded"  # held, but no record: counts as not attended
UPCOMING = "upcoming"
CANCELLED = "cancelled"


@dataclass(frozen=True)
class GridCell:
    session: Session
    state: str  # one of the four statuses or the states above
    note: str = ""

    @property
    def label(self):
        return CELL_LABELS[self.state]

    @property
    def letter(self) -> str:
        return CELL_LETTERS[self.state]


@dataclass(frozen=True)
class GridRow:
    enrolment: Enrolment
    cells: list[GridCell]
    summary: AttendanceSummary


@dataclass(frozen=True)
class Grid:
    cohort: Cohort
    sessions: list[Session]
    rows: list[GridRow]
    as_of: datetime.date


CELL_LABELS = {
    **dict(AttendanceStatus.choices),
    NOT_ENROLLED: _("Not enrolled"),
    NOT_RECORDED: _("Not recorded"),
    UPCOMING: _("Upcoming"),
    CANCELLED: _("Cancelled"),
}
# A letter or sign per state, so that the grid never relies on colour alone.
CELL_LETTERS = {
    rules.PRESENT: pgettext_lazy("attendance grid, one letter for Present", "P"),
    rules.LATE: pgettext_lazy("attendance grid, one letter for Late", "L"),
    rules.EXCUSED: pgettext_lazy("attendance grid, one letter for Excused", "E"),
    rules.ABSENT: pgettext_lazy("attendance grid, one letter for Absent", "A"),
    NOT_RECORDED: "?",
    CANCELLED: "\u00d7",  # multiplication sign
    NOT_ENROLLED: "\u2013",  # en dash
    UPCOMING: "·",
}


def cohort_grid(*, cohort: Cohort, as_of: datetime.date | None = None) -> Grid:
    """Learners by sessions, with each learner's rates. Five queries, whatever the size."""
    as_of = as_of or timezone.localdate()
    sessions = list(Session.objects.filter(cohort=cohort).order_by("date", "start_time", "pk"))
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("learner__profile")
        .order_by("learner__profile__printed_name", "learner__username")
    )
    records = {
        (enrolment_id, session_id): (status, note)
        for enrolment_id, session_id, status, note in AttendanceRecord.objects.filter(
            session__cohort=cohort
        ).values_list("enrolment_id", "session_id", "status", "note")
    }
    summaries = attendance_summaries(cohort=cohort, as_of=as_of)
    rows = []
    for enrolment in enrolments:
        cells = []
        for session in sessions:
            status, note = records.get((enrolment.pk, session.pk), ("", ""))
            if session.cancelled:
                state = CANCELLED
            elif not window.counts_for(session, enrolment):
                state = NOT_ENROLLED
            elif status:
                state = status
            elif session.date < as_of:
                state = NOT_RECORDED
            else:
                state = UPCOMING
            cells.append(GridCell(session, state, note))
        rows.append(GridRow(enrolment, cells, summaries[enrolment.pk]))
    return Grid(cohort=cohort, sessions=sessions, rows=rows, as_of=as_of)


# --- A learner's own attendance ----------------------------------------------------------------


@dataclass(frozen=True)
class LearnerAttendance:
    enrolment: Enrolment
    summary: AttendanceSummary
    cells: list[GridCell]


def learner_attendance(*, enrolment: Enrolment, as_of: datetime.date | None = None):
    as_of = as_of or timezone.localdate()
    sessions = list(Session.objects.filter(cohort_id=enrolment.cohort_id).select_related("cohort"))
    records = {r.session_id: r for r in AttendanceRecord.objects.filter(enrolment=enrolment)}
    cells = []
    for session in sessions:
        record = records.get(session.pk)
        if session.cancelled:
            state = CANCELLED
        elif not window.counts_for(session, enrolment):
            continue  # not the learner's concern
        elif record:
            state = record.status
        elif session.date < as_of:
            state = NOT_RECORDED
        else:
            state = UPCOMING
        cells.append(GridCell(session, state, record.note if record else ""))
    return LearnerAttendance(
        enrolment=enrolment,
        summary=attendance_summary(enrolment=enrolment, as_of=as_of),
        cells=cells,
    )


def enrolments_of_learner(*, learner) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(learner=learner).select_related("cohort__course")


# --- Warnings ----------------------------------------------------------------------------------


def at_risk_for_coordinator(*, user) -> QuerySet[AttendanceRisk]:
    """Learners at risk in the cohorts the user coordinates (withdrawn learners left out)."""
    return (
        AttendanceRisk.objects.filter(
            at_risk=True, enrolment__cohort__in=cohorts_coordinated_by(user).values("pk")
        )
        .exclude(enrolment__status=WITHDRAWN)
        .select_related("enrolment__learner__profile", "enrolment__cohort__course")
        .order_by("enrolment__cohort__course__title", "enrolment__cohort__name", "best_reachable")
    )


def at_risk_for_learner(*, learner) -> QuerySet[AttendanceRisk]:
    return (
        AttendanceRisk.objects.filter(at_risk=True, enrolment__learner=learner)
        .exclude(enrolment__status=WITHDRAWN)
        .select_related("enrolment__cohort__course")
    )


def at_risk_ids(*, cohort: Cohort) -> set[int]:
    return set(
        AttendanceRisk.objects.filter(enrolment__cohort=cohort, at_risk=True).values_list(
            "enrolment_id", flat=True
        )
    )


def present_on(*, enrolment_ids, day: datetime.date) -> set[int]:
    """The enrolments recorded present (on time or late) at a session of their cohort held on
    `day`: who is in the room, for what a trainer does with a learner there (an assisted test)."""
    return set(
        AttendanceRecord.objects.filter(
            enrolment__in=list(enrolment_ids),
            session__date=day,
            session__cancelled=False,
            session__cohort_id=F("enrolment__cohort_id"),
            status__in=[rules.PRESENT, rules.LATE],
        ).values_list("enrolment_id", flat=True)
    )
