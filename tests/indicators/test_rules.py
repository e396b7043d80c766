"""Indicator rules at their boundaries, without a database."""

import datetime
from decimal import Decimal
from fractions import Fraction

import pytest

from indicators import rules

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 15), 3, D(2026, 4, 15)),
        (D(2026, 8, 31), 6, D(2027, 2, 28)),  # no 31 February: the month's last day
        (D(2027, 8, 31), 6, D(2028, 2, 29)),  # leap year
        (D(2026, 10, 31), 12, D(2027, 10, 31)),
        (D(2026, 11, 30), 3, D(2027, 2, 28)),
        (D(2026, 3, 31), -12, D(2025, 3, 31)),
    ],
)
def test_add_months(day, months, expected):
    assert rules.add_months(day, months) == expected


def test_a_follow_up_may_be_recorded_from_its_day_not_the_day_before():
    end = D(2026, 1, 31)
    assert not rules.may_record_follow_up(end_date=end, months=3, today=D(2026, 4, 29))
    assert rules.may_record_follow_up(end_date=end, months=3, today=D(2026, 4, 30))
    assert not rules.may_record_follow_up(end_date=end, months=4, today=D(2027, 1, 1))


def test_due_follow_ups_are_those_come_and_not_recorded():
    end = D(2026, 1, 10)
    assert rules.follow_ups_due(end_date=end, today=D(2026, 4, 9)) == []
    assert rules.follow_ups_due(end_date=end, today=D(2026, 4, 10)) == [3]
    assert rules.follow_ups_due(end_date=end, today=D(2026, 7, 10)) == [3, 6]
    assert rules.follow_ups_due(end_date=end, today=D(2026, 7, 10), recorded=[3]) == [6]
    assert rules.follow_ups_due(end_date=end, today=D(2027, 1, 9), recorded=[3]) == [6]
    assert rules.follow_ups_due(end_date=end, today=D(2027, 1, 10), recorded=[3, 6, 12]) == []
    assert rules.follow_ups_due(end_date=end, today=D(2027, 1, 10)) == [3, 6, 12]


def test_four_people_are_suppressed_five_are_shown():
    assert rules.is_suppressed(4)
    assert not rules.is_suppressed(5)
    assert rules.is_suppressed(0)


def test_one_suppressed_row_takes_the_next_smallest_with_it():
    # Total 4 + 5 + 9 = 18: with 5 and 9 shown, 18 - 14 would give the 4 away.
    assert rules.suppressed_rows([4, 9, 5]) == {0, 2}


def test_two_suppressed_rows_protect_each_other():
    assert rules.suppressed_rows([4, 9, 3, 12]) == {0, 2}


def test_nothing_suppressed_when_every_row_has_five():
    assert rules.suppressed_rows([5, 5, 30]) == set()


def test_a_single_row_is_suppressed_only_by_its_own_size():
    assert rules.suppressed_rows([4]) == {0}
    assert rules.suppressed_rows([5]) == set()


@pytest.mark.parametrize(
    ("birth_year", "band"),
    [
        (2002, "under_25"),  # 24 in 2026
        (2001, "25_34"),  # 25
        (1992, "25_34"),  # 34
        (1991, "35_44"),  # 35
        (1982, "35_44"),  # 44
        (1981, "45_54"),  # 45
        (2030, "under_25"),  # a birth year after the period: the youngest band
        (None, rules.NOT_RECORDED),
    ],
)
def test_age_band_in_the_year_the_period_ends(birth_year, band):
    assert rules.age_band(birth_year=birth_year, year=2026) == band


def test_age_band_boundaries_at_55():
    assert rules.age_band(birth_year=1972, year=2026) == "45_54"  # 54
    assert rules.age_band(birth_year=1971, year=2026) == "55_over"  # 55


def test_percent_is_cut_not_rounded_up():
    assert str(rules.percent(26, 29)) == "89.6"  # 89.655...
    assert str(rules.percent(9, 10)) == "90.0"
    assert str(rules.percent(2, 3)) == "66.6"
    assert rules.percent(0, 0) is None
    # A mean of rates stays exact: (50% + 33.33...%) / 2 = 41.66...%, cut to 41.6.
    assert str(rules.percent(Fraction(1, 2) + Fraction(1, 3), 2)) == "41.6"
    assert str(rules.percent(Fraction(8996, 100), 100)) == "89.9"  # 89.96: never 90.0


