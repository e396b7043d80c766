"""One row per enrolment for the indicators, in a fixed number of queries whatever the data.

Each enrolment's attendance comes from its tally (`AttendanceTally`) corrected by the few records
that may not count (`uncertain_records`), over the sessions in its window (`assessments.attendance
.window`, the one definition), and is measured by `assessments.attendance.rules.attendance`, the
core of `summarise`: a learner's rate here is the rate the cohort grid shows.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from assessments.attendance import rules as attendance_rules
from assessments.attendance import window
from assessments.models import AttendanceRecord
from certificates.models import Certificate
from courses.models import Cohort, Enrolment, Session
from indicators import rules
from indicators.models import FollowUp
from lms.i18n import translated_name_expression

WITHDRAWN = Enrolment.Status.WITHDRAWN
COMPLETED = Enrolment.Status.COMPLETED


def enrolments_of(*, cohorts: QuerySet[Cohort], end: datetime.date) -> QuerySet[Enrolment]:
    """Enrolments of `cohorts` made by `end`."""
    return Enrolment.objects.filter(cohort__in=cohorts.values("pk"), enrolled_on__lte=end)


# Per enrolment, by name; what belongs to its cohort and course comes once per cohort (`_cohorts`).
ENROLMENT_COLUMNS = {
    "gender": F("learner__profile__gender"),
    "birth_year": F("learner__profile__birth_year"),
    # No tally: no record (a LEFT JOIN's NULLs).
    **{status: F(f"attendance_tally__{status}") for status in attendance_rules.STATUSES},
}
ENROLMENT_FIELDS = (
    "pk",
    "learner_id",
    "status",
    "certified",
    "cohort_id",
    "enrolled_on",
    "withdrawn_on",
    *ENROLMENT_COLUMNS,
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
    """Of a cohort's sessions that were not cancelled (`dates`), how many fall in the
    enrolment's window (`window.in_window`), and how many of those before `as_of`."""
    counted = [
        date
        for date in dates
        if window.in_window(
            date=date,
            cancelled=False,
            enrolled_on=enrolled_on,
            withdrawn=withdrawn,
            withdrawn_on=withdrawn_on,
        )
    ]
    return len(counted), sum(1 for date in counted if date < as_of)


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
    counts = window.between(session="session__", enrolment="enrolment__") & Q(
        session__date__lte=as_of
    )
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
    # (Of the sessions not cancelled, which the query keeps.)
    outside_window = ~window.between(session="session__", enrolment="enrolment__")
    # Only a prefilter through an index (enrolments that withdrew, or that joined after a session
    # of their cohort): which records fall outside the window is `outside_window` above.
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
        .annotate(**ENROLMENT_COLUMNS)
        .values_list(*ENROLMENT_FIELDS, *follow_ups, named=True)
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
    windows = {}  # the sessions in a window, worked out once per cohort and window
    facts, region_labels = [], {}
    for row in rows:
        outcomes = tuple(getattr(row, name) for name in follow_ups)
        cohort = by_cohort[row.cohort_id]
        region_labels[cohort.region] = cohort.region_label
        withdrawn = row.status == WITHDRAWN
        key = (row.cohort_id, row.enrolled_on, withdrawn, row.withdrawn_on)
        if key not in windows:
            windows[key] = sessions_in_window(
                session_dates[row.cohort_id],
                enrolled_on=row.enrolled_on,
                withdrawn=withdrawn,
                withdrawn_on=row.withdrawn_on,
                as_of=as_of,
            )
        scheduled, before = windows[key]
        not_counted = dict(
            zip(
                (*attendance_rules.STATUSES, "on_as_of"),
                corrections.get(row.pk, no_correction),
                strict=True,
            )
        )
        attendance = attendance_rules.attendance(
            attendance_rules.SessionCounts(
                scheduled=scheduled,
                held=before + not_counted["on_as_of"],
                **{
                    status: (getattr(row, status) or 0) - not_counted[status]
                    for status in attendance_rules.STATUSES
                },
                withdrawn=withdrawn,
            ),
            cohort.policy,
        )
        age_band = age_bands.get(row.birth_year)
        if age_band is None:
            age_band = age_bands[row.birth_year] = rules.age_band(
                birth_year=row.birth_year, year=period_end.year
            )
        facts.append(
            rules.Fact(
                enrolment_id=row.pk,
                learner_id=row.learner_id,
                region=cohort.region,
                course=cohort.course,
                gender=row.gender or rules.NOT_RECORDED,
                age_band=age_band,
                ended=cohort.ended,
                completed=cohort.ended
                and not withdrawn
                and (attendance.meets_threshold or row.certified or row.status == COMPLETED),
                awards_certificate=cohort.awards_certificate,
                certified=row.certified,
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
