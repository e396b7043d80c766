"""The early nudge's margin (`rules.margin_nudge`): how many more sessions a learner may miss and
still reach the threshold, at its boundaries. Pure: no database."""

import pytest

from assessments.attendance.rules import (
    AttendancePolicy,
    SessionCounts,
    margin_nudge,
    summarise,
)


def nudge(threshold, *, scheduled, held, present=0, absent=0, excused=0, **policy):
    counts = SessionCounts(
        scheduled=scheduled, held=held, present=present, absent=absent, excused=excused
    )
    return margin_nudge(summarise(counts, AttendancePolicy(threshold=threshold, **policy)))


@pytest.mark.parametrize(
    ("present", "absent", "expected"),
    [
        (10, 0, 2),  # 20 sessions, 10 left: 18 needed, 8 more to attend, 2 to spare
        (9, 1, 1),
        (8, 2, 0),  # every remaining session needed
        (7, 3, None),  # 18 out of reach: the at-risk warning says so, not a margin
    ],
)
def test_margin_falls_from_two_to_zero_at_90(present, absent, expected):
    assert nudge(90, scheduled=20, held=10, present=present, absent=absent) == expected


def test_more_margin_than_two_says_nothing():
    # 30 sessions, 10 attended of 10: 27 needed, 17 of the 20 left: 3 to spare.
    assert nudge(90, scheduled=30, held=10, present=10) is None
    # 21 sessions: 18.9 needed means 19; 9 of the 11 left: 2 to spare.
    assert nudge(90, scheduled=21, held=10, present=10) == 2


def test_exactly_at_the_edge_of_90():
    # 10 sessions, one left: 8 attended needs the last one (9 of 10 is exactly 90%).
    assert nudge(90, scheduled=10, held=9, present=8, absent=1) == 0
    # 9 attended: 9 of 10 already meets 90% whatever happens: nothing to tell.
    assert nudge(90, scheduled=10, held=9, present=9) is None


def test_threshold_100_leaves_no_margin_from_the_start():
    assert nudge(100, scheduled=10, held=0) == 0
    assert nudge(100, scheduled=10, held=5, present=5) == 0
    assert nudge(100, scheduled=10, held=5, present=4, absent=1) is None


def test_threshold_1():
    # One session attended of any number meets 1%: before it, all but one may be missed.
    assert nudge(1, scheduled=10, held=0) is None
    assert nudge(1, scheduled=10, held=8, absent=8) == 1
    assert nudge(1, scheduled=10, held=9, absent=9) == 0
    assert nudge(1, scheduled=10, held=9, present=1, absent=8) is None


def test_no_session_left_says_nothing():
    assert nudge(90, scheduled=10, held=10, present=9, absent=1) is None
    assert nudge(90, scheduled=10, held=10, present=8, absent=2) is None


def test_excused_stays_in_the_denominator_or_not_as_the_course_says():
    # 20 sessions, 10 held: 9 present, 1 excused. Counted: 18 needed, 1 to spare.
    assert nudge(90, scheduled=20, held=10, present=9, excused=1) == 1
    # The course removes excused sessions: 19 counted, 17.1 means 18: 9 of 10 left, 1 to spare.
    assert (
        nudge(
            90,
            scheduled=20,
            held=10,
            present=9,
            excused=1,
            excused_removed_from_denominator=True,
        )
        == 1
    )


def test_attendance_not_required_or_withdrawn_says_nothing():
    assert nudge(90, scheduled=20, held=10, present=8, absent=2, required=False) is None
    counts = SessionCounts(scheduled=20, held=10, present=8, absent=2, withdrawn=True)
    assert margin_nudge(summarise(counts, AttendancePolicy())) is None


def test_no_sessions_at_all_says_nothing():
    assert nudge(90, scheduled=0, held=0) is None
