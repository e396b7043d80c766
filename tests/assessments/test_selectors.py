"""attendance_summaries: the database counts the right sessions for each learner."""

import datetime
from decimal import Decimal

import pytest

from assessments.attendance.selectors import attendance_summaries, cohort_grid, roll_call_enrolments
from courses.services import enrolment_withdraw
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def schedule(cohort, count, *, first=None):
    """`count` sessions on consecutive days from the cohort's start."""
    first = first or cohort.start_date
    return [factories.SessionFactory(cohort=cohort, date=first + i * DAY) for i in range(count)]


def record(session, enrolment, status="present"):
    return factories.AttendanceRecordFactory(session=session, enrolment=enrolment, status=status)


def test_sessions_before_enrolment_and_cancelled_sessions_do_not_count(world):
    cohort = world.cohort_x
    sessions = schedule(cohort, 10)
    late_joiner = factories.EnrolmentFactory(
        cohort=cohort, enrolled_on=sessions[4].date
    )  # joins on the fifth session's day
    sessions[7].cancelled = True
    sessions[7].cancellation_reason = "Oven broken"
    sessions[7].save()
    for session in sessions:
        record(session, world.enrolment_a)
        if session.date >= late_joiner.enrolled_on:
            record(session, late_joiner)

    summaries = attendance_summaries(cohort=cohort, as_of=sessions[-1].date + DAY)

    assert summaries[world.enrolment_a.pk].counted_whole_course == 9
    assert summaries[world.enrolment_a.pk].attended == 9
    assert summaries[late_joiner.pk].counted_whole_course == 5  # sessions 5 to 10, less one
    assert summaries[late_joiner.pk].rate_whole_course == Decimal("100.0")
    assert summaries[late_joiner.pk].meets_threshold


def test_twenty_six_of_twenty_nine_in_the_database(world):
    sessions = schedule(world.cohort_x, 29)
    for i, session in enumerate(sessions):
        record(session, world.enrolment_a, "absent" if i < 3 else "present")
    summary = attendance_summaries(cohort=world.cohort_x, as_of=sessions[-1].date)[
        world.enrolment_a.pk
    ]
    assert (summary.attended, summary.counted_whole_course) == (26, 29)
    assert not summary.meets_threshold
    assert summary.at_risk


def test_so_far_today_and_unrecorded_sessions(world):
    sessions = schedule(world.cohort_x, 6)
    today = sessions[3].date
    record(sessions[0], world.enrolment_a)
    record(sessions[2], world.enrolment_a, "late")
    # sessions[1] was held with no record; sessions[3] is today, roll call not yet taken.
    summary = attendance_summaries(cohort=world.cohort_x, as_of=today)[world.enrolment_a.pk]
    assert summary.counted == 3
    assert summary.unrecorded == 1
    assert summary.attended == 2
    assert summary.remaining == 3  # today's and the two after
    assert summary.best_reachable == Decimal("83.3")
    assert summary.at_risk

    record(sessions[3], world.enrolment_a)
    summary = attendance_summaries(cohort=world.cohort_x, as_of=today)[world.enrolment_a.pk]
    assert (summary.counted, summary.attended, summary.remaining) == (4, 3, 2)


def test_course_policy_decides_late_and_excused(world):
    course = world.course
    sessions = schedule(world.cohort_x, 10)
    statuses = ["late", "excused"] + ["present"] * 8
    for session, status in zip(sessions, statuses, strict=True):
        record(session, world.enrolment_a, status)
    as_of = sessions[-1].date

    def summary():
        world.cohort_x.course.refresh_from_db()
        return attendance_summaries(cohort=world.cohort_x, as_of=as_of)[world.enrolment_a.pk]

    assert (summary().attended, summary().counted_whole_course) == (9, 10)
    assert summary().meets_threshold

    course.late_counts_as_attended = False
    course.save_revision().publish()
    assert (summary().attended, summary().counted_whole_course) == (8, 10)
    assert not summary().meets_threshold

    course.excused_removed_from_denominator = True
    course.save_revision().publish()
    assert (summary().attended, summary().counted_whole_course) == (8, 9)
    assert not summary().meets_threshold  # 88.88%


def test_withdrawn_learner_counts_sessions_up_to_the_withdrawal_day(world):
    sessions = schedule(world.cohort_x, 8)
    for session in sessions[:3]:
        record(session, world.enrolment_a)
    enrolment_withdraw(enrolment=world.enrolment_a, reason="Moved away", on=sessions[3].date)
    summary = attendance_summaries(cohort=world.cohort_x, as_of=sessions[-1].date)[
        world.enrolment_a.pk
    ]
    assert summary.counted_whole_course == 4  # three attended and the withdrawal day, unrecorded
    assert summary.attended == 3
    assert summary.remaining == 0
    assert not summary.at_risk
    assert not summary.meets_threshold
    # The roll call of the withdrawal day still lists the learner; the next day's does not.
    assert world.enrolment_a in roll_call_enrolments(session=sessions[3])
    assert world.enrolment_a not in roll_call_enrolments(session=sessions[4])


def test_other_cohorts_do_not_leak_in(world):
    mine = schedule(world.cohort_x, 3)
    theirs = schedule(world.cohort_y, 5)
    for session in mine:
        record(session, world.enrolment_a)
    for session in theirs:
        record(session, world.enrolment_b, "absent")
    summaries = attendance_summaries(cohort=world.cohort_x, as_of=mine[-1].date)
    assert set(summaries) == {world.enrolment_a.pk}
    assert summaries[world.enrolment_a.pk].counted_whole_course == 3


def test_grid_cells_say_what_happened(world):
    sessions = schedule(world.cohort_x, 4)
    record(sessions[0], world.enrolment_a, "absent")
    grid = cohort_grid(cohort=world.cohort_x, as_of=sessions[2].date)
    states = [cell.state for cell in grid.rows[0].cells]
    assert states == ["absent", "not_recorded", "upcoming", "upcoming"]
