"""The practical assessment rules at their boundaries, without a database."""

import datetime

import pytest

from assessments.practical import rules
from assessments.practical.rules import CriterionMark as M


def test_all_mandatory_met_and_an_optional_not_passes():
    marks = [M(True, True), M(True, True), M(False, False)]
    assert rules.practical_passed(marks=marks, min_share_met=None) is True


def test_one_mandatory_missed_fails_even_with_everything_else_met():
    marks = [M(True, True), M(True, False), M(False, True)]
    assert rules.practical_passed(marks=marks, min_share_met=None) is False


def test_one_mandatory_missed_fails_even_when_the_share_is_reached():
    marks = [M(True, False)] + [M(False, True)] * 9  # 90% met
    assert rules.practical_passed(marks=marks, min_share_met=50) is False


@pytest.mark.parametrize(
    ("met_optional", "share", "passed"),
    [
        (2, 75, True),  # 3 of 4 = exactly 75%
        (1, 75, False),  # 2 of 4 = 50%
        (2, 76, False),  # 75% is below 76%: no rounding up
    ],
)
def test_share_of_criteria_at_exactly_the_set_share(met_optional, share, passed):
    marks = [M(True, True)] + [M(False, i < met_optional) for i in range(3)]
    assert rules.practical_passed(marks=marks, min_share_met=share) is passed


def test_share_is_exact_for_thirds():
    # 2 of 3 is 66.67%: passes at 66, fails at 67.
    marks = [M(True, True), M(False, True), M(False, False)]
    assert rules.practical_passed(marks=marks, min_share_met=66) is True
    assert rules.practical_passed(marks=marks, min_share_met=67) is False


def test_unmarked_or_empty_checklist_cannot_pass():
    assert rules.practical_passed(marks=[], min_share_met=None) is False
    assert (
        rules.practical_passed(marks=[M(True, True), M(False, None)], min_share_met=None) is False
    )
    assert rules.marks_complete([M(True, True), M(False, None)]) is False


@pytest.mark.parametrize(
    ("used", "allowed", "passed", "open_", "refusal"),
    [
        (0, 3, False, False, None),
        (2, 3, False, False, None),
        (3, 3, False, False, rules.StartRefusal.ATTEMPTS_EXHAUSTED),
        (1, 1, False, False, rules.StartRefusal.ATTEMPTS_EXHAUSTED),
        (1, 3, True, False, rules.StartRefusal.ALREADY_PASSED),
        (1, 3, False, True, rules.StartRefusal.ATTEMPT_OPEN),
    ],
)
def test_attempt_start_refusal(used, allowed, passed, open_, refusal):
    assert (
        rules.attempt_start_refusal(
            attempts_used=used, attempts_allowed=allowed, passed=passed, has_open_attempt=open_
        )
        is refusal
    )


def test_reviewer_must_be_cohort_staff_and_not_the_assessor():
    assert rules.reviewer_allowed(reviewer_id=2, assessor_id=1, cohort_staff_ids=[1, 2]) is True
    assert rules.reviewer_allowed(reviewer_id=1, assessor_id=1, cohort_staff_ids=[1, 2]) is False
    assert rules.reviewer_allowed(reviewer_id=3, assessor_id=1, cohort_staff_ids=[1, 2]) is False


@pytest.mark.parametrize(
    ("head", "content_type"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "image/png"),
        (b"%PDF-1.7\n", "application/pdf"),
        (b"GIF89a", None),
        (b"<html>", None),
        (b"\x89PNG\r\n", None),  # a truncated signature is not a PNG
        (b"", None),
    ],
)
def test_evidence_is_recognised_by_content(head, content_type):
    assert rules.evidence_content_type(head) == content_type


def test_practical_result_attempts_left_never_negative():
    result = rules.PracticalResult(1, "Bake", True, False, attempts_used=3, attempts_allowed=2)
    assert result.attempts_left == 0


