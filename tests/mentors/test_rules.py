"""Mentor status, capacity, ranking and coverage rules at their boundaries, with no database."""

import datetime

import pytest

from mentors import rules

D = datetime.date
NOTICE = 60
CERTIFIED = D(2024, 3, 1)


def status(today, *, certified=CERTIFIED, months=24, refreshed=()):
    found = rules.standing(
        certified_on=[certified],
        refreshed_on=refreshed,
        validity_months=months,
        today=today,
        notice_days=NOTICE,
    )
    return found.status


@pytest.mark.parametrize(
    ("start", "months", "last_day"),
    [
        (D(2024, 3, 1), 24, D(2026, 2, 28)),
        (D(2024, 3, 15), 24, D(2026, 3, 14)),
        (D(2024, 3, 15), 1, D(2024, 4, 14)),
        (D(2024, 12, 10), 1, D(2025, 1, 9)),  # across the year
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # no 31 February: valid through February
        (D(2023, 12, 31), 2, D(2024, 2, 29)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),  # no 29 February in 2025
        (D(2024, 1, 30), 1, D(2024, 2, 29)),
        (D(2024, 1, 29), 1, D(2024, 2, 28)),  # 29 February exists: the day before it
    ],
)
def test_last_valid_day(start, months, last_day):
    assert rules.valid_until(certified_on=start, validity_months=months) == last_day


def test_a_course_without_validity_never_expires():
    assert rules.valid_until(certified_on=D(2000, 1, 1), validity_months=None) is None
    assert status(D(2090, 1, 1), certified=D(2000, 1, 1), months=None) == rules.ACTIVE


# Certified 2024-03-01 for 24 months: last valid day 2026-02-28, refresher due from 2025-12-30
# (60 days before), lapsed from 2026-03-01.
@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2024, 3, 1), rules.ACTIVE),
        (D(2025, 12, 29), rules.ACTIVE),  # the day before the refresher is due
        (D(2025, 12, 30), rules.REFRESHER_DUE),  # the day it is due
        (D(2025, 12, 31), rules.REFRESHER_DUE),
        (D(2026, 2, 27), rules.REFRESHER_DUE),
        (D(2026, 2, 28), rules.REFRESHER_DUE),  # the last valid day: still certified
        (D(2026, 3, 1), rules.LAPSED),  # the day after
        (D(2030, 1, 1), rules.LAPSED),
    ],
)
def test_status_at_each_boundary(today, expected):
    assert status(today) == expected


def test_refresher_due_from_is_notice_days_before_the_last_valid_day():
    found = rules.standing(
        certified_on=[D(2024, 3, 1)], validity_months=24, today=D(2024, 3, 1), notice_days=60
    )
    assert found.valid_until == D(2026, 2, 28)
    assert found.refresher_due_from == D(2025, 12, 30)
    assert found.valid_until - found.refresher_due_from == datetime.timedelta(days=60)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (D(2026, 2, 28), rules.ACTIVE),  # old last valid day: the refresher moved it on
        (D(2026, 3, 1), rules.ACTIVE),
        (D(2027, 11, 30), rules.ACTIVE),  # refreshed 2026-02-01: valid until 2028-01-31
        (D(2027, 12, 2), rules.REFRESHER_DUE),  # 2028-01-31 minus 60 days = 2027-12-02
        (D(2028, 1, 31), rules.REFRESHER_DUE),
        (D(2028, 2, 1), rules.LAPSED),
    ],
)
def test_a_completed_refresher_restarts_the_validity(today, expected):
    assert status(today, refreshed=[D(2026, 2, 1)]) == expected


def test_a_refresher_after_a_lapse_restores_the_mentor():
    assert status(D(2026, 6, 1)) == rules.LAPSED
    assert status(D(2026, 6, 1), refreshed=[D(2026, 5, 20)]) == rules.ACTIVE


