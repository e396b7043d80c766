"""The attendance rules at their boundaries, without a database (DOMAIN.md)."""

from decimal import Decimal
from fractions import Fraction

import pytest

from assessments.attendance import rules
from assessments.attendance.rules import AttendancePolicy, SessionCounts, summarise

DEFAULT = AttendancePolicy()  # 90%, late counts, excused stays in the denominator
EXCUSED_REMOVED = AttendancePolicy(excused_removed_from_denominator=True)
LATE_NOT_COUNTED = AttendancePolicy(late_counts_as_attended=False)


def held_all(**statuses) -> SessionCounts:
    """A finished course: every session held and recorded."""
    total = sum(statuses.values())
    return SessionCounts(scheduled=total, held=total, **statuses)


def test_nine_of_ten_at_ninety_percent_meets():
    summary = summarise(held_all(present=9, absent=1), DEFAULT)
    assert summary.rate_whole_course == Decimal("90.0")
    assert summary.meets_threshold
    assert not summary.at_risk


def test_twenty_six_of_twenty_nine_does_not_meet_and_is_not_rounded_up():
    summary = summarise(held_all(present=26, absent=3), DEFAULT)
    assert not summary.meets_threshold
    assert summary.at_risk
    # 89.655...% is cut to one decimal, never rounded up to 89.7% or 90%.
    assert summary.rate_whole_course == Decimal("89.6")


def test_just_below_threshold_by_a_hair_fails():
    # 899 of 1000 = 89.9%; 8999 of 10000 = 89.99%.
    assert not rules.meets(899, 1000, 90)
    assert not rules.meets(8999, 10000, 90)
    assert rules.meets(9000, 10000, 90)
    assert rules.rate(8999, 10000) == Decimal("89.9")
    assert rules.rate(2, 3) == Decimal("66.6")


@pytest.mark.parametrize(
    ("attended", "counted", "shown"),
    [
        (8996, 10000, "89.9"),  # 89.96%: cut, never rounded up to 90.0
        (8999, 10000, "89.9"),
        (9000, 10000, "90.0"),  # exactly 90: one decimal all the same
        (1, 3, "33.3"),
        (10, 10, "100.0"),
        (0, 7, "0.0"),
        (Fraction(179, 2), 100, "89.5"),  # a mean of rates, exact (indicators)
        (Fraction(8999, 100), 100, "89.9"),
    ],
)
def test_the_rate_has_one_decimal_cut(attended, counted, shown):
    assert str(rules.rate(attended, counted)) == shown


def test_no_rate_when_nothing_counts():
    assert rules.rate(0, 0) is None
    assert rules.rate(Fraction(0), 0) is None


def test_zero_counted_sessions_cannot_meet_a_required_threshold():
    summary = summarise(SessionCounts(scheduled=0, held=0), DEFAULT)
    assert summary.rate_so_far is None
    assert summary.rate_whole_course is None
    assert summary.best_reachable is None
    assert not summary.meets_threshold
    assert not summary.at_risk  # nothing scheduled yet: nothing to warn about
    assert summary.sessions_needed is None


def test_attendance_not_required_is_met_with_no_sessions():
    summary = summarise(
        SessionCounts(scheduled=0, held=0), AttendancePolicy(required=False, threshold=90)
    )
    assert summary.meets_threshold
    assert not summary.at_risk


@pytest.mark.parametrize(
    ("policy", "counted", "rate", "meets"),
    [
        (DEFAULT, 4, Decimal("0.0"), False),  # excused stays in: 0 of 4
        (EXCUSED_REMOVED, 0, None, False),  # excused removed: nothing counts, cannot meet
    ],
)
def test_all_excused_under_both_policies(policy, counted, rate, meets):
    summary = summarise(held_all(excused=4), policy)
    assert summary.attended == 0
    assert summary.counted == counted
    assert summary.counted_whole_course == counted
    assert summary.rate_whole_course == rate
    assert summary.meets_threshold is meets


def test_excused_removed_from_denominator_lifts_the_rate():
    counts = held_all(present=9, excused=1, absent=1)
    assert summarise(counts, DEFAULT).rate_whole_course == Decimal("81.8")
    assert not summarise(counts, DEFAULT).meets_threshold
    assert summarise(counts, EXCUSED_REMOVED).rate_whole_course == Decimal("90.0")
    assert summarise(counts, EXCUSED_REMOVED).meets_threshold


def test_late_counts_by_default_and_not_when_the_course_says_so():
    counts = held_all(present=8, late=1, absent=1)
    assert summarise(counts, DEFAULT).attended == 9
    assert summarise(counts, DEFAULT).meets_threshold
    assert summarise(counts, LATE_NOT_COUNTED).attended == 8
    assert not summarise(counts, LATE_NOT_COUNTED).meets_threshold


def test_so_far_is_not_the_whole_course():
    # Five of five so far, twenty sessions in all: 100% so far, but not met yet, and not at risk.
    summary = summarise(SessionCounts(scheduled=20, held=5, present=5), DEFAULT)
    assert summary.rate_so_far == Decimal("100.0")
    assert summary.rate_whole_course == Decimal("25.0")
    assert summary.remaining == 15
    assert summary.best_reachable == Decimal("100.0")
    assert not summary.meets_threshold
    assert not summary.at_risk
    assert summary.sessions_needed == 13  # 18 of 20 needed
    assert summary.can_miss == 2


