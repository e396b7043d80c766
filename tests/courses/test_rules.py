import datetime

import pytest

from courses import rules


def test_progress_counts_only_required_lessons():
    progress = rules.lesson_progress(required_lesson_ids=[1, 2, 3, 4], completed_ids={1, 2, 9})
    assert (progress.done, progress.required) == (2, 4)
    assert progress.percent == 50
    assert not progress.complete


def test_progress_percent_rounds_down_so_complete_is_never_shown_early():
    progress = rules.lesson_progress(required_lesson_ids=list(range(3)), completed_ids={0, 1})
    assert progress.percent == 66


def test_progress_complete_when_every_required_lesson_is_done():
    progress = rules.lesson_progress(required_lesson_ids=[1, 2], completed_ids={1, 2})
    assert progress.percent == 100
    assert progress.complete


def test_course_without_required_lessons_is_complete():
    progress = rules.lesson_progress(required_lesson_ids=[], completed_ids=set())
    assert progress.complete
    assert progress.percent == 100


def test_next_lesson_is_first_not_done_in_course_order():
    assert rules.next_lesson_id(lesson_ids=[5, 3, 8], completed_ids={5}) == 3
    assert rules.next_lesson_id(lesson_ids=[5, 3, 8], completed_ids={5, 3, 8}) == 5
    assert rules.next_lesson_id(lesson_ids=[], completed_ids=set()) is None


def test_room_in_cohort():
    assert rules.enrolment_has_room(capacity=2, active_count=1)
    assert not rules.enrolment_has_room(capacity=2, active_count=2)


TODAY = datetime.date(2026, 11, 29)
DAY = datetime.timedelta(days=1)
W = rules.WithdrawalDateRefusal


@pytest.mark.parametrize(
    ("withdrawn_on", "enrolled_on", "refusal"),
    [
        (datetime.date(2000, 1, 1), TODAY - 30 * DAY, W.BEFORE_ENROLMENT),
        (TODAY - 31 * DAY, TODAY - 30 * DAY, W.BEFORE_ENROLMENT),
        (TODAY - 30 * DAY, TODAY - 30 * DAY, None),
        (TODAY, TODAY - 30 * DAY, None),
        (TODAY + DAY, TODAY - 30 * DAY, W.IN_FUTURE),
        # Enrolled ahead, for a cohort that starts next week: withdrawn today, before it begins.
        (TODAY, TODAY + 7 * DAY, None),
        (TODAY - DAY, TODAY + 7 * DAY, W.BEFORE_ENROLMENT),
        (TODAY + 7 * DAY, TODAY + 7 * DAY, W.IN_FUTURE),
    ],
)
def test_withdrawal_date_between_the_enrolment_and_today(withdrawn_on, enrolled_on, refusal):
    assert (
        rules.withdrawal_date_refusal(
            withdrawn_on=withdrawn_on, enrolled_on=enrolled_on, today=TODAY
        )
        is refusal
    )
