"""Indicator rules as pure functions over plain values: no ORM, no request.

- Follow-ups fall due 3, 6 and 12 months after the cohort's end date (the same day of the month,
  or the month's last day when it has no such day) and may be recorded from that day on.
- A cell (a count or a rate) based on fewer than `MIN_PEOPLE` different people is suppressed.
  In a breakdown, when exactly one row is suppressed, the total minus the visible rows would give
  it away, so the next smallest row is suppressed too (secondary suppression).
- The figures (definitions in docs/indicators.md) are tabulated from one `Fact` per enrolment.
"""

import calendar
import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, Decimal
from fractions import Fraction

FOLLOW_UP_MONTHS = (3, 6, 12)

EMPLOYED_IN_TRADE = "employed_in_trade"
EMPLOYED_OTHER = "employed_other"
FURTHER_TRAINING = "further_training"
SEEKING_WORK = "seeking_work"
NOT_KNOWN = "not_known"
OUTCOMES = (EMPLOYED_IN_TRADE, EMPLOYED_OTHER, FURTHER_TRAINING, SEEKING_WORK, NOT_KNOWN)
EMPLOYED = (EMPLOYED_IN_TRADE, EMPLOYED_OTHER)

MIN_PEOPLE = 5

WOMAN = "woman"
NOT_RECORDED = ""  # gender or age band not given

# Age bands at the end of the period: (key, lowest age, highest age or None).
AGE_BANDS = (
    ("under_25", 0, 24),
    ("25_34", 25, 34),
    ("35_44", 35, 44),
    ("45_54", 45, 54),
    ("55_over", 55, None),
)

# Attendance distribution: (key, lowest rate in percent, highest rate below which it ends).
ATTENDANCE_BANDS = (
    ("below_50", Fraction(0), Fraction(50)),
    ("50_69", Fraction(50), Fraction(70)),
    ("70_79", Fraction(70), Fraction(80)),
    ("80_89", Fraction(80), Fraction(90)),
    ("90_100", Fraction(90), Fraction(101)),
)


# --- Follow-ups ------------------------------------------------------------------------------


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or that month's last day (31 Aug + 6 months = 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def follow_up_due_on(*, end_date: datetime.date, months: int) -> datetime.date:
    return add_months(end_date, months)


def may_record_follow_up(*, end_date: datetime.date, months: int, today: datetime.date) -> bool:
    """A follow-up is about a point in time: it may be recorded once that point has come."""
    return months in FOLLOW_UP_MONTHS and today >= follow_up_due_on(
        end_date=end_date, months=months
    )


def follow_ups_due(
    *, end_date: datetime.date, today: datetime.date, recorded: Iterable[int] = ()
) -> list[int]:
    """The follow-ups (in months) that have come and are not recorded yet, earliest first."""
    done = set(recorded)
    return [
        months
        for months in FOLLOW_UP_MONTHS
        if months not in done
        and may_record_follow_up(end_date=end_date, months=months, today=today)
    ]


# --- Suppression -----------------------------------------------------------------------------


def is_suppressed(people: int) -> bool:
    """Fewer than five people (none included: a row of nobody is not shown at all)."""
    return people < MIN_PEOPLE


def suppressed_rows(people: Sequence[int]) -> set[int]:
    """Which rows of a breakdown to suppress, given each row's number of people.

    Primary: every row under `MIN_PEOPLE`. Secondary: a single suppressed row could be worked
    out as the total minus the other rows, so the smallest other row goes too."""
    primary = {i for i, n in enumerate(people) if is_suppressed(n)}
    if len(primary) == 1 and len(people) > 1:
        others = [i for i in range(len(people)) if i not in primary]
        primary.add(min(others, key=lambda i: (people[i], i)))
    return primary


# --- Arithmetic ------------------------------------------------------------------------------


