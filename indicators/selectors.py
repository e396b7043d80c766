"""Reads for the indicators. Keyword-only; a fixed number of queries whatever the data.

The figures come from one row per enrolment (`indicators.facts.enrolment_facts`), grouped by
`rules.breakdowns` in one pass.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Case, Count, Max, Q, QuerySet, When

from assessments.models import Quiz, QuizAttempt
from certificates.models import Certificate
from courses.models import Cohort, CoursePage, Enrolment
from courses.selectors import cohorts_coordinated_by
from indicators import rules
from indicators.facts import end_of_day, enrolment_facts, enrolments_of
from indicators.models import FollowUp
from lms.i18n import NAME_LANGUAGES, names_told_apart, translated_name_expression
from lms.models import Profile

WITHDRAWN = Enrolment.Status.WITHDRAWN
COMPLETED = Enrolment.Status.COMPLETED

NAMES_IN = tuple(f"name_{code}" for code in NAME_LANGUAGES)
GENDER_ORDER = (*Profile.Gender.values, rules.NOT_RECORDED)
AGE_ORDER = (*(key for key, _low, _high in rules.AGE_BANDS), rules.NOT_RECORDED)


def may_see_indicators(user) -> bool:
    """Coordinators (of their own cohorts) and administrators (of all)."""
    return user.is_authenticated and (user.is_superuser or user.has_perm("courses.change_cohort"))


@dataclass(frozen=True)
class Filters:
    start: datetime.date
    end: datetime.date
    course: int | None = None
    kind: str = ""
    trade: int | None = None
    region: int | None = None


def cohorts_in_scope(*, user, filters: Filters) -> QuerySet[Cohort]:
    """The cohorts the user coordinates (all for superusers) that ran during the period, with
    the filters applied."""
    cohorts = cohorts_coordinated_by(user).filter(
        start_date__lte=filters.end, end_date__gte=filters.start
    )
    if filters.course:
        cohorts = cohorts.filter(course_id=filters.course)
    if filters.kind:
        cohorts = cohorts.filter(course__kind=filters.kind)
    if filters.trade:
        cohorts = cohorts.filter(course__trade_id=filters.trade)
    if filters.region:
        cohorts = cohorts.filter(region_id=filters.region)
    return cohorts


def enrolments_in_scope(*, user, filters: Filters) -> QuerySet[Enrolment]:
    """Enrolments of those cohorts made by the end of the period."""
    return enrolments_of(cohorts=cohorts_in_scope(user=user, filters=filters), end=filters.end)


def certificates_by_month(
    *, enrolments: QuerySet[Enrolment], start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, int]]:
    """Valid certificates issued in the period, per month (every month of the period listed),
    months starting at midnight in the site's time zone. Counted by ranges of `issued_at` in
    one pass (one count per month), which an index can answer and SQLite does not have to
    truncate in Python certificate by certificate."""
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append(month)
        month = rules.add_months(month, 1)
    # The first moment of each month in the period (of its first day for the first month),
    # and the first moment after the period.
    bounds = [end_of_day(max(month, start) - datetime.timedelta(days=1)) for month in months]
    bounds.append(end_of_day(end))
    issued = Certificate.objects.filter(
        enrolment__in=enrolments.values("pk"),
        status=Certificate.Status.VALID,
        issued_at__gte=bounds[0],
        issued_at__lt=bounds[-1],
    ).aggregate(
        **{
            f"m{i}": Count("pk", filter=Q(issued_at__gte=bounds[i], issued_at__lt=bounds[i + 1]))
            for i in range(len(months))
        }
    )
    return [(month, issued[f"m{i}"]) for i, month in enumerate(months)]


@dataclass(frozen=True)
class Choice:
    value: object
    label: str


@dataclass(frozen=True)
class FilterChoices:
    courses: list[Choice]
    kinds: list[Choice]
    trades: list[Choice]
    regions: list[Choice]


def filter_choices(*, user) -> FilterChoices:
    """The courses, kinds, trades and regions of the cohorts the user coordinates, trades and
    regions named in the reader's language: one query."""
    courses, kinds, trades, regions = {}, set(), {}, {}
    for row in (
        cohorts_coordinated_by(user)
        .order_by()
        .annotate(
            trade_label=translated_name_expression("course__trade__"),
            region_label=translated_name_expression("region__"),
        )
        .values_list(
            "course_id",
            "course__title",
            "course__kind",
            "course__trade_id",
            "trade_label",
            "course__trade__name",
            "region_id",
            "region_label",
            "region__name",
        )
        .distinct()
    ):
        courses[row[0]] = row[1]
        kinds.add(row[2])
        trades[row[3]] = (row[4], row[5])
        regions[row[6]] = (row[7], row[8])
    kind_labels = dict(CoursePage.Kind.choices)

    def choices(pairs):
        return [
            Choice(value, label)
            for value, label in sorted(pairs, key=lambda p: (p[1].casefold(), p[0]))
        ]

    return FilterChoices(
        courses=choices(courses.items()),
        kinds=choices((kind, str(kind_labels.get(kind, kind))) for kind in kinds),
        trades=choices(names_told_apart(trades).items()),
        regions=choices(names_told_apart(regions).items()),
    )


