"""Reads for the indicators. Keyword-only; a fixed number of queries whatever the data.

The figures come from one row per enrolment (its attendance tally, a valid certificate or not, the
follow-ups; the sessions in each enrolment's window from its cohort's session dates), then grouped
by `rules.breakdowns` in one pass. Attendance is counted the way
`assessments.attendance.selectors.session_counts` counts it for one cohort (the same session window,
the same statuses: the tally corrected by the records that do not count, see `uncertain_records`)
and measured by the same `assessments.attendance.rules.attendance` that `summarise` uses, so a
learner's rate here is the rate the cohort grid shows.
"""

import bisect
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from assessments.attendance import rules as attendance_rules
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
    """As assessments.attendance.selectors: the session counts for the enrolment if it is not
    cancelled, on or after the enrolment date, and not after the withdrawal date."""
    return Q(
        **{f"{prefix}cancelled": False, f"{prefix}date__gte": F(f"{enrolment}enrolled_on")}
    ) & (
        ~Q(**{f"{enrolment}status": WITHDRAWN})
        | Q(**{f"{prefix}date__lte": F(f"{enrolment}withdrawn_on")})
    )


# Per enrolment; what belongs to its cohort and course comes once per cohort (`_cohorts`).
ENROLMENT_FIELDS = (
    "pk",
    "learner_id",
    "status",
    "certified",
    "learner__profile__gender",
    "learner__profile__birth_year",
    "cohort_id",
    "enrolled_on",
    "withdrawn_on",
    *(f"attendance_tally__{status}" for status in attendance_rules.STATUSES),
)


@dataclass(frozen=True)
class _Cohort:
    ended: bool
    region: str
    region_label: str  # the region's name in the reader's language
    course: str
    awards_certificate: bool
    policy: attendance_rules.AttendancePolicy


def _cohorts(cohorts: QuerySet[Cohort], *, as_of: datetime.date) -> dict[int, _Cohort]:
    """What the facts need of each cohort and its course, keyed by cohort id: one query."""
    rows = (
        cohorts.order_by()
        .annotate(region_label=translated_name_expression("region__"))
        .values_list(
            "pk",
            "end_date",
            "region__name",
            "region_label",
            "course__title",
            "course__awards_certificate",
            "course__attendance_required",
            "course__attendance_threshold",
            "course__late_counts_as_attended",
            "course__excused_removed_from_denominator",
        )
    )
    return {
        pk: _Cohort(
            ended=end_date <= as_of,
            region=region,
            region_label=label,
            course=course,
            awards_certificate=awards,
            policy=attendance_rules.AttendancePolicy(
                required=required,
                threshold=threshold,
                late_counts_as_attended=late,
                excused_removed_from_denominator=excused,
            ),
        )
        for pk, end_date, region, label, course, awards, required, threshold, late, excused in rows
    }


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


NOT_COUNTED = tuple(f"not_counted_{status}" for status in attendance_rules.STATUSES)


def _record_counts(records: QuerySet[AttendanceRecord], *, as_of: datetime.date) -> QuerySet:
    """Per enrolment: of `records`, those that do not count (outside the session window, or
    after `as_of`) per status, and those that count on `as_of` itself, as tuples
    (enrolment id, *NOT_COUNTED, on as_of)."""
    counts = _in_window("session__", "enrolment__") & Q(session__date__lte=as_of)
    return (
        records.order_by()
        .values("enrolment_id")
        .annotate(
            **{
                name: Count("pk", filter=Q(status=status))
                - Count("pk", filter=counts & Q(status=status))
                for name, status in zip(NOT_COUNTED, attendance_rules.STATUSES, strict=True)
            },
            on_as_of=Count("pk", filter=counts & Q(session__date=as_of)),
        )
        .values_list("enrolment_id", *NOT_COUNTED, "on_as_of")
    )


def uncertain_records(
    *, cohorts: QuerySet[Cohort], as_of: datetime.date, period_end: datetime.date
) -> QuerySet:
    """`_record_counts` of the records of the enrolments in `cohorts` (made by `period_end`) that
    might not count on `as_of`, found through indexes without reading the others:

    - records at a session that is cancelled or not before `as_of` (through the sessions), and
    - records at any other session outside the enrolment's window: before the enrolment date,
      or after the learner withdrew (through the few enrolments with such sessions).

    Every other record of an enrolment at its own cohort's sessions counts. So an enrolment's
    counted records per status are its tally minus those of these that do not count: the
    records themselves decide, whatever happened to the sessions and enrolments since they were
    written (a session cancelled or moved, a withdrawal dated back). One query (a UNION)."""
    own = AttendanceRecord.objects.filter(
        session__cohort=F("enrolment__cohort"), enrolment__enrolled_on__lte=period_end
    )
    sessions = Session.objects.filter(cohort__in=cohorts.values("pk")).filter(
        Q(cancelled=True) | Q(date__gte=as_of)
    )
    outside_window = Q(session__date__lt=F("enrolment__enrolled_on")) | Q(
        Q(enrolment__withdrawn_on__isnull=True) | Q(session__date__gt=F("enrolment__withdrawn_on")),
        enrolment__status=WITHDRAWN,
    )
    enrolments = enrolments_of(cohorts=cohorts, end=period_end).filter(
        Q(status=WITHDRAWN)
        | Exists(
            Session.objects.filter(
                cohort=OuterRef("cohort"), cancelled=False, date__lt=OuterRef("enrolled_on")
            )
        )
    )
    by_session = own.filter(session__in=sessions.values("pk"))
    by_enrolment = own.filter(
        outside_window,
        enrolment__in=enrolments.values("pk"),
        session__cancelled=False,
        session__date__lt=as_of,
    )
    return _record_counts(by_session, as_of=as_of).union(
        _record_counts(by_enrolment, as_of=as_of), all=True
    )


