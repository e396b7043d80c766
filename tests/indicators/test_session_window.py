"""sessions_in_window: the sessions an enrolment could attend, counted from its cohort's dates
the way assessments.attendance.selectors counts them in the database."""

import datetime

from indicators.facts import sessions_in_window

D = datetime.date
DATES = [D(2026, 3, 2), D(2026, 3, 4), D(2026, 3, 6), D(2026, 3, 9), D(2026, 3, 11)]


def window(**kwargs):
    values = {"enrolled_on": D(2026, 3, 1), "withdrawn": False, "withdrawn_on": None}
    values |= kwargs
    return sessions_in_window(DATES, as_of=values.pop("as_of", D(2026, 3, 20)), **values)


def test_every_session_from_the_enrolment_date_counts():
    assert window() == (5, 5)
    assert window(enrolled_on=D(2026, 3, 4)) == (4, 4)  # on the enrolment day counts
    assert window(enrolled_on=D(2026, 3, 12)) == (0, 0)


def test_held_are_the_sessions_before_the_day_measured():
    assert window(as_of=D(2026, 3, 6)) == (5, 2)  # the session on that day is not "before"
    assert window(as_of=D(2026, 3, 1)) == (5, 0)


def test_a_withdrawal_ends_the_window_on_its_day():
    assert window(withdrawn=True, withdrawn_on=D(2026, 3, 6)) == (3, 3)
    assert window(withdrawn=True, withdrawn_on=D(2026, 3, 6), as_of=D(2026, 3, 4)) == (3, 1)
    assert window(withdrawn=True, withdrawn_on=D(2026, 3, 1)) == (0, 0)
    assert window(withdrawn=True, withdrawn_on=None) == (0, 0)
    # A date of withdrawal on an enrolment that is not withdrawn does not count.
    assert window(withdrawn=False, withdrawn_on=D(2026, 3, 1)) == (5, 5)


def test_no_sessions():
    assert sessions_in_window(
        [], enrolled_on=D(2026, 3, 1), withdrawn=False, withdrawn_on=None, as_of=D(2026, 3, 20)
    ) == (0, 0)
