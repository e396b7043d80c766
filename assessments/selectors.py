"""Reads for assessments. Keyword-only; query counts do not grow with learners or attempts."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments import rules
from assessments.models import (
    AssessmentTemplate,
    Attempt,
    AttendanceChange,
    AttendanceRecord,
    AttendanceRisk,
    AttendanceStatus,
    Criterion,
    Evidence,
    Review,
)
from assessments.rules import AttendanceSummary
from courses.models import Cohort, CoursePage, Enrolment, Session
from courses.selectors import cohorts_coordinated_by, cohorts_visible_to

# --- Practical assessments ---


def templates_editable_by(user) -> QuerySet[AssessmentTemplate]:
    """Templates a user may edit in the admin: superusers all, coordinators those of the courses
    they coordinate a cohort of."""
    if not user.is_authenticated:
        return AssessmentTemplate.objects.none()
    if user.is_superuser:
        return AssessmentTemplate.objects.all()
    return AssessmentTemplate.objects.filter(
        course__in=cohorts_coordinated_by(user).values("course_id")
    )


def attempts_visible_to(user) -> QuerySet[Attempt]:
    """Attempts a member of staff may open: those in the cohorts they train or coordinate."""
    if not user.is_authenticated:
        return Attempt.objects.none()
    if user.is_superuser:
        return Attempt.objects.all()
    return Attempt.objects.filter(enrolment__cohort__in=cohorts_visible_to(user).values("pk"))


def evidence_visible_to(user) -> QuerySet[Evidence]:
    """Evidence a user may download: the learner's own, once the attempt is reviewed; anything in
    the cohorts a trainer or coordinator works with."""
    if not user.is_authenticated:
        return Evidence.objects.none()
    if user.is_superuser:
        return Evidence.objects.all()
    return Evidence.objects.filter(
        Q(attempt__enrolment__cohort__in=cohorts_visible_to(user).values("pk"))
        | Q(attempt__enrolment__learner=user, attempt__status=Attempt.Status.CONFIRMED)
    )


def cohort_staff_ids(*, cohort: Cohort) -> set[int]:
    """Trainers and coordinators of a cohort: who may assess and review there."""
    trainer_ids = cohort.trainers.values_list("pk", flat=True)
    coordinator_ids = cohort.coordinators.values_list("pk", flat=True)
    return set(trainer_ids) | set(coordinator_ids)


def attempt_for_screen(*, attempt_id: int, user) -> Attempt:
    """One attempt with everything its recording or review screen shows, scoped to the user."""
    return (
        attempts_visible_to(user)
        .select_related(
            "enrolment__learner__profile",
            "enrolment__cohort__course",
            "template",
            "assessor__profile",
        )
        .prefetch_related(
            Prefetch("results", queryset=_results_queryset()),
            Prefetch("reviews", queryset=Review.objects.select_related("reviewer__profile")),
            "evidence",
            Prefetch("template__criteria", queryset=Criterion.objects.order_by("sort_order")),
        )
        .get(pk=attempt_id)
    )


def _results_queryset():
    from assessments.models import CriterionResult

    return CriterionResult.objects.select_related("criterion").order_by(
        "criterion__sort_order", "criterion_id"
    )


def attempt_counts(*, enrolment: Enrolment, template: AssessmentTemplate) -> dict:
    """What the start rule needs about one enrolment and template: used, passed, open."""
    statuses = list(
        Attempt.objects.filter(enrolment=enrolment, template=template).values_list(
            "status", "outcome"
        )
    )
    return {
        "attempts_used": len(statuses),
        "passed": any(
            s == Attempt.Status.CONFIRMED and o == Attempt.Outcome.PASS for s, o in statuses
        ),
        "has_open_attempt": any(s in Attempt.OPEN for s, _o in statuses),
    }


def _templates_by_course(course_ids) -> dict[int, list[AssessmentTemplate]]:
    by_course: dict[int, list[AssessmentTemplate]] = defaultdict(list)
    for template in AssessmentTemplate.objects.filter(course_id__in=course_ids).order_by("name"):
        by_course[template.course_id].append(template)
    return by_course


def _attempts_by_key(enrolment_filter: Q) -> dict[tuple[int, int], list[Attempt]]:
    """Attempts keyed by (enrolment id, template id), in attempt order, in one query."""
    by_key: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    attempts = (
        Attempt.objects.filter(enrolment_filter)
        .select_related("assessor__profile")
        .order_by("number")
    )
    for attempt in attempts:
        by_key[(attempt.enrolment_id, attempt.template_id)].append(attempt)
    return by_key


def _result(template: AssessmentTemplate, attempts: list[Attempt], allowed: int):
    return rules.PracticalResult(
        template_id=template.pk,
        template_name=template.name,
        required_for_certification=template.required_for_certification,
        passed=any(a.passed for a in attempts),
        attempts_used=len(attempts),
        attempts_allowed=allowed,
    )


def practical_results(*, cohort: Cohort) -> dict[int, list[rules.PracticalResult]]:
    """Each enrolment of the cohort (keyed by id) with one result per assessment template of the
    course, in template name order. Three queries however many learners and attempts."""
    course = CoursePage.objects.only("max_assessment_attempts").get(pk=cohort.course_id)
    templates = _templates_by_course([cohort.course_id])[cohort.course_id]
    attempts = _attempts_by_key(Q(enrolment__cohort=cohort))
    enrolment_ids = Enrolment.objects.filter(cohort=cohort).values_list("pk", flat=True)
    return {
        enrolment_id: [
            _result(t, attempts[(enrolment_id, t.pk)], course.max_assessment_attempts)
            for t in templates
        ]
        for enrolment_id in enrolment_ids
    }


@dataclass
class PracticalCell:
    """One learner on one assessment, as staff see it."""

    enrolment: Enrolment
    template: AssessmentTemplate
    attempts: list[Attempt]
    result: rules.PracticalResult

    @property
    def latest(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None

    @property
    def refusal(self) -> rules.StartRefusal | None:
        return rules.attempt_start_refusal(
            attempts_used=self.result.attempts_used,
            attempts_allowed=self.result.attempts_allowed,
            passed=self.result.passed,
            has_open_attempt=any(a.status in Attempt.OPEN for a in self.attempts),
        )

    @property
    def can_start(self) -> bool:
        return self.enrolment.status == Enrolment.Status.ACTIVE and self.refusal is None

    @property
    def assessable_from(self) -> datetime.date:
        """The first day the learner can be assessed (the cohort's start, or a late joiner's
        enrolment date); before it, the queue says when rather than offer to start."""
        return rules.assessment_earliest_day(
            cohort_start=self.enrolment.cohort.start_date, enrolled_on=self.enrolment.enrolled_on
        )

    @property
    def assessable_now(self) -> bool:
        return self.assessable_from <= timezone.localdate()


@dataclass
class QueueItem:
    kind: str  # "first", "resit", "continue", "review", "returned"
    cell: PracticalCell
    attempt: Attempt | None = None


@dataclass
class AssessorQueue:
    first_attempts: list[QueueItem] = field(default_factory=list)
    resits: list[QueueItem] = field(default_factory=list)
    my_open: list[QueueItem] = field(default_factory=list)
    to_review: list[QueueItem] = field(default_factory=list)
    cohorts: list[Cohort] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.first_attempts or self.resits or self.my_open or self.to_review)


def _cells(
    cohorts: list[Cohort],
    enrolments: list[Enrolment],
    templates: dict[int, list[AssessmentTemplate]],
) -> list[PracticalCell]:
    allowed = {c.pk: c.course.max_assessment_attempts for c in cohorts}
    attempts = _attempts_by_key(Q(enrolment__in=[e.pk for e in enrolments]))
    cells = []
    for enrolment in enrolments:
        for template in templates[enrolment.cohort.course_id]:
            found = attempts[(enrolment.pk, template.pk)]
            cells.append(
                PracticalCell(
                    enrolment=enrolment,
                    template=template,
                    attempts=found,
                    result=_result(template, found, allowed[enrolment.cohort_id]),
                )
            )
    return cells


def practical_cells(*, cohorts: list[Cohort], enrolments: list[Enrolment]) -> list[PracticalCell]:
    """Each of the enrolments (of the given cohorts, courses loaded) on each practical assessment
    of its course, with its attempts: two queries whatever the number of cohorts and learners."""
    by_cohort = {c.pk: c for c in cohorts}
    for enrolment in enrolments:
        enrolment.cohort = by_cohort[enrolment.cohort_id]
    templates = _templates_by_course({c.course_id for c in cohorts})
    return _cells(cohorts, enrolments, templates)


def assessor_queue(*, user) -> AssessorQueue:
    """What a trainer or coordinator has to do in their cohorts: learners awaiting a first
    attempt or a re-sit, their own drafts and returned attempts, and attempts awaiting a review
    by someone other than their assessor. A fixed number of queries."""
    cohorts = list(cohorts_visible_to(user).select_related("course", "region").order_by("name"))
    queue = AssessorQueue(cohorts=cohorts)
    if not cohorts:
        return queue
    enrolments = list(
        Enrolment.objects.filter(cohort__in=[c.pk for c in cohorts])
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("learner__profile")
        .order_by("learner__profile__printed_name", "pk")
    )
    by_cohort = {c.pk: c for c in cohorts}
    for enrolment in enrolments:
        enrolment.cohort = by_cohort[enrolment.cohort_id]
    templates = _templates_by_course({c.course_id for c in cohorts})
    for cell in _cells(cohorts, enrolments, templates):
        for attempt in cell.attempts:
            if attempt.status == Attempt.Status.SUBMITTED and attempt.assessor_id != user.pk:
                queue.to_review.append(QueueItem("review", cell, attempt))
            elif attempt.status in Attempt.EDITABLE and attempt.assessor_id == user.pk:
                kind = "returned" if attempt.status == Attempt.Status.RETURNED else "continue"
                queue.my_open.append(QueueItem(kind, cell, attempt))
        if cell.can_start:
            target = queue.resits if cell.attempts else queue.first_attempts
            target.append(QueueItem("resit" if cell.attempts else "first", cell))
    return queue


@dataclass
class OverviewRow:
    enrolment: Enrolment
    cells: list[PracticalCell]


def cohort_overview(*, cohort: Cohort) -> tuple[list[AssessmentTemplate], list[OverviewRow]]:
    """Every learner of a cohort against every practical assessment of its course."""
    enrolments = list(
        Enrolment.objects.filter(cohort=cohort)
        .select_related("learner__profile")
        .order_by("learner__profile__printed_name", "pk")
    )
    for enrolment in enrolments:
        enrolment.cohort = cohort
    by_course = _templates_by_course([cohort.course_id])
    cells = _cells([cohort], enrolments, by_course)
    templates = by_course[cohort.course_id]
    by_enrolment: dict[int, list[PracticalCell]] = defaultdict(list)
    for cell in cells:
        by_enrolment[cell.enrolment.pk].append(cell)
    return templates, [OverviewRow(e, by_enrolment[e.pk]) for e in enrolments]


@dataclass
class LearnerAssessment:
    enrolment: Enrolment
    template: AssessmentTemplate
    result: rules.PracticalResult
    reviewed: list[Attempt]  # confirmed attempts, newest first, with results and evidence
    awaiting_review: bool


def learner_results(*, learner) -> list[LearnerAssessment]:
    """A learner's practical assessments. Results and feedback appear only once reviewed."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("cohort__course")
        .order_by("-cohort__start_date")
    )
    templates = _templates_by_course({e.cohort.course_id for e in enrolments})
    attempts_by_key: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    attempts = (
        Attempt.objects.filter(enrolment__in=[e.pk for e in enrolments])
        .select_related("assessor__profile")
        .prefetch_related(
            Prefetch("results", queryset=_results_queryset()),
            "evidence",
        )
        .order_by("number")
    )
    for attempt in attempts:
        attempts_by_key[(attempt.enrolment_id, attempt.template_id)].append(attempt)
    entries = []
    for enrolment in enrolments:
        allowed = enrolment.cohort.course.max_assessment_attempts
        for template in templates[enrolment.cohort.course_id]:
            found = attempts_by_key[(enrolment.pk, template.pk)]
            entries.append(
                LearnerAssessment(
                    enrolment=enrolment,
                    template=template,
                    result=_result(template, found, allowed),
                    reviewed=[a for a in reversed(found) if a.status == Attempt.Status.CONFIRMED],
                    awaiting_review=any(a.status in Attempt.OPEN for a in found),
                )
            )
    return entries


