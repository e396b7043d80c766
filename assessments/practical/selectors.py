"""Reads for practical assessments. Keyword-only; query counts do not grow with learners or
attempts."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from assessments.models import AssessmentTemplate, Attempt, Criterion, Evidence, Review
from assessments.practical import rules
from courses.models import Cohort, CoursePage, Enrolment
from courses.selectors import cohorts_coordinated_by, cohorts_visible_to


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
        template_name=template.translated_name,
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
    sent_for_review: list[QueueItem] = field(default_factory=list)
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
    by someone other than their assessor. Their own attempts waiting for someone else's review
    are listed too, so that a trainer can follow what they sent. A fixed number of queries."""
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
            elif attempt.status == Attempt.Status.SUBMITTED:
                queue.sent_for_review.append(QueueItem("sent", cell, attempt))
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
