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
from decimal import Decimal
from fractions import Fraction

from assessments.attendance import rules as attendance_rules

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

# Attendance distribution: (key, lowest rate in whole percent), highest first. A rate is in the
# first band whose lowest rate it reaches, exactly (89.99% is in 80-89, never 90-100).
ATTENDANCE_BANDS = (
    ("below_50", 0),
    ("50_69", 50),
    ("70_79", 70),
    ("80_89", 80),
    ("90_100", 90),
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
    """numerator / denominator in percent, with the one precision of every rate on the site:
    `assessments.attendance.rules.rate` (one decimal, cut, never rounded up)."""
    return attendance_rules.rate(Fraction(numerator), denominator or 0)


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


def attendance_band(*, attended: int, counted: int) -> str:
    """The band of the distribution that attended / counted falls in, in integers."""
    for key, low in reversed(ATTENDANCE_BANDS):
        if attended * 100 >= low * counted:
            return key
    return ATTENDANCE_BANDS[0][0]


# --- Tabulation ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Fact:
    """One enrolment as the indicators see it (slots: ten thousand of them per page, each
    without a dictionary of its own)."""

    enrolment_id: int
    learner_id: int
    region: str  # the original name: one region is one group whatever the language
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


@dataclass(slots=True)
class Measure:
    """A rate or mean being summed up: its numerator, its denominator, and the people behind
    the denominator (suppression is about people, not enrolments).

    A mean of rates (attendance) keeps, for each denominator, the sum of the numerators: the
    exact sum of the rates is then a handful of fractions, not one per learner."""

    numerator: int = 0
    denominator: int = 0
    people: set = field(default_factory=set)
    parts: dict = field(default_factory=dict)  # counted -> sum of attended

    def add(self, value: int, learner_id: int) -> None:
        self.numerator += value
        self.denominator += 1
        self.people.add(learner_id)

    def add_rate(self, attended: int, counted: int, learner_id: int) -> None:
        self.parts[counted] = self.parts.get(counted, 0) + attended
        self.denominator += 1
        self.people.add(learner_id)

    def merge(self, other: "Measure") -> None:
        self.numerator += other.numerator
        self.denominator += other.denominator
        self.people |= other.people
        for counted, attended in other.parts.items():
            self.parts[counted] = self.parts.get(counted, 0) + attended

    @property
    def total(self) -> int | Fraction:
        if not self.parts:
            return self.numerator
        return sum((Fraction(a, c) for c, a in self.parts.items()), Fraction(self.numerator))


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

_PLACEMENT_NAMES = {
    months: (f"in_work_{months}", f"in_trade_{months}") for months in FOLLOW_UP_MONTHS
}


@dataclass(slots=True)
class Group:
    """The measures of one group of enrolments, as they are being added up."""

    people: set = field(default_factory=set)
    enrolments: int = 0
    measures: dict = field(
        default_factory=lambda: {n: Measure() for n in (*RATE_MEASURES, *PLACEMENT_MEASURES)}
    )

    def add(self, fact: Fact) -> None:
        measures = self.measures
        who = fact.learner_id
        self.enrolments += 1
        self.people.add(who)
        measures["women"].add(fact.gender == WOMAN, who)
        if fact.ended:
            measures["completion"].add(fact.completed, who)
            if fact.awards_certificate:
                measures["certification"].add(fact.certified, who)
        if fact.counted:
            measures["attendance"].add_rate(fact.attended, fact.counted, who)
        for months, outcome in fact.follow_ups:
            if outcome == NOT_KNOWN:
                continue
            in_work, in_trade = _PLACEMENT_NAMES[months]
            measures[in_work].add(outcome in EMPLOYED, who)
            measures[in_trade].add(outcome == EMPLOYED_IN_TRADE, who)

    def merge(self, other: "Group") -> None:
        self.people |= other.people
        self.enrolments += other.enrolments
        for name, measure in other.measures.items():
            if measure.denominator:  # most groups have no follow-up at some points
                self.measures[name].merge(measure)


@dataclass(frozen=True)
class Row:
    key: str
    people: int
    enrolments: Cell
    cells: dict[str, Cell]
    suppressed: bool = False


def _row(key: str, group: Group, *, suppress_row: bool) -> Row:
    cells = {}
    for name, measure in group.measures.items():
        hidden = suppress_row or (measure.denominator and is_suppressed(len(measure.people)))
        value = None if hidden else percent(measure.total, measure.denominator)
        cells[name] = Cell(value=value, suppressed=bool(hidden), base=measure.denominator)
    return Row(
        key=key,
        people=len(group.people),
        enrolments=Cell(
            value=None if suppress_row else group.enrolments,
            suppressed=suppress_row,
            base=group.enrolments,
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
    return breakdowns(facts, [(key, order)])[0]


def breakdowns(
    facts: Sequence[Fact], keys: Sequence[tuple[Callable[[Fact], str], Sequence[str] | None]]
) -> list[Breakdown]:
    """`breakdown` for each (key, order) of `keys`, with one pass over the facts: each fact is
    added once, to the group of its combination of keys, and the groups of each breakdown are
    merged from those (a few hundred merges instead of a pass over the facts per breakdown)."""
    cells: dict[tuple, Group] = {}
    key_functions = [key for key, _order in keys]
    for fact in facts:
        k = tuple([key(fact) for key in key_functions])
        group = cells.get(k)
        if group is None:
            group = cells[k] = Group()
        group.add(fact)
    return [
        _tabulate(_merged(cells, i), order, any_facts=bool(facts))
        for i, (_key, order) in enumerate(keys)
    ]


def _merged(cells: dict[tuple, Group], i: int) -> dict[str, Group]:
    groups: dict[str, Group] = {}
    for k, cell in cells.items():
        group = groups.get(k[i])
        if group is None:
            group = groups[k[i]] = Group()
        group.merge(cell)
    return groups


def _tabulate(groups: dict[str, Group], order: Sequence[str] | None, *, any_facts: bool):
    keys = [k for k in order if k in groups] if order is not None else sorted(groups)
    keys += sorted(k for k in groups if k not in keys)
    hidden = suppressed_rows([len(groups[k].people) for k in keys])
    rows = [_row(k, groups[k], suppress_row=i in hidden) for i, k in enumerate(keys)]
    everyone = Group()
    for group in groups.values():
        everyone.merge(group)
    total = _row("total", everyone, suppress_row=any_facts and is_suppressed(len(everyone.people)))
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
    bands: dict[str, set] = {key: set() for key, _low in ATTENDANCE_BANDS}
    for fact in facts:
        if fact.counted:
            bands[attendance_band(attended=fact.attended, counted=fact.counted)].add(
                fact.learner_id
            )
    return counts([(key, len(people)) for key, people in bands.items()])


def pass_rates(outcomes: Sequence[tuple[str, int, bool]], order: Sequence[str]) -> list[Row]:
    """Theory tests: per test (key), the share of the people who handed in an attempt who
    passed it; one (test, learner, passed) per enrolment, suppressed as every breakdown."""
    groups = {key: Measure() for key in order}
    for key, learner_id, passed in outcomes:
        groups[key].add(passed, learner_id)
    keys = [key for key in order if groups[key].denominator]
    hidden = suppressed_rows([len(groups[key].people) for key in keys])
    rows = []
    for i, key in enumerate(keys):
        measure, off = groups[key], i in hidden
        rate = None if off else percent(measure.numerator, measure.denominator)
        taken = Cell(value=None if off else len(measure.people), suppressed=off)
        cells = {"pass_rate": Cell(value=rate, suppressed=off, base=measure.denominator)}
        rows.append(Row(key=key, people=len(measure.people), enrolments=taken, cells=cells))
    return rows