def fact(i, *, region="North", gender="woman", ended=True, completed=True, **kw):
    values = {
        "enrolment_id": i,
        "learner_id": i,
        "region": region,
        "course": "Baking",
        "gender": gender,
        "age_band": "25_34",
        "ended": ended,
        "completed": completed,
        "awards_certificate": True,
        "certified": completed,
        "attended": 9,
        "counted": 10,
    }
    return rules.Fact(**(values | kw))


def test_breakdown_rates_and_suppression():
    facts = [fact(i, completed=i % 2 == 0) for i in range(6)]  # North: 6 people, 3 completed
    facts += [fact(10 + i, region="South", gender="man") for i in range(4)]  # South: 4
    facts += [fact(20 + i, region="East") for i in range(7)]
    table = rules.breakdown(facts, lambda f: f.region)
    rows = {r.key: r for r in table.rows}
    assert rows["South"].suppressed
    assert rows["South"].enrolments.value is None
    # South alone would be total minus the others: North (the next smallest) goes too.
    assert rows["North"].suppressed
    assert not rows["East"].suppressed
    assert rows["East"].cells["completion"].value == Decimal("100.0")
    assert table.total.enrolments.value == 17
    assert table.total.cells["completion"].value == rules.percent(3 + 4 + 7, 17)
    assert table.total.cells["women"].value == rules.percent(13, 17)
    assert table.total.cells["attendance"].value == Decimal("90.0")


def test_a_rate_on_four_people_is_suppressed_in_a_shown_row():
    facts = [fact(i, ended=i < 4) for i in range(8)]  # 8 enrolled, 4 in ended cohorts
    total = rules.breakdown(facts, lambda f: "all").total
    assert total.enrolments.value == 8
    assert total.cells["completion"].suppressed
    facts.append(fact(99, ended=True))
    total = rules.breakdown(facts, lambda f: "all").total
    assert total.cells["completion"].value == Decimal("100.0")


def test_placement_counts_known_outcomes_only():
    outcomes = [
        rules.EMPLOYED_IN_TRADE,
        rules.EMPLOYED_IN_TRADE,
        rules.EMPLOYED_OTHER,
        rules.SEEKING_WORK,
        rules.FURTHER_TRAINING,
        rules.NOT_KNOWN,
    ]
    facts = [fact(i, follow_ups=((6, o),)) for i, o in enumerate(outcomes)]
    total = rules.breakdown(facts, lambda f: "all").total
    assert total.cells["in_work_6"].value == Decimal("60.0")  # 3 of 5 known
    assert total.cells["in_trade_6"].value == Decimal("40.0")
    assert total.cells["in_work_3"].value is None
    assert not total.cells["in_work_3"].suppressed


def test_attendance_bands_are_exact():
    assert rules.attendance_band(attended=9, counted=10) == "90_100"
    assert rules.attendance_band(attended=26, counted=29) == "80_89"  # 89.66%
    assert rules.attendance_band(attended=49, counted=100) == "below_50"
    assert rules.attendance_band(attended=1, counted=2) == "50_69"


def test_attendance_distribution_bands():
    facts = [fact(i, attended=a, counted=10) for i, a in enumerate([9] * 5 + [8] * 5 + [4])]
    bands = {c.key: c.cell for c in rules.attendance_distribution(facts)}
    assert bands["90_100"].value == 5
    assert bands["80_89"].value == 5
    assert bands["below_50"].suppressed
    # Three bands of zero people are also "fewer than 5": zeros cannot help anyone subtract.
    assert bands["50_69"].suppressed


def test_breakdowns_in_one_pass_equal_one_breakdown_at_a_time():
    facts = [
        fact(
            i,
            learner_id=i % 23,  # some people in two enrolments
            region=("North", "South", "East")[i % 3],
            gender=("woman", "man", "")[i % 5 % 3],
            completed=i % 4 != 0,
            attended=i % 11,
            counted=10 + i % 3,
            follow_ups=((3, ("employed_in_trade", "seeking_work", "not_known")[i % 3]),),
        )
        for i in range(40)
    ]
    keys = [(lambda f: f.region, None), (lambda f: f.gender, ("woman", "man"))]
    together = rules.breakdowns(facts, keys)
    assert together == [rules.breakdown(facts, key, order) for key, order in keys]
    by_region = {r.key: r for r in together[0].rows}
    assert by_region["North"].enrolments.value == 14
    assert together[0].total.people == 23