def percent(numerator, denominator) -> Decimal | None:
    """numerator / denominator in percent with one decimal, cut, never rounded up (89.96% shows
    as 89.9%). None when the denominator is zero."""
    if not denominator:
        return None
    value = Fraction(numerator) * 100 / Fraction(denominator)
    return (
        Decimal(value.numerator * 10 // value.denominator)
        .scaleb(-1)
        .quantize(Decimal("0.1"), rounding=ROUND_DOWN)
    )


def age_band(*, birth_year: int | None, year: int) -> str:
    """The age band of someone born in `birth_year`, in `year` (their age that year, birthday
    or not: the profile holds the year only). No birth year: not recorded."""
    if birth_year is None:
        return NOT_RECORDED
    age = year - birth_year
    for key, low, high in AGE_BANDS:
        if age >= low and (high is None or age <= high):
            return key
    return AGE_BANDS[0][0]  # a birth year after the period: the youngest band


def attendance_band(rate: Fraction) -> str:
    """The band of the distribution an attendance rate (attended / counted, 0..1) falls in."""
    in_percent = rate * 100
    for key, low, high in ATTENDANCE_BANDS:
        if low <= in_percent < high:
            return key
    return ATTENDANCE_BANDS[-1][0]


def attendance_met(*, required: bool, threshold: int, attended: int, counted: int) -> bool:
    """The course's attendance requirement over the whole course, exactly as certificates
    decide it: not required, or attended * 100 >= threshold * counted with something counted."""
    return not required or (counted > 0 and attended * 100 >= threshold * counted)


# --- Tabulation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Fact:
    """One enrolment as the indicators see it."""

    enrolment_id: int
    learner_id: int
    region: str
    course: str
    gender: str
    age_band: str
    ended: bool  # the cohort ended on or before the period's end
    completed: bool  # ended, stayed, and met attendance (or certified)
    awards_certificate: bool
    certified: bool  # a valid certificate issued by the period's end
    attended: int  # sessions attended up to the period's end
    counted: int  # sessions that count up to the period's end
    follow_ups: tuple[tuple[int, str], ...] = ()  # (months, outcome)

    @property
    def attendance(self) -> Fraction | None:
        return Fraction(self.attended, self.counted) if self.counted else None


@dataclass
class Measure:
    """A rate or mean being summed up: its numerator, its denominator, and the people behind
    the denominator (suppression is about people, not enrolments)."""

    numerator: Fraction = Fraction(0)
    denominator: int = 0
    people: set = field(default_factory=set)

    def add(self, value, learner_id: int) -> None:
        self.numerator += value
        self.denominator += 1
        self.people.add(learner_id)


@dataclass(frozen=True)
class Cell:
    """What a table shows: a value, or 'fewer than 5' when suppressed, or nothing to show
    (no one to measure)."""

    value: Decimal | int | None
    suppressed: bool = False
    base: int = 0  # how many enrolments the figure is based on


# Measures every breakdown row carries, in column order.
RATE_MEASURES = ("completion", "certification", "attendance", "women")
PLACEMENT_MEASURES = tuple(
    f"{kind}_{months}" for months in FOLLOW_UP_MONTHS for kind in ("in_work", "in_trade")
)


def _measures(facts: Iterable[Fact]) -> tuple[set, int, dict[str, Measure]]:
    people: set = set()
    enrolments = 0
    measures = {name: Measure() for name in (*RATE_MEASURES, *PLACEMENT_MEASURES)}
    for fact in facts:
        enrolments += 1
        who = fact.learner_id
        people.add(who)
        measures["women"].add(fact.gender == WOMAN, who)
        if fact.ended:
            measures["completion"].add(fact.completed, who)
            if fact.awards_certificate:
                measures["certification"].add(fact.certified, who)
        if fact.counted:
            measures["attendance"].add(fact.attendance, who)
        for months, outcome in fact.follow_ups:
            if outcome == NOT_KNOWN:
                continue
            measures[f"in_work_{months}"].add(outcome in EMPLOYED, who)
            measures[f"in_trade_{months}"].add(outcome == EMPLOYED_IN_TRADE, who)
    return people, enrolments, measures


@dataclass(frozen=True)
class Row:
    key: str
    people: int
    enrolments: Cell
    cells: dict[str, Cell]
    suppressed: bool = False


def _row(key: str, facts: list[Fact], *, suppress_row: bool) -> Row:
    people, enrolments, measures = _measures(facts)
    cells = {}
    for name, measure in measures.items():
        hidden = suppress_row or (measure.denominator and is_suppressed(len(measure.people)))
        value = None if hidden else percent(measure.numerator, measure.denominator)
        cells[name] = Cell(value=value, suppressed=bool(hidden), base=measure.denominator)
    return Row(
        key=key,
        people=len(people),
        enrolments=Cell(
            value=None if suppress_row else enrolments, suppressed=suppress_row, base=enrolments
        ),
        cells=cells,
        suppressed=suppress_row,
    )


@dataclass(frozen=True)
class Breakdown:
    rows: list[Row]
    total: Row


def breakdown(
    facts: Sequence[Fact], key: Callable[[Fact], str], order: Sequence[str] | None = None
) -> Breakdown:
    """Facts grouped by `key`, one row per group (in `order`, else by key), with suppression,
    and a total row (suppressed as a whole if the total itself is under five people)."""
    groups: dict[str, list[Fact]] = {}
    for fact in facts:
        groups.setdefault(key(fact), []).append(fact)
    keys = [k for k in order if k in groups] if order is not None else sorted(groups)
    keys += sorted(k for k in groups if k not in keys)
    people = [len({f.learner_id for f in groups[k]}) for k in keys]
    hidden = suppressed_rows(people)
    rows = [_row(k, groups[k], suppress_row=i in hidden) for i, k in enumerate(keys)]
    total_people = len({f.learner_id for f in facts})
    total = _row("total", list(facts), suppress_row=bool(facts) and is_suppressed(total_people))
    return Breakdown(rows=rows, total=total)


@dataclass(frozen=True)
class Count:
    key: str
    cell: Cell


def counts(pairs: Sequence[tuple[str, int]]) -> list[Count]:
    """Counts of people per key (a distribution), with the same suppression as a breakdown."""
    hidden = suppressed_rows([size for _key, size in pairs])
    return [
        Count(
            key=key,
            cell=Cell(value=None if i in hidden else size, suppressed=i in hidden, base=size),
        )
        for i, (key, size) in enumerate(pairs)
    ]


def attendance_distribution(facts: Iterable[Fact]) -> list[Count]:
    """How many people had an attendance rate in each band (enrolments with sessions counted;
    someone in two cohorts counts in the band of each)."""
    bands: dict[str, set] = {key: set() for key, _low, _high in ATTENDANCE_BANDS}
    for fact in facts:
        if fact.counted:
            bands[attendance_band(fact.attendance)].add(fact.learner_id)
    return counts([(key, len(people)) for key, people in bands.items()])
