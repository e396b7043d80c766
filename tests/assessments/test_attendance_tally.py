"""The attendance tally (one row per enrolment, counts of its records per status) always equals
its records, and the indicators, which read the tallies, count attendance exactly as the cohort
grid does from the records, whatever happened to the sessions and enrolments since the records
were written."""

import datetime
import io
import threading
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.attendance import rules, selectors, services
from assessments.attendance.services import RollCallEntry, roll_call_save
from assessments.models import AttendanceRecord, AttendanceTally
from courses import services as course_services
from courses.models import Cohort, Enrolment, Session
from indicators.facts import enrolment_facts
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)
START = TODAY - datetime.timedelta(days=20)
NO_RECORD = (0,) * len(rules.STATUSES)


def tallies(enrolments) -> dict[int, tuple[int, ...]]:
    rows = AttendanceTally.objects.filter(enrolment__in=enrolments).values_list(
        "enrolment_id", *rules.STATUSES
    )
    found = {pk: tuple(counts) for pk, *counts in rows}
    return {e.pk: found.get(e.pk, NO_RECORD) for e in enrolments}


def recounted(enrolments) -> dict[int, tuple[int, ...]]:
    """Each enrolment's records at its own cohort's sessions, counted one by one in Python."""
    counts = {e.pk: Counter() for e in enrolments}
    for record in AttendanceRecord.objects.select_related("session", "enrolment"):
        if record.enrolment_id in counts and (
            record.session.cohort_id == record.enrolment.cohort_id
        ):
            counts[record.enrolment_id][record.status] += 1
    return {pk: tuple(c[s] for s in rules.STATUSES) for pk, c in counts.items()}


def save(session, marks: dict, *, by, today=None):
    """A roll call of `session` with `marks` ({enrolment: status}), from an up-to-date page."""
    versions = dict(
        AttendanceRecord.objects.filter(session=session).values_list("enrolment_id", "version")
    )
    entries = [
        RollCallEntry(enrolment_id=e.pk, status=status, version=versions.get(e.pk, 0))
        for e, status in marks.items()
    ]
    return roll_call_save(session=session, entries=entries, by=by, today=today or session.date)


def test_a_roll_call_keeps_the_tallies_of_its_learners(world):
    session = factories.SessionFactory(cohort=world.cohort_x)
    other = factories.EnrolmentFactory(cohort=world.cohort_x)
    save(session, {world.enrolment_a: "present", other: "late"}, by=world.trainer_x)
    assert tallies([world.enrolment_a, other]) == {
        world.enrolment_a.pk: (1, 0, 0, 0),
        other.pk: (0, 1, 0, 0),
    }
    save(session, {world.enrolment_a: "excused", other: "late"}, by=world.trainer_x)
    assert tallies([world.enrolment_a, other]) == {
        world.enrolment_a.pk: (0, 0, 1, 0),
        other.pk: (0, 1, 0, 0),
    }
    # Learner B, in another cohort, has no record and no tally.
    assert not AttendanceTally.objects.filter(enrolment=world.enrolment_b).exists()


def test_a_roll_call_that_fails_leaves_the_tallies_as_they_were(world):
    session = factories.SessionFactory(cohort=world.cohort_x)
    save(session, {world.enrolment_a: "present"}, by=world.trainer_x)
    stale = RollCallEntry(enrolment_id=world.enrolment_a.pk, status="absent", version=0)
    with pytest.raises(services.RollCallConflictError):
        roll_call_save(session=session, entries=[stale], by=world.trainer_x)
    assert tallies([world.enrolment_a]) == {world.enrolment_a.pk: (1, 0, 0, 0)}


def test_the_rebuild_command_corrects_a_wrong_tally_and_says_so(world):
    session = factories.SessionFactory(cohort=world.cohort_x)
    save(session, {world.enrolment_a: "absent"}, by=world.trainer_x)
    AttendanceTally.objects.filter(enrolment=world.enrolment_a).update(absent=0, present=7)
    out = io.StringIO()
    call_command("attendance_tallies_rebuild", stdout=out)
    assert tallies([world.enrolment_a]) == {world.enrolment_a.pk: (0, 0, 0, 1)}
    enrolments = Enrolment.objects.count()
    assert out.getvalue().strip() == f"{enrolments} enrolments checked, 1 tallies corrected."
    out = io.StringIO()
    call_command("attendance_tallies_rebuild", stdout=out)
    assert out.getvalue().strip() == f"{enrolments} enrolments checked, 0 tallies corrected."


# --- Any sequence of writes ----------------------------------------------------------------------

DAY = st.integers(min_value=0, max_value=30)  # days after START
OPERATION = st.one_of(
    st.tuples(
        st.just("roll_call"),
        st.integers(0, 5),
        st.lists(st.tuples(st.integers(0, 3), st.sampled_from(rules.STATUSES)), max_size=4),
    ),
    st.tuples(st.just("cancel"), st.integers(0, 5)),
    st.tuples(st.just("move"), st.integers(0, 5), DAY),
    st.tuples(st.just("withdraw"), st.integers(0, 3), DAY),
)