def test_a_refresher_alone_makes_no_mentor_and_one_before_certification_is_ignored():
    assert (
        rules.standing(
            certified_on=[],
            refreshed_on=[D(2025, 1, 1)],
            validity_months=24,
            today=D(2025, 1, 2),
            notice_days=NOTICE,
        )
        is None
    )
    found = rules.standing(
        certified_on=[D(2024, 3, 1)],
        refreshed_on=[D(2020, 1, 1)],
        validity_months=24,
        today=D(2024, 3, 2),
        notice_days=NOTICE,
    )
    assert found.last_certified_on == D(2024, 3, 1)


def test_best_standing_prefers_the_one_that_lets_the_person_mentor_longest():
    lapsed = rules.standing(
        certified_on=[D(2020, 1, 1)], validity_months=24, today=D(2025, 1, 1), notice_days=60
    )
    active = rules.standing(
        certified_on=[D(2024, 6, 1)], validity_months=24, today=D(2025, 1, 1), notice_days=60
    )
    assert rules.best_standing([lapsed, None, active]) is active
    assert rules.best_standing([None]) is None


# --- Capacity ---


@pytest.mark.parametrize(
    ("state", "current", "allowed"),
    [
        (rules.ACTIVE, 2, True),
        (rules.ACTIVE, 3, False),  # full
        (rules.ACTIVE, 4, False),  # over (capacity lowered after assigning)
        (rules.REFRESHER_DUE, 0, True),
        (rules.LAPSED, 0, False),
    ],
)
def test_may_assign(state, current, allowed):
    assert rules.may_assign(status=state, max_mentees=3, current=current) is allowed


def test_free_places_never_negative():
    assert rules.free_places(max_mentees=3, current=5) == 0
    assert rules.free_places(max_mentees=0, current=0) == 0


def test_candidates_same_region_first_then_most_free_places():
    found = rules.rank_candidates(
        [
            rules.Candidate(1, "Ana", region_id=2, free=5),
            rules.Candidate(2, "Bea", region_id=1, free=1),
            rules.Candidate(3, "Caro", region_id=1, free=3),
            rules.Candidate(4, "Dan", region_id=None, free=9),
        ],
        mentee_region_id=1,
    )
    assert [c.name for c in found] == ["Caro", "Bea", "Dan", "Ana"]


# --- Coverage ---


@pytest.mark.parametrize(
    ("mentees", "mentors", "no_mentor", "over"),
    [
        (0, 0, False, False),
        (1, 0, True, False),
        (10, 2, False, False),  # exactly 5 per mentor: at the ratio, not over it
        (11, 2, False, True),
        (0, 3, False, False),
    ],
)
def test_region_flags(mentees, mentors, no_mentor, over):
    row = rules.region_coverage(
        region_id=1, name="North", mentees=mentees, active_mentors=mentors, max_ratio=5
    )
    assert (row.no_mentor, row.over_ratio, row.flagged) == (no_mentor, over, no_mentor or over)


def test_coverage_lists_regions_without_mentors_then_over_ratio_first():
    rows = [
        rules.region_coverage(region_id=1, name="A", mentees=3, active_mentors=3, max_ratio=5),
        rules.region_coverage(region_id=2, name="B", mentees=12, active_mentors=2, max_ratio=5),
        rules.region_coverage(region_id=3, name="C", mentees=4, active_mentors=0, max_ratio=5),
        rules.region_coverage(region_id=4, name="D", mentees=0, active_mentors=0, max_ratio=5),
    ]
    assert [r.name for r in rules.coverage_order(rows)] == ["C", "B", "A", "D"]
    assert str(rows[1].mentees_per_mentor_display) == "6.0"


@pytest.mark.parametrize(
    ("certificate", "mentor", "training", "pending", "refusal"),
    [
        (True, False, False, False, None),
        (False, False, False, False, rules.NOT_CERTIFIED),
        (True, True, False, False, rules.ALREADY_MENTOR),
        (True, False, True, False, rules.IN_TRAINING),
        (True, False, False, True, rules.PENDING),
    ],
)
def test_who_may_volunteer(certificate, mentor, training, pending, refusal):
    assert (
        rules.volunteer_refusal(
            has_vocational_certificate=certificate,
            is_mentor=mentor,
            in_mentor_training=training,
            has_pending_request=pending,
        )
        == refusal
    )
