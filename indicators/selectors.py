"""Reads for the indicators. Keyword-only; a fixed number of queries whatever the data.

The figures come from one row per enrolment, counted by the database (attendance records per
enrolment, a valid certificate or not, the follow-ups; the sessions in each enrolment's window
from its cohort's session dates), then grouped by `rules.breakdowns` in one pass.
Attendance is counted the way `assessments.selectors.session_counts` counts it for one cohort
(the same session window, the same statuses) and summarised by the same
`assessments.rules.summarise`, so a learner's rate here is the rate the cohort grid shows.
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from assessments import rules as attendance_rules
from assessments.models import AttendanceRecord
from certificates.models import Certificate
from courses.models import Cohort, CoursePage, Enrolment, Session
from courses.selectors import cohorts_coordinated_by
from indicators import rules
from indicators.models import FollowUp
from lms.i18n import names_told_apart, translated_name_expression
from lms.models import Profile

WITHDRAWN = Enrolment.Status.WITHDRAWN
COMPLETED = Enrolment.Status.COMPLETED

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


def enrolments_of(*, cohorts: QuerySet[Cohort], end: datetime.date) -> QuerySet[Enrolment]:
    """Enrolments of `cohorts` made by `end`."""
    return Enrolment.objects.filter(cohort__in=cohorts.values("pk"), enrolled_on__lte=end)


def _in_window(prefix: str, enrolment: str) -> Q:
    """As assessments.selectors: the session counts for the enrolment if it is not cancelled,
    on or after the enrolment date, and not after the withdrawal date."""
    return Q(
        **{f"{prefix}cancelled": False, f"{prefix}date__gte": F(f"{enrolment}enrolled_on")}
    ) & (
        ~Q(**{f"{enrolment}status": WITHDRAWN})
        | Q(**{f"{prefix}date__lte": F(f"{enrolment}withdrawn_on")})
    )


ENROLMENT_FIELDS = (
    "pk",
    "learner_id",
    "status",
    "certified",
    "cohort__end_date",
    "cohort__region__name",
    "cohort__course__title",
    "cohort__course__attendance_required",
    "cohort__course__attendance_threshold",
    "cohort__course__late_counts_as_attended",
    "cohort__course__excused_removed_from_denominator",
    "cohort__course__awards_certificate",
    "learner__profile__gender",
    "learner__profile__birth_year",
    "cohort_id",
    "enrolled_on",
    "withdrawn_on",
)


def sessions_in_window(
    dates: list[datetime.date],
    *,
    enrolled_on: datetime.date,
    withdrawn: bool,
    withdrawn_on: datetime.date | None,
    as_of: datetime.date,
) -> tuple[int, int]:
    """Of a cohort's sessions that were not cancelled (`dates`, sorted), how many fall in the
    enrolment's window (`_in_window`: on or after the enrolment date and, if withdrawn, not
    after the withdrawal date), and how many of those before `as_of`."""
    if withdrawn and withdrawn_on is None:
        return 0, 0  # as in SQL: a date compared with no date is never "on or before" it
    low = bisect.bisect_left(dates, enrolled_on)
    high = bisect.bisect_right(dates, withdrawn_on) if withdrawn else len(dates)
    if high <= low:
        return 0, 0
    return high - low, max(0, min(high, bisect.bisect_left(dates, as_of)) - low)


def end_of_day(day: datetime.date) -> datetime.datetime:
    """The first moment after `day` in the site's time zone: 'issued on or before `day`' is
    'issued before this', which an index can answer (a cast to a date cannot)."""
    return timezone.make_aware(
        datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time())
    )


def enrolment_facts(
    *, cohorts: QuerySet[Cohort], as_of: datetime.date, period_end: datetime.date
) -> tuple[list[rules.Fact], dict[str, str]]:
    """One `rules.Fact` per enrolment in `cohorts` made by the end of the period, in four
    queries; and the regions' names in the reader's language.

    A fact names its region by the region's original name (unique, the same in every
    language), so that one region is one group whatever the reader's language; the second
    value maps each of those to the name to show.

    `as_of` (the period's end, or today if earlier) is when attendance is measured and whether a
    cohort has ended is decided; certificates count if issued by the end of the period."""
    enrolments = enrolments_of(cohorts=cohorts, end=period_end)
    valid_certificate = Certificate.objects.filter(
        enrolment=OuterRef("pk"),
        status=Certificate.Status.VALID,
        issued_at__lt=end_of_day(period_end),
    )
    rows = (
        enrolments.order_by()
        .annotate(
            certified=Exists(valid_certificate),
            region_label=translated_name_expression("cohort__region__"),
        )
        .values_list(*ENROLMENT_FIELDS, "region_label")
    )
    # The sessions each enrolment could attend are counted here, from the dates of its
    # cohort's sessions (a few per cohort), not by joining every enrolment with every session
    # of its cohort in the database (40 rows per enrolment to group again).
    session_dates = defaultdict(list)
    for cohort_id, date in (
        Session.objects.filter(
            cohort__in=enrolments.order_by().values("cohort_id"), cancelled=False
        )
        .order_by("cohort_id", "date")
        .values_list("cohort_id", "date")
    ):
        session_dates[cohort_id].append(date)
    # The records of the scope's cohorts (through their sessions), joined with their
    # enrolments: not records filtered by "enrolment in (the scope's enrolments)", which
    # PostgreSQL misjudges and answers with a nested loop over the scope for every record.
    records = (
        AttendanceRecord.objects.filter(
            _in_window("session__", "enrolment__"),
            session__cohort__in=cohorts.values("pk"),
            session__cohort=F("enrolment__cohort"),
            session__date__lte=as_of,
            enrolment__enrolled_on__lte=period_end,
        )
        .order_by()
        .values("enrolment_id")
        .annotate(
            present=Count("pk", filter=Q(status=attendance_rules.PRESENT)),
            late=Count("pk", filter=Q(status=attendance_rules.LATE)),
            excused=Count("pk", filter=Q(status=attendance_rules.EXCUSED)),
            absent=Count("pk", filter=Q(status=attendance_rules.ABSENT)),
            on_as_of=Count("pk", filter=Q(session__date=as_of)),
        )
    )
    by_enrolment = {row["enrolment_id"]: row for row in records}
    follow_ups = defaultdict(list)
    for enrolment_id, months, outcome in FollowUp.objects.filter(
        enrolment__in=enrolments.values("pk")
    ).values_list("enrolment_id", "months", "outcome"):
        follow_ups[enrolment_id].append((months, outcome))

    facts, region_labels = [], {}
    for row in rows:
        pk, learner_id, status, certified, end_date, region, course = row[:7]
        required, threshold, late_counts, excused_removed, awards = row[7:12]
        gender, birth_year, cohort_id, enrolled_on, withdrawn_on, region_label = row[12:]
        region_labels[region] = region_label
        scheduled, before = sessions_in_window(
            session_dates[cohort_id],
            enrolled_on=enrolled_on,
            withdrawn=status == WITHDRAWN,
            withdrawn_on=withdrawn_on,
            as_of=as_of,
        )
        counted = by_enrolment.get(pk, {})
        summary = attendance_rules.summarise(
            attendance_rules.SessionCounts(
                scheduled=scheduled,
                held=before + counted.get("on_as_of", 0),
                present=counted.get("present", 0),
                late=counted.get("late", 0),
                excused=counted.get("excused", 0),
                absent=counted.get("absent", 0),
                withdrawn=status == WITHDRAWN,
            ),
            attendance_rules.AttendancePolicy(
                required=required,
                threshold=threshold,
                late_counts_as_attended=late_counts,
                excused_removed_from_denominator=excused_removed,
            ),
        )
        ended = end_date <= as_of
        stayed = status != WITHDRAWN
        facts.append(
            rules.Fact(
                enrolment_id=pk,
                learner_id=learner_id,
                region=region,
                course=course,
                gender=gender or rules.NOT_RECORDED,
                age_band=rules.age_band(birth_year=birth_year, year=period_end.year),
                ended=ended,
                completed=ended
                and stayed
                and (summary.meets_threshold or certified or status == COMPLETED),
                awards_certificate=awards,
                certified=certified,
                attended=summary.attended,
                counted=summary.counted,
                follow_ups=tuple(sorted(follow_ups.get(pk, ()))),
            )
        )
    return facts, region_labels


def certificates_by_month(
    *, enrolments: QuerySet[Enrolment], start: datetime.date, end: datetime.date
) -> list[tuple[datetime.date, int]]:
    """Valid certificates issued in the period, per month (every month of the period listed)."""
    issued = {
        month.date() if isinstance(month, datetime.datetime) else month: n
        for month, n in Certificate.objects.filter(
            enrolment__in=enrolments.values("pk"),
            status=Certificate.Status.VALID,
            issued_at__gte=end_of_day(start - datetime.timedelta(days=1)),
            issued_at__lt=end_of_day(end),
        )
        .annotate(month=TruncMonth("issued_at"))
        .order_by()
        .values("month")
        .annotate(n=Count("pk"))
        .values_list("month", "n")
    }
    months = []
    month = start.replace(day=1)
    while month <= end:
        months.append((month, issued.get(month, 0)))
        month = rules.add_months(month, 1)
    return months


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
    )


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