def test_at_risk_when_even_every_remaining_session_is_not_enough():
    # 20 sessions at 90% allow 2 misses: the second is fine, the third puts the learner at risk.
    two_missed = summarise(SessionCounts(scheduled=20, held=10, present=8, absent=2), DEFAULT)
    assert not two_missed.at_risk
    assert two_missed.best_reachable == Decimal("90.0")
    assert two_missed.can_miss == 0
    three_missed = summarise(SessionCounts(scheduled=20, held=10, present=7, absent=3), DEFAULT)
    assert three_missed.at_risk
    assert three_missed.best_reachable == Decimal("85.0")
    assert three_missed.can_miss is None


def test_a_held_session_without_a_record_is_not_attended():
    summary = summarise(SessionCounts(scheduled=10, held=10, present=9), DEFAULT)
    assert summary.unrecorded == 1
    assert summary.attended == 9
    assert summary.counted == 10
    assert summary.meets_threshold


def test_enrolled_mid_course_counts_only_their_sessions():
    # The selector counts only sessions on or after the enrolment date; the rule sees 10, not 30.
    summary = summarise(SessionCounts(scheduled=10, held=10, present=9, absent=1), DEFAULT)
    assert summary.counted_whole_course == 10
    assert summary.meets_threshold


def test_withdrawn_learner_neither_meets_nor_is_at_risk():
    # Withdrawn after 6 sessions, all attended: nothing remains for them, no warning, no pass.
    summary = summarise(SessionCounts(scheduled=6, held=6, present=6, withdrawn=True), DEFAULT)
    assert summary.remaining == 0
    assert summary.rate_so_far == Decimal("100.0")
    assert not summary.meets_threshold
    assert not summary.at_risk


def test_withdrawn_sessions_in_window_not_yet_recorded_count_as_missed():
    summary = summarise(SessionCounts(scheduled=6, held=4, present=4, withdrawn=True), DEFAULT)
    assert summary.counted == 6
    assert summary.unrecorded == 2


def test_inconsistent_counts_are_refused():
    with pytest.raises(ValueError, match="Inconsistent"):
        SessionCounts(scheduled=3, held=4)
    with pytest.raises(ValueError, match="Inconsistent"):
        SessionCounts(scheduled=3, held=1, present=2)


def test_sessions_needed_is_exact():
    assert rules.sessions_needed(0, 10, 90) == 9
    assert rules.sessions_needed(9, 10, 90) == 0
    assert rules.sessions_needed(0, 29, 90) == 27  # 26.1 rounds up to 27 sessions
    assert rules.meets(27, 29, 90)
    assert not rules.meets(26, 29, 90)


@pytest.mark.parametrize(
    ("present", "absent", "meets"),
    [(10, 0, True), (9, 1, False), (99, 1, False), (1, 0, True)],
)
def test_a_threshold_of_one_hundred_needs_every_session(present, absent, meets):
    summary = summarise(held_all(present=present, absent=absent), AttendancePolicy(threshold=100))
    assert summary.meets_threshold is meets
    assert summary.threshold_reached is meets


@pytest.mark.parametrize(
    ("present", "absent", "meets"),
    [(1, 99, True), (1, 100, False), (0, 10, False), (1, 0, True)],
)
def test_a_threshold_of_one_percent_is_exact_too(present, absent, meets):
    # 1 of 100 is exactly 1%; 1 of 101 is 0.99%, never rounded up to 1%.
    summary = summarise(held_all(present=present, absent=absent), AttendancePolicy(threshold=1))
    assert summary.meets_threshold is meets


def test_late_not_counted_with_excused_removed():
    # 10 sessions: 6 present, 2 late, 1 excused, 1 absent. Late is not attended; the excused
    # session leaves the denominator: 6 of 9 = 66.6%, not 8 of 9 nor 6 of 10.
    policy = AttendancePolicy(late_counts_as_attended=False, excused_removed_from_denominator=True)
    summary = summarise(held_all(present=6, late=2, excused=1, absent=1), policy)
    assert (summary.attended, summary.counted_whole_course) == (6, 9)
    assert summary.rate_whole_course == Decimal("66.6")
    assert not summary.meets_threshold
    # At 66%, 6 of 9 (66.66...%) passes; at 67% it does not (no rounding up).
    at_66 = AttendancePolicy(
        threshold=66, late_counts_as_attended=False, excused_removed_from_denominator=True
    )
    at_67 = AttendancePolicy(
        threshold=67, late_counts_as_attended=False, excused_removed_from_denominator=True
    )
    assert summarise(held_all(present=6, late=2, excused=1, absent=1), at_66).meets_threshold
    assert not summarise(held_all(present=6, late=2, excused=1, absent=1), at_67).meets_threshold


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Ana", "Ana"),
        (90, 90),
        (Decimal("89.65"), Decimal("89.65")),
    ],
)
def test_spreadsheet_safe(value, safe):
    assert rules.spreadsheet_safe(value) == safe