def enrolment_facts(
    *, cohorts: QuerySet[Cohort], as_of: datetime.date, period_end: datetime.date
) -> tuple[list[rules.Fact], dict[str, str]]:
    """One `rules.Fact` per enrolment in `cohorts` made by the end of the period, in five
    queries; and the regions' names in the reader's language.

    A fact names its region by the region's original name (unique, the same in every
    language), so that one region is one group whatever the reader's language; the second
    value maps each of those to the name to show.

    `as_of` (the period's end, or today if earlier) is when attendance is measured and whether a
    cohort has ended is decided; certificates count if issued by the end of the period.
    Attendance comes from each enrolment's tally of records (`AttendanceTally`), corrected by
    the few records that may not count (`uncertain_records`), not from every record."""
    enrolments = enrolments_of(cohorts=cohorts, end=period_end)
    valid_certificate = Certificate.objects.filter(
        enrolment=OuterRef("pk"),
        status=Certificate.Status.VALID,
        issued_at__lt=end_of_day(period_end),
    )
    # The outcome recorded at each follow-up point, if any (one at most: a unique constraint).
    follow_ups = {
        f"follow_up_{months}": Subquery(
            FollowUp.objects.filter(enrolment=OuterRef("pk"), months=months)
            .order_by()
            .values("outcome")
        )
        for months in rules.FOLLOW_UP_MONTHS
    }
    rows = (
        enrolments.order_by()
        .annotate(certified=Exists(valid_certificate), **follow_ups)
        .values_list(*ENROLMENT_FIELDS, *follow_ups)
    )
    by_cohort = _cohorts(cohorts, as_of=as_of)
    # The sessions each enrolment could attend are counted here, from the dates of its
    # cohort's sessions (a few per cohort), not by joining every enrolment with every session
    # of its cohort in the database (40 rows per enrolment to group again).
    session_dates = defaultdict(list)
    for cohort_id, date in (
        Session.objects.filter(cohort__in=cohorts.values("pk"), cancelled=False)
        .order_by("cohort_id", "date")
        .values_list("cohort_id", "date")
    ):
        session_dates[cohort_id].append(date)
    # Per enrolment: its records that do not count, per status, and those counted on `as_of`
    # (an enrolment may come in both parts of the UNION).
    corrections = {}
    for pk, *counts in uncertain_records(cohorts=cohorts, as_of=as_of, period_end=period_end):
        before = corrections.get(pk)
        corrections[pk] = (
            counts if before is None else [a + b for a, b in zip(before, counts, strict=True)]
        )

    age_bands = {}
    recorded = {}  # the follow-ups of each combination of outcomes, made once
    no_correction = (0,) * (len(attendance_rules.STATUSES) + 1)
    facts, region_labels = [], {}
    for row in rows:
        pk, learner_id, status, certified, gender, birth_year, cohort_id, enrolled_on = row[:8]
        withdrawn_on, present, late, excused, absent = row[8:13]
        outcomes = row[13:]
        cohort = by_cohort[cohort_id]
        region_labels[cohort.region] = cohort.region_label
        withdrawn = status == WITHDRAWN
        scheduled, before = sessions_in_window(
            session_dates[cohort_id],
            enrolled_on=enrolled_on,
            withdrawn=withdrawn,
            withdrawn_on=withdrawn_on,
            as_of=as_of,
        )
        # No tally: no record (a LEFT JOIN's NULLs).
        not_present, not_late, not_excused, not_absent, on_as_of = corrections.get(
            pk, no_correction
        )
        attendance = attendance_rules.attendance(
            attendance_rules.SessionCounts(
                scheduled=scheduled,
                held=before + on_as_of,
                present=(present or 0) - not_present,
                late=(late or 0) - not_late,
                excused=(excused or 0) - not_excused,
                absent=(absent or 0) - not_absent,
                withdrawn=withdrawn,
            ),
            cohort.policy,
        )
        age_band = age_bands.get(birth_year)
        if age_band is None:
            age_band = age_bands[birth_year] = rules.age_band(
                birth_year=birth_year, year=period_end.year
            )
        facts.append(
            rules.Fact(
                enrolment_id=pk,
                learner_id=learner_id,
                region=cohort.region,
                course=cohort.course,
                gender=gender or rules.NOT_RECORDED,
                age_band=age_band,
                ended=cohort.ended,
                completed=cohort.ended
                and not withdrawn
                and (attendance.meets_threshold or certified or status == COMPLETED),
                awards_certificate=cohort.awards_certificate,
                certified=certified,
                attended=attendance.attended,
                counted=attendance.counted,
                follow_ups=recorded.get(outcomes)
                or recorded.setdefault(
                    outcomes,
                    tuple(
                        (months, outcome)
                        for months, outcome in zip(rules.FOLLOW_UP_MONTHS, outcomes, strict=True)
                        if outcome is not None
                    ),
                ),
            )
        )
    return facts, region_labels


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