# When attendance is measured: a day, or the day of a session (a record on that very day counts
# as held), after the writes.
MEASURED = st.one_of(
    st.tuples(st.just("day"), DAY, st.integers(0, 10)),
    st.tuples(st.just("session"), st.integers(0, 5), st.integers(0, 10)),
)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    session_days=st.lists(DAY, min_size=1, max_size=6),
    enrolled_days=st.lists(st.integers(0, 12), min_size=1, max_size=4),
    end_day=st.integers(15, 30),
    policy=st.tuples(st.booleans(), st.booleans()),
    statuses=st.lists(st.sampled_from(rules.STATUSES), min_size=1, max_size=24),
    operations=st.lists(OPERATION, max_size=10),
    measured=st.lists(MEASURED, min_size=1, max_size=3),
)
def test_after_any_writes_tallies_equal_records_and_indicators_equal_the_grid(
    world, session_days, enrolled_days, end_day, policy, statuses, operations, measured
):
    """A cohort whose held sessions all have a roll call (statuses taken in turn from
    `statuses`), then any sequence of writes: more roll calls, sessions cancelled or moved (to
    before an enrolment, after the day measured), learners withdrawn (before sessions they were
    recorded at). The tallies still equal the records, and every enrolment's attendance in the
    indicators is the cohort grid's, on any day measured, to any end of the period."""
    with transaction.atomic():
        course = world.course
        course.late_counts_as_attended, course.excused_removed_from_denominator = policy
        course.save(update_fields=["late_counts_as_attended", "excused_removed_from_denominator"])
        cohort = factories.CohortFactory(
            course=course, start_date=START, end_date=START + d(end_day)
        )
        sessions = [
            factories.SessionFactory(cohort=cohort, date=min(cohort.end_date, START + d(day)))
            for day in session_days
        ]
        enrolments = [
            factories.EnrolmentFactory(cohort=cohort, enrolled_on=START + d(day))
            for day in enrolled_days
        ]
        turn = iter(statuses * 24)
        for index in range(len(sessions)):
            apply(
                ("roll_call", index, [(j, next(turn)) for j in range(len(enrolments))]),
                sessions,
                enrolments,
                by=world.trainer_x,
            )
        for operation in operations:
            apply(operation, sessions, enrolments, by=world.trainer_x)

        assert tallies(enrolments) == recounted(enrolments)
        for kind, which, after in measured:
            if kind == "session":
                day = Session.objects.get(pk=sessions[which % len(sessions)].pk).date
            else:
                day = START + d(which)
            as_of = min(day, TODAY)
            period_end = as_of + d(after) if as_of == TODAY else as_of
            facts = {
                f.enrolment_id: f
                for f in enrolment_facts(
                    cohorts=Cohort.objects.filter(pk=cohort.pk),
                    as_of=as_of,
                    period_end=period_end,
                )[0]
            }
            grid = selectors.attendance_summaries(cohort=cohort, as_of=as_of)
            assert set(facts) == {
                e.pk for e in Enrolment.objects.filter(cohort=cohort, enrolled_on__lte=period_end)
            }
            for pk, fact in facts.items():
                summary = grid[pk]
                assert (fact.attended, fact.counted) == (summary.attended, summary.counted)
                assert fact.completed == (
                    fact.ended and not summary.withdrawn and summary.meets_threshold
                )
        transaction.set_rollback(True)


def d(days: int) -> datetime.timedelta:
    return datetime.timedelta(days=days)


def apply(operation, sessions, enrolments, *, by):
    """One write through the services, as a person would make it (refused ones skipped)."""
    kind, index, *rest = operation
    if kind == "roll_call":
        session = Session.objects.get(pk=sessions[index % len(sessions)].pk)
        on_roll = set(selectors.roll_call_enrolments(session=session).values_list("pk", flat=True))
        marks = {
            enrolments[j % len(enrolments)]: status
            for j, status in rest[0]
            if enrolments[j % len(enrolments)].pk in on_roll
        }
        if not session.cancelled and session.date <= TODAY and marks:
            save(session, marks, by=by, today=TODAY)
    elif kind == "cancel":
        session = Session.objects.get(pk=sessions[index % len(sessions)].pk)
        if not session.cancelled:
            course_services.session_cancel(session=session, reason="Trainer ill")
    elif kind == "move":
        session = Session.objects.get(pk=sessions[index % len(sessions)].pk)
        day = min(session.cohort.end_date, START + d(rest[0]))
        course_services.session_update(session=session, date=day)
    elif kind == "withdraw":
        enrolment = Enrolment.objects.get(pk=enrolments[index % len(enrolments)].pk)
        on = START + d(rest[0])
        if enrolment.status == Enrolment.Status.ACTIVE and on >= enrolment.enrolled_on:
            course_services.enrolment_withdraw(enrolment=enrolment, reason="Moved away", on=on)


# --- Two roll calls at once ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs PostgreSQL's concurrent writers"
)
def test_roll_calls_of_two_sessions_saved_at_once_leave_right_tallies():
    """Two trainers save the roll calls of two sessions of one cohort at the same moment: each
    recounts the same learners' tallies; neither count may miss the other's records."""
    trainer = factories.TrainerFactory()
    for _ in range(5):
        cohort = factories.CohortFactory(start_date=START, end_date=TODAY)
        sessions = [factories.SessionFactory(cohort=cohort, date=START + d(i)) for i in (1, 2)]
        enrolments = [factories.EnrolmentFactory(cohort=cohort) for _ in range(6)]
        barrier = threading.Barrier(2)
        errors = []

        def work(session, status, barrier=barrier, errors=errors, enrolments=enrolments):
            from django.db import connection as thread_connection

            try:
                barrier.wait(timeout=10)
                save(session, dict.fromkeys(enrolments, status), by=trainer)
            except Exception as exc:  # collected and asserted on below
                errors.append(exc)
            finally:
                thread_connection.close()

        threads = [
            threading.Thread(target=work, args=(sessions[0], "present")),
            threading.Thread(target=work, args=(sessions[1], "absent")),
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert errors == []
        assert tallies(enrolments) == dict.fromkeys((e.pk for e in enrolments), (1, 0, 0, 1))