# --- Attendance ---
# Reads for assessments. Every cohort-wide figure comes from a fixed number of aggregate queries,
# whatever the number of learners and sessions.
__all__ = ["AttendanceSummary", "attendance_summaries"]

WITHDRAWN = Enrolment.Status.WITHDRAWN


def attendance_policy(*, course: CoursePage) -> rules.AttendancePolicy:
    return rules.AttendancePolicy(
        required=course.attendance_required,
        threshold=course.attendance_threshold,
        late_counts_as_attended=course.late_counts_as_attended,
        excused_removed_from_denominator=course.excused_removed_from_denominator,
    )


def _in_window(prefix: str, enrolment: str) -> Q:
    """The session at `prefix` counts for the enrolment at `enrolment`: not cancelled, on or after
    the enrolment date, and on or before the withdrawal date if the learner withdrew."""
    return Q(
        **{
            f"{prefix}cancelled": False,
            f"{prefix}date__gte": F(f"{enrolment}enrolled_on"),
        }
    ) & (
        ~Q(**{f"{enrolment}status": WITHDRAWN})
        | Q(**{f"{prefix}date__lte": F(f"{enrolment}withdrawn_on")})
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

    in_window = _in_window("cohort__sessions__", "")
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
        records.filter(_in_window("session__", "enrolment__"), session__date__lte=as_of)
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
    *, cohorts, as_of: datetime.date | None = None
) -> dict[int, AttendanceSummary]:
    """`attendance_summaries` for every enrolment of many cohorts (their courses loaded), keyed
    by enrolment id: two queries whatever the number of cohorts and learners."""
    as_of = as_of or timezone.localdate()
    policies = {cohort.pk: attendance_policy(course=cohort.course) for cohort in cohorts}
    if not policies:
        return {}
    return {
        pk: rules.summarise(counts, policies[cohort_id])
        for pk, (cohort_id, counts) in _session_counts(
            cohort_ids=list(policies), as_of=as_of
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
        Enrolment.objects.filter(cohort_id=session.cohort_id, enrolled_on__lte=session.date)
        .filter(~Q(status=WITHDRAWN) | Q(withdrawn_on__gte=session.date))
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


def _enrolled_on(enrolment: Enrolment, day: datetime.date) -> bool:
    if day < enrolment.enrolled_on:
        return False
    return not (enrolment.status == WITHDRAWN and enrolment.withdrawn_on < day)


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
            elif not _enrolled_on(enrolment, session.date):
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
        elif not _enrolled_on(enrolment, session.date):
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
