"""Mentoring in practice, the pure rules at their boundaries: the 7-day edit window, contact
within N weeks, over capacity, supervised within 3 months, mentors per 10 mentees."""

import datetime
from fractions import Fraction

from mentors import rules

NOW = datetime.datetime(2026, 3, 10, 12, 0, tzinfo=datetime.UTC)
DAY = datetime.date(2026, 3, 31)


def test_the_author_may_change_an_entry_up_to_the_moment_7_days_later():
    logged = NOW - datetime.timedelta(days=7)
    assert rules.meeting_editable(
        author_id=1, by_id=1, created_at=logged + datetime.timedelta(seconds=1), now=NOW
    )
    assert not rules.meeting_editable(author_id=1, by_id=1, created_at=logged, now=NOW)
    assert not rules.meeting_editable(
        author_id=1, by_id=1, created_at=logged - datetime.timedelta(seconds=1), now=NOW
    )


def test_nobody_else_may_change_an_entry_even_on_its_first_day():
    assert not rules.meeting_editable(author_id=1, by_id=2, created_at=NOW, now=NOW)
    assert not rules.meeting_editable(author_id=1, by_id=None, created_at=NOW, now=NOW)


def test_a_contact_exactly_n_weeks_ago_is_still_recent_a_day_more_is_not():
    today = datetime.date(2026, 3, 22)
    three_weeks = datetime.date(2026, 3, 1)
    assert rules.contact_recent(last_contact=three_weeks, since=three_weeks, today=today, weeks=3)
    day_before = three_weeks - datetime.timedelta(days=1)
    assert not rules.contact_recent(last_contact=day_before, since=day_before, today=today, weeks=3)


def test_without_a_logged_meeting_the_start_of_the_mentoring_counts():
    today = datetime.date(2026, 3, 22)
    assert rules.contact_recent(
        last_contact=None, since=datetime.date(2026, 3, 1), today=today, weeks=3
    )
    assert not rules.contact_recent(
        last_contact=None, since=datetime.date(2026, 2, 28), today=today, weeks=3
    )
    assert rules.contact_recent(
        last_contact=None, since=datetime.date(2026, 2, 28), today=today, weeks=4
    )


def test_over_capacity_only_above_the_maximum():
    assert not rules.over_capacity(max_mentees=3, current=3)
    assert rules.over_capacity(max_mentees=3, current=4)
    assert rules.over_capacity(max_mentees=0, current=1)


def test_supervised_recently_means_on_or_after_the_same_day_3_months_ago():
    assert rules.supervised_recently(last=datetime.date(2025, 12, 31), today=DAY)
    assert not rules.supervised_recently(last=datetime.date(2025, 12, 30), today=DAY)
    assert not rules.supervised_recently(last=None, today=DAY)
    # 31 May: 3 months earlier has no 31st; the last day of February counts.
    may = datetime.date(2026, 5, 31)
    assert rules.supervised_recently(last=datetime.date(2026, 2, 28), today=may)
    assert not rules.supervised_recently(last=datetime.date(2026, 2, 27), today=may)


def test_months_before_across_a_year():
    assert rules.months_before(datetime.date(2026, 1, 15), 3) == datetime.date(2025, 10, 15)
    assert rules.months_before(datetime.date(2024, 5, 31), 3) == datetime.date(2024, 2, 29)


def test_mentors_per_ten_mentees():
    assert rules.mentors_per_ten(mentors=2, mentees=8) == Fraction(5, 2)
    assert rules.mentors_per_ten(mentors=0, mentees=8) == 0
    assert rules.mentors_per_ten(mentors=3, mentees=0) is None


def test_by_default_a_mentee_shares_the_next_session_only():
    assert rules.Sharing() == rules.Sharing(
        course_progress=False, attendance=False, next_session=True
    )