# A cohort that started on 5 October; today is 29 November.
START = datetime.date(2026, 10, 5)
TODAY = datetime.date(2026, 11, 29)
DAY = datetime.timedelta(days=1)
D = rules.DateRefusal


@pytest.mark.parametrize(
    ("assessed_on", "enrolled_on", "refusal"),
    [
        # Enrolled a week before the cohort started: the cohort's first day is the earliest.
        (datetime.date(2000, 1, 1), START - 7 * DAY, D.BEFORE_COHORT_START),
        (START - DAY, START - 7 * DAY, D.BEFORE_COHORT_START),
        (START, START - 7 * DAY, None),
        (TODAY, START - 7 * DAY, None),
        (TODAY + DAY, START - 7 * DAY, D.IN_FUTURE),
        # Enrolled on the first day.
        (START - DAY, START, D.BEFORE_COHORT_START),
        (START, START, None),
        # Joined ten days late: not before they enrolled.
        (START, START + 10 * DAY, D.BEFORE_ENROLMENT),
        (START + 9 * DAY, START + 10 * DAY, D.BEFORE_ENROLMENT),
        (START + 10 * DAY, START + 10 * DAY, None),
        (TODAY + DAY, START + 10 * DAY, D.IN_FUTURE),
    ],
)
def test_assessment_date_between_the_first_day_and_today(assessed_on, enrolled_on, refusal):
    assert (
        rules.assessment_date_refusal(
            assessed_on=assessed_on,
            cohort_start=START,
            enrolled_on=enrolled_on,
            withdrawn_on=None,
            today=TODAY,
        )
        is refusal
    )


def test_assessment_date_when_the_first_day_has_not_come():
    # No date can be right yet: the refusal says so instead of asking for a date after tomorrow.
    for assessed_on in (TODAY - DAY, TODAY, TODAY + DAY):
        assert (
            rules.assessment_date_refusal(
                assessed_on=assessed_on,
                cohort_start=TODAY + DAY,
                enrolled_on=TODAY - DAY,
                withdrawn_on=None,
                today=TODAY,
            )
            is D.COHORT_NOT_STARTED
        )
        assert (
            rules.assessment_date_refusal(
                assessed_on=assessed_on,
                cohort_start=START,
                enrolled_on=TODAY + DAY,
                withdrawn_on=None,
                today=TODAY,
            )
            is D.NOT_ENROLLED_YET
        )
    assert (
        rules.assessment_date_refusal(
            assessed_on=TODAY, cohort_start=TODAY, enrolled_on=TODAY, withdrawn_on=None, today=TODAY
        )
        is None
    )


WITHDREW = START + 20 * DAY


@pytest.mark.parametrize(
    ("assessed_on", "refusal"),
    [
        (START, None),
        (WITHDREW - DAY, None),
        (WITHDREW, None),
        (WITHDREW + DAY, D.AFTER_WITHDRAWAL),
        (TODAY, D.AFTER_WITHDRAWAL),
        # A date in the future is also after the withdrawal: that is the day to give.
        (TODAY + DAY, D.AFTER_WITHDRAWAL),
        # The first day still holds for a learner who withdrew.
        (START - DAY, D.BEFORE_COHORT_START),
    ],
)
def test_assessment_date_not_after_the_withdrawal(assessed_on, refusal):
    assert WITHDREW < TODAY
    assert (
        rules.assessment_date_refusal(
            assessed_on=assessed_on,
            cohort_start=START,
            enrolled_on=START,
            withdrawn_on=WITHDREW,
            today=TODAY,
        )
        is refusal
    )


def test_assessment_earliest_day_is_the_later_of_start_and_enrolment():
    earliest = rules.assessment_earliest_day
    assert earliest(cohort_start=START, enrolled_on=START - 7 * DAY) == START
    assert earliest(cohort_start=START, enrolled_on=START + 10 * DAY) == START + 10 * DAY
