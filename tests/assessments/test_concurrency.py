"""Two trainers save the roll calls of two sessions of one cohort at the same moment.

Both saves re-evaluate who in the cohort is at risk; without serialising that per cohort, both
found no risk state for a learner absent twice and both created one (a unique violation, a 500
for the second trainer). PostgreSQL only, as tests/certificates/test_concurrency.py."""

import contextlib
import datetime
import threading

import pytest
from django.utils import timezone

from assessments.attendance import selectors
from assessments.attendance.services import RollCallEntry, attendance_risks_refresh, roll_call_save
from assessments.models import AttendanceRecord, AttendanceRisk
from tests import factories
from tests.certificates.test_concurrency import run_at_once

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
]


def cohort_with_two_held_sessions(course, trainers):
    today = timezone.localdate()
    cohort = factories.CohortFactory(course=course, trainers=trainers)
    held = [
        factories.SessionFactory(cohort=cohort, date=today - datetime.timedelta(days=d))
        for d in (2, 1)
    ]
    # Five sessions in all: one absence leaves at most 80%, under the 90% threshold, so each
    # save on its own finds every learner at risk.
    for d in range(1, 4):
        factories.SessionFactory(cohort=cohort, date=today + datetime.timedelta(days=d))
    return cohort, held, [factories.EnrolmentFactory(cohort=cohort) for _ in range(6)]


def test_roll_calls_of_two_sessions_saved_at_once_both_land():
    course = factories.make_course(lessons=1, attendance_required=True, attendance_threshold=90)
    trainers = [factories.TrainerFactory(), factories.TrainerFactory()]
    cohort, sessions, enrolments = cohort_with_two_held_sessions(course, trainers)
    results, errors = run_at_once(
        2,
        lambda i: roll_call_save(
            session=sessions[i],
            entries=[RollCallEntry(e.pk, "absent") for e in enrolments],
            by=trainers[i],
        ),
    )
    assert errors == []
    assert [r.created for r in results] == [6, 6]
    assert AttendanceRecord.objects.filter(session__cohort=cohort).count() == 12
    assert_at_risk(enrolments, best_reachable=60)  # two absences of five


def test_a_roll_call_and_the_nightly_refresh_at_once(monkeypatch):
    """The nightly refresh (or a course's new threshold) re-evaluates a cohort while a trainer
    saves one of its roll calls: one risk state per learner, worked out from both sessions.

    Both are held just after working out the summaries until the other has too (or two seconds
    have passed, when the other is waiting for the cohort): without a lock per cohort both
    then create the same risk states."""
    course = factories.make_course(lessons=1, attendance_required=True, attendance_threshold=90)
    trainer = factories.TrainerFactory()
    cohort, sessions, enrolments = cohort_with_two_held_sessions(course, [trainer])
    # The first session's roll call is in, its risk states not yet worked out.
    for enrolment in enrolments:
        factories.AttendanceRecordFactory(session=sessions[0], enrolment=enrolment, status="absent")

    both_summarised = threading.Barrier(2)
    summaries = selectors.attendance_summaries

    def summaries_then_wait(**kwargs):
        result = summaries(**kwargs)
        # A broken barrier: the other one is waiting for the cohort, the lock works.
        with contextlib.suppress(threading.BrokenBarrierError):
            both_summarised.wait(timeout=2)
        return result

    monkeypatch.setattr(selectors, "attendance_summaries", summaries_then_wait)

    def work(i):
        if i == 0:
            return roll_call_save(
                session=sessions[1],
                entries=[RollCallEntry(e.pk, "absent") for e in enrolments],
                by=trainer,
            )
        return attendance_risks_refresh(cohort=cohort)

    _results, errors = run_at_once(2, work)
    assert errors == []
    assert_at_risk(enrolments, best_reachable=60)  # two absences of five


def assert_at_risk(enrolments, *, best_reachable):
    risks = AttendanceRisk.objects.filter(enrolment__in=enrolments)
    assert sorted(risks.values_list("enrolment_id", flat=True)) == sorted(e.pk for e in enrolments)
    assert all(risk.at_risk for risk in risks)
    assert {risk.best_reachable for risk in risks} == {best_reachable}
