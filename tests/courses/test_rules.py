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
    assert rules.next_lesson_id(lesson_ids=[5, 3, 8], completed_ids={5, 3, 8}) is None
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


# --- Moving a cohort's dates -------------------------------------------------------------------

MAR_2 = datetime.date(2026, 3, 2)
MAR_3 = datetime.date(2026, 3, 3)
MAR_4 = datetime.date(2026, 3, 4)
JUN_29 = datetime.date(2026, 6, 29)
JUN_30 = datetime.date(2026, 6, 30)
JUL_1 = datetime.date(2026, 7, 1)
IN_USE = rules.CohortDatesInUse(
    first_session=MAR_3, last_session=JUN_30, first_attempt=None, last_enrolled_on=None
)


@pytest.mark.parametrize(("start", "refused"), [(MAR_2, False), (MAR_3, False), (MAR_4, True)])
def test_cohort_start_may_move_up_to_its_first_session(start, refused):
    conflict = rules.cohort_start_conflict(start_date=start, in_use=IN_USE)
    if refused:
        assert conflict == rules.CohortDateConflict(
            rules.CohortDateRefusal.SESSION_BEFORE_START, MAR_3
        )
    else:
        assert conflict is None


@pytest.mark.parametrize(("end", "refused"), [(JUL_1, False), (JUN_30, False), (JUN_29, True)])
def test_cohort_end_may_move_back_to_its_last_session(end, refused):
    conflict = rules.cohort_end_conflict(end_date=end, in_use=IN_USE)
    if refused:
        assert conflict == rules.CohortDateConflict(
            rules.CohortDateRefusal.SESSION_AFTER_END, JUN_30
        )
    else:
        assert conflict is None


def test_cohort_start_may_not_move_past_its_first_attempt():
    in_use = rules.CohortDatesInUse(first_attempt=MAR_3)
    assert rules.cohort_start_conflict(start_date=MAR_3, in_use=in_use) is None
    assert rules.cohort_start_conflict(start_date=MAR_4, in_use=in_use) == (
        rules.CohortDateConflict(rules.CohortDateRefusal.ATTEMPT_BEFORE_START, MAR_3)
    )


def test_cohort_end_may_not_move_before_an_enrolment():
    in_use = rules.CohortDatesInUse(last_enrolled_on=JUN_30)
    assert rules.cohort_end_conflict(end_date=JUN_30, in_use=in_use) is None
    assert rules.cohort_end_conflict(end_date=JUN_29, in_use=in_use) == (
        rules.CohortDateConflict(rules.CohortDateRefusal.ENROLMENT_AFTER_END, JUN_30)
    )


def test_cohort_date_conflict_names_the_record_that_binds():
    # The earliest record holds the start back, the latest the end: its date is the one to give.
    in_use = rules.CohortDatesInUse(
        first_session=MAR_4, last_session=JUN_29, first_attempt=MAR_3, last_enrolled_on=JUN_30
    )
    start = rules.cohort_start_conflict(start_date=JUL_1, in_use=in_use)
    end = rules.cohort_end_conflict(end_date=MAR_2, in_use=in_use)
    assert start == rules.CohortDateConflict(rules.CohortDateRefusal.ATTEMPT_BEFORE_START, MAR_3)
    assert end == rules.CohortDateConflict(rules.CohortDateRefusal.ENROLMENT_AFTER_END, JUN_30)


def test_cohort_with_nothing_dated_may_take_any_dates():
    nothing = rules.CohortDatesInUse()
    assert rules.cohort_start_conflict(start_date=JUL_1, in_use=nothing) is None
    assert rules.cohort_end_conflict(end_date=MAR_2, in_use=nothing) is None


def test_attempts_do_not_hold_the_cohort_end_nor_enrolments_its_start():
    # An attempt may come after the end (a re-sit); a learner may enrol before the start.
    in_use = rules.CohortDatesInUse(first_attempt=JUL_1, last_enrolled_on=MAR_2)
    assert rules.cohort_end_conflict(end_date=JUN_30, in_use=in_use) is None
    assert rules.cohort_start_conflict(start_date=MAR_3, in_use=in_use) is None
