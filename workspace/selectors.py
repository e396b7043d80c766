"""The coordinator's caseload: every cohort they coordinate with its counts, and the people
behind each count. Built from the selectors of the apps below, batched over all the cohorts at
once: about ten queries whatever the number of cohorts and learners."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils import timezone

from assessments.attendance import selectors as attendance_selectors
from assessments.attendance.rules import AttendanceSummary
from assessments.models import Attempt
from assessments.practical import selectors as practical_selectors
from certificates import selectors as certificate_selectors
from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import Cohort, Enrolment
from workspace import rules


@dataclass(frozen=True)
class LearnerRow:
    """One enrolment with what the people pages show about it."""

    enrolment: Enrolment
    standing: rules.EnrolmentStanding
    attendance: AttendanceSummary | None
    may_start: tuple  # PracticalCells of required assessments a new attempt may start on
    submitted: tuple  # Attempts awaiting review
    certificate: Certificate | None  # the current one (valid or revoked), if any


@dataclass(frozen=True)
class CountLink:
    count: rules.CaseloadCount
    rows: list[LearnerRow]

    @property
    def number(self) -> int:
        return len(self.rows)


@dataclass
class CohortCaseload:
    cohort: Cohort
    phase: str
    counts: list[CountLink] = field(default_factory=list)

    def count(self, name: str) -> CountLink:
        return next(link for link in self.counts if link.count.name == name)


@dataclass
class Caseload:
    current: list[CohortCaseload]  # running, then upcoming
    finished: list[CohortCaseload]


def _standings(cohorts: list[Cohort], today: datetime.date) -> dict[int, list[LearnerRow]]:
    """Every enrolment of the cohorts with its standing, by cohort id, in a fixed number of
    queries: enrolments (1), attendance (2), practical assessments (2), eligibility and
    certificates (3)."""
    if not cohorts:
        return {}
    enrolments = list(
        Enrolment.objects.filter(cohort__in=[c.pk for c in cohorts])
        .select_related("learner__profile")
        .order_by("learner__profile__printed_name", "learner__username", "pk")
    )
    attendance = attendance_selectors.attendance_summaries_for_cohorts(cohorts=cohorts, as_of=today)
    cells = practical_selectors.practical_cells(cohorts=cohorts, enrolments=enrolments)
    practicals, may_start, submitted = defaultdict(list), defaultdict(list), defaultdict(list)
    for cell in cells:
        key = cell.enrolment.pk
        practicals[key].append(cell.result)
        if cell.template.required_for_certification and cell.refusal is None:
            may_start[key].append(cell)
        for attempt in cell.attempts:
            if attempt.status == Attempt.Status.SUBMITTED:
                attempt.template = cell.template  # already loaded: no query per attempt
                submitted[key].append(attempt)
    queue = certificate_selectors.certify_rows(
        cohorts=cohorts, enrolments=enrolments, attendance=attendance, practicals=practicals
    )
    rows: dict[int, list[LearnerRow]] = defaultdict(list)
    for enrolment in enrolments:
        key = enrolment.pk
        summary = attendance.get(key)
        certificate = queue[key].certificate
        standing = rules.EnrolmentStanding(
            enrolment_status=enrolment.status,
            at_risk=bool(summary and summary.at_risk),
            may_start=tuple(cell.template.translated_name for cell in may_start[key]),
            submitted=len(submitted[key]),
            eligible=queue[key].eligibility.eligible,
            certificate_status=certificate.status if certificate else None,
        )
        rows[enrolment.cohort_id].append(
            LearnerRow(
                enrolment=enrolment,
                standing=standing,
                attendance=summary,
                may_start=tuple(may_start[key]),
                submitted=tuple(submitted[key]),
                certificate=certificate,
            )
        )
    return rows


def _cohort_caseloads(cohorts: list[Cohort], today: datetime.date) -> list[CohortCaseload]:
    rows = _standings(cohorts, today)
    caseloads = []
    for cohort in cohorts:
        caseload = CohortCaseload(
            cohort=cohort,
            phase=rules.cohort_phase(start=cohort.start_date, end=cohort.end_date, today=today),
        )
        for count in rules.COUNTS:
            matching = [row for row in rows.get(cohort.pk, []) if count.test(row.standing)]
            caseload.counts.append(CountLink(count=count, rows=matching))
        caseloads.append(caseload)
    return caseloads


def _coordinated(user):
    return course_selectors.cohorts_coordinated_by(user).select_related("course", "region")


PHASE_ORDER = {rules.RUNNING: 0, rules.UPCOMING: 1}


def caseload(*, user, today: datetime.date | None = None) -> Caseload:
    """The cohorts the user coordinates (all for superusers) with their counts: running ones
    first (ending soonest first), then upcoming (starting soonest first), then finished ones
    (most recent first)."""
    today = today or timezone.localdate()
    cohorts = list(_coordinated(user).order_by("start_date", "course__title", "name", "pk"))
    caseloads = _cohort_caseloads(cohorts, today)
    current = sorted(
        (c for c in caseloads if c.phase != rules.FINISHED),
        key=lambda c: (
            PHASE_ORDER[c.phase],
            c.cohort.end_date if c.phase == rules.RUNNING else c.cohort.start_date,
        ),
    )
    finished = sorted(
        (c for c in caseloads if c.phase == rules.FINISHED),
        key=lambda c: c.cohort.end_date,
        reverse=True,
    )
    return Caseload(current=current, finished=finished)


def cohort_caseload(*, user, cohort_id: int, today: datetime.date | None = None) -> CohortCaseload:
    """One cohort's caseload, if the user coordinates it (Cohort.DoesNotExist otherwise)."""
    today = today or timezone.localdate()
    cohort = _coordinated(user).get(pk=cohort_id)
    return _cohort_caseloads([cohort], today)[0]