@dataclass(frozen=True)
class Indicators:
    filters: Filters
    as_of: datetime.date
    total: rules.Row
    by_region: rules.Breakdown  # keyed by the regions' original names
    region_labels: dict[str, str]  # original name -> name in the reader's language
    by_gender: rules.Breakdown
    by_age: rules.Breakdown
    by_course: rules.Breakdown
    attendance: list[rules.Count]
    certificates: list[rules.Count]
    pass_rates: list[rules.Row] = ()  # per theory test (key: its id)
    quiz_labels: dict = None  # theory test id -> "Course: test" in the reader's language


def indicators(*, user, filters: Filters, today: datetime.date) -> Indicators:
    """Every figure of the indicators page, in five queries whatever the number of learners."""
    as_of = min(filters.end, today)
    cohorts = cohorts_in_scope(user=user, filters=filters)
    enrolments = enrolments_of(cohorts=cohorts, end=filters.end)
    facts, region_names = enrolment_facts(cohorts=cohorts, as_of=as_of, period_end=filters.end)
    region_labels = names_told_apart({key: (name, key) for key, name in region_names.items()})
    by_month = certificates_by_month(enrolments=enrolments, start=filters.start, end=filters.end)
    # Regions in the order of the names the reader sees.
    region_order = sorted(region_labels, key=lambda k: (region_labels[k].casefold(), k))
    by_region, by_gender, by_age, by_course = rules.breakdowns(
        facts,
        [
            (lambda f: f.region, region_order),
            (lambda f: f.gender, GENDER_ORDER),
            (lambda f: f.age_band, AGE_ORDER),
            (lambda f: f.course, None),
        ],
    )
    return Indicators(
        filters=filters,
        as_of=as_of,
        total=by_region.total,
        by_region=by_region,
        region_labels=region_labels,
        by_gender=by_gender,
        by_age=by_age,
        by_course=by_course,
        attendance=rules.attendance_distribution(facts),
        certificates=rules.counts([(month.isoformat()[:7], n) for month, n in by_month]),
        **_pass_rates(enrolments=enrolments, end=filters.end),
    )


def _pass_rates(*, enrolments: QuerySet[Enrolment], end: datetime.date) -> dict:
    """Each theory test's pass rate among the enrolments that handed in an attempt by the end
    of the period: one query (the attempts' result read, never worked out again)."""
    rows = (
        QuizAttempt.objects.filter(
            enrolment__in=enrolments.values("pk"),
            status=QuizAttempt.Status.SUBMITTED,
            submitted_at__lt=end_of_day(end),
        )
        .order_by()
        .values(
            "quiz_id",
            "enrolment_id",
            "enrolment__learner_id",
            "quiz__course__title",
            *(f"quiz__name{suffix}" for suffix in ("", *(f"_{c}" for c in NAME_LANGUAGES))),
        )
        .annotate(passed=Max(Case(When(passed=True, then=1), default=0)))
    )
    labels, outcomes = {}, []
    for row in rows:
        key = str(row["quiz_id"])
        name = Quiz(**{f: row[f"quiz__{f}"] for f in ("name", *NAMES_IN)}).name_in()
        labels[key] = f"{row['quiz__course__title']}: {name}"
        outcomes.append((key, row["enrolment__learner_id"], bool(row["passed"])))
    order = sorted(labels, key=lambda k: (labels[k].casefold(), k))
    return {"pass_rates": rules.pass_rates(outcomes, order), "quiz_labels": labels}


# --- Follow-ups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class FollowUpRow:
    enrolment: Enrolment
    recorded: dict  # months -> FollowUp
    due: list[int]  # months due and not recorded, earliest first


def follow_up_enrolments(*, user) -> QuerySet[Enrolment]:
    """Enrolments whose follow-ups the user records: learners of the cohorts they coordinate
    (all for superusers) who did not withdraw."""
    return Enrolment.objects.filter(cohort__in=cohorts_coordinated_by(user).values("pk")).exclude(
        status=WITHDRAWN
    )


def follow_up_list(*, user, today: datetime.date) -> list[FollowUpRow]:
    """Learners of ended cohorts the user coordinates with their follow-ups; those with a
    follow-up due come first (the longest waiting first), then the rest by name. Two queries."""
    enrolments = list(
        follow_up_enrolments(user=user)
        .filter(cohort__end_date__lt=today)
        .select_related("learner__profile", "cohort__course", "cohort__region")
        .order_by("cohort__end_date", "learner__profile__printed_name", "pk")
    )
    recorded = defaultdict(dict)
    for follow_up in FollowUp.objects.filter(enrolment__in=[e.pk for e in enrolments]):
        recorded[follow_up.enrolment_id][follow_up.months] = follow_up
    rows = [
        FollowUpRow(
            enrolment=e,
            recorded=recorded[e.pk],
            due=rules.follow_ups_due(
                end_date=e.cohort.end_date, today=today, recorded=recorded[e.pk]
            ),
        )
        for e in enrolments
    ]
    return sorted(rows, key=lambda r: not r.due)


def follow_ups_for_export(*, user) -> QuerySet[FollowUp]:
    """Person-level: the follow-ups of the learners of the cohorts the user coordinates."""
    return (
        FollowUp.objects.filter(enrolment__cohort__in=cohorts_coordinated_by(user).values("pk"))
        .select_related(
            "enrolment__learner__profile",
            "enrolment__cohort__course",
            "enrolment__cohort__region",
            "recorded_by__profile",
        )
        .order_by("enrolment__cohort__name", "enrolment__learner__profile__printed_name", "months")
    )
