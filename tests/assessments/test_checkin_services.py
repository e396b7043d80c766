"""Self check-in through its services: what each writes, and that each refusal writes nothing."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.attendance import checkin_rules, checkin_services, checkin_tokens
from assessments.attendance import services as attendance_services
from assessments.attendance.rules import RollCallEntry
from assessments.models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceTally,
    CheckInWindow,
    LearnerCard,
    SelfCheckIn,
)
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    """Today, 11:00 to 14:00 (the tests run at noon): check-in is open."""
    return factories.SessionFactory(
        cohort=world.cohort_x,
        topic="Sourdough",
        start_time=datetime.time(11),
        end_time=datetime.time(14),
    )


@pytest.fixture
def window(world, session):
    return checkin_services.checkin_window_open(session=session, by=world.trainer_x)


def token_now(window, *, now=None):
    step = checkin_rules.step_at(now or timezone.now())
    return checkin_tokens.qr_token(session_id=window.session_id, window_id=window.pk, step=step)


def check_in(window, learner, device="phone-1", **kwargs):
    now = timezone.now()
    return checkin_services.checkin_self(
        token=kwargs.pop("token", None) or token_now(window),
        scanned_at=kwargs.pop("scanned_at", now),
        learner=learner,
        device=device,
        **kwargs,
    )


def written():
    return (
        AttendanceRecord.objects.count(),
        AttendanceChange.objects.count(),
        SelfCheckIn.objects.count(),
    )


def refused(call, code):
    before = written()
    with pytest.raises(ValidationError) as error:
        call()
    assert error.value.code == code
    assert written() == before
    return error.value


def test_window_opens_fifteen_minutes_before_and_closes_at_the_end(world, window, session):
    local = timezone.localtime
    assert (local(window.opens_at).time(), local(window.closes_at).time()) == (
        datetime.time(10, 45),
        datetime.time(14),
    )
    # Opened again: the same window.
    assert checkin_services.checkin_window_open(session=session, by=world.coordinator_x) == window


def test_only_the_cohorts_staff_open_a_window(world, session):
    for person in (world.trainer_y, world.coordinator_y, world.learner_a):
        with pytest.raises(ValidationError):
            checkin_services.checkin_window_open(session=session, by=person)
    assert not CheckInWindow.objects.exists()


def test_no_window_for_a_cancelled_or_another_days_session(world):
    cancelled = factories.SessionFactory(
        cohort=world.cohort_x,
        start_time=datetime.time(11),
        end_time=datetime.time(14),
        cancelled=True,
        cancellation_reason="Strike",
    )
    tomorrow = factories.SessionFactory(
        cohort=world.cohort_x, date=timezone.localdate() + datetime.timedelta(days=1)
    )
    for session in (cancelled, tomorrow):
        with pytest.raises(ValidationError):
            checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    assert not CheckInWindow.objects.exists()


def test_a_check_in_writes_present_self_for_that_session_only(world, window, session):
    other = factories.SessionFactory(
        cohort=world.cohort_x, start_time=datetime.time(15), end_time=datetime.time(16)
    )
    outcome = check_in(window, world.learner_a)
    assert outcome.recorded
    record = AttendanceRecord.objects.get()
    assert (record.session, record.enrolment, record.status) == (
        session,
        world.enrolment_a,
        "present",
    )
    assert record.self_checked_in
    assert record.recorded_by == world.learner_a
    assert not AttendanceRecord.objects.filter(session=other).exists()
    assert AttendanceTally.objects.get(enrolment=world.enrolment_a).present == 1
    assert AttendanceChange.objects.get().changed_by == world.learner_a
    # Twice: nothing more.
    assert check_in(window, world.learner_a).already
    assert written() == (1, 1, 1)


def test_a_check_in_never_overwrites_the_trainers_entry(world, window, session):
    attendance_services.roll_call_save(
        session=session,
        entries=[RollCallEntry(world.enrolment_a.pk, "late", "bus")],
        by=world.trainer_x,
    )
    outcome = check_in(window, world.learner_a)
    assert not outcome.recorded
    record = AttendanceRecord.objects.get()
    assert (record.status, record.note, record.self_checked_in) == ("late", "bus", False)
    assert SelfCheckIn.objects.get().record is None


def test_the_trainer_confirms_by_saving_and_overturns_by_choosing(world, window, session):
    check_in(window, world.learner_a)
    record = AttendanceRecord.objects.get()
    attendance_services.roll_call_save(
        session=session,
        entries=[RollCallEntry(world.enrolment_a.pk, "present", "", record.version)],
        by=world.trainer_x,
    )
    record.refresh_from_db()
    assert (record.status, record.self_checked_in, record.recorded_by) == (
        "present",
        False,
        world.trainer_x,
    )
    attendance_services.roll_call_save(
        session=session,
        entries=[RollCallEntry(world.enrolment_a.pk, "absent", "", record.version)],
        by=world.trainer_x,
    )
    record.refresh_from_db()
    assert record.status == "absent"
    assert AttendanceTally.objects.get(enrolment=world.enrolment_a).absent == 1
    # The history says who wrote what.
    assert [(c.changed_by, c.new_status) for c in record.changes.order_by("pk")] == [
        (world.learner_a, "present"),
        (world.trainer_x, "present"),
        (world.trainer_x, "absent"),
    ]


def test_refusals_write_nothing(world, window, session):
    refused(lambda: check_in(window, world.learner_b), "not_enrolled")
    refused(lambda: check_in(window, world.trainer_x), "not_enrolled")
    refused(lambda: check_in(window, world.learner_a, token="1-2-" + "0" * 20), "code_wrong")
    refused(lambda: check_in(window, world.learner_a, token="nonsense"), "code_wrong")
    old = timezone.now() - datetime.timedelta(seconds=45)
    refused(
        lambda: check_in(window, world.learner_a, token=token_now(window, now=old)),
        "code_expired",
    )
    # A token for another session's window does not pass for this one.
    forged = checkin_tokens.qr_token(
        session_id=session.pk + 1, window_id=window.pk, step=checkin_rules.step_at(timezone.now())
    )
    refused(lambda: check_in(window, world.learner_a, token=forged), "code_wrong")


def test_one_device_checks_in_one_learner(world, window):
    ben = factories.EnrolmentFactory(cohort=world.cohort_x).learner
    check_in(window, world.learner_a, device="shared")
    refused(lambda: check_in(window, ben, device="shared"), "device_used")
    assert check_in(window, ben, device="his-own").recorded


def test_withdrawn_learner_and_closed_window(world, window):
    world.enrolment_a.status = "withdrawn"
    world.enrolment_a.withdrawn_on = world.enrolment_a.enrolled_on
    world.enrolment_a.withdrawal_reason = "Moved"
    world.enrolment_a.save()
    refused(lambda: check_in(window, world.learner_a), "withdrawn")
    ben = factories.EnrolmentFactory(cohort=world.cohort_x).learner
    checkin_services.checkin_window_close(window=window, by=world.trainer_x)
    refused(lambda: check_in(window, ben), "closed")


def test_a_scan_kept_through_login_passes_within_ten_minutes(world, window):
    scanned_at = timezone.now()
    token = token_now(window, now=scanned_at)
    with time_machine.travel(scanned_at + datetime.timedelta(minutes=3)):
        assert check_in(window, world.learner_a, token=token, scanned_at=scanned_at).recorded
    ben = factories.EnrolmentFactory(cohort=world.cohort_x).learner
    with time_machine.travel(scanned_at + datetime.timedelta(minutes=11)):
        refused(
            lambda: check_in(window, ben, token=token, scanned_at=scanned_at, device="b"),
            "scan_too_old",
        )


def test_typed_code(world, window):
    code = checkin_tokens.typed_code(
        session_id=window.session_id,
        window_id=window.pk,
        step=checkin_rules.step_at(timezone.now()),
    )
    refused(
        lambda: checkin_services.checkin_self_typed(
            code="000000" if code != "000000" else "111111", learner=world.learner_a, device="d"
        ),
        "code_wrong",
    )
    # Learner B, of another cohort, cannot use cohort X's code.
    refused(
        lambda: checkin_services.checkin_self_typed(code=code, learner=world.learner_b, device="e"),
        "code_wrong",
    )
    outcome = checkin_services.checkin_self_typed(
        code=f"{code[:3]} {code[3:]}", learner=world.learner_a, device="d"
    )
    assert outcome.recorded


def test_card_scan_marks_present_through_the_roll_call(world, session):
    card = checkin_services.card_issue(learner=world.learner_a, by=world.learner_a)
    outcome = checkin_services.checkin_card_scan(
        session=session, token=card.token, by=world.trainer_x
    )
    assert not outcome.already_present
    record = AttendanceRecord.objects.get()
    assert (record.status, record.recorded_by) == ("present", world.trainer_x)
    assert checkin_services.checkin_card_scan(
        session=session, token=card.token, by=world.trainer_x
    ).already_present


def test_card_refusals_write_nothing(world, session):
    card_b = checkin_services.card_issue(learner=world.learner_b, by=world.learner_b)
    card_a = checkin_services.card_issue(learner=world.learner_a, by=world.learner_a)
    refused(
        lambda: checkin_services.checkin_card_scan(
            session=session, token=card_b.token, by=world.trainer_x
        ),
        "not_on_roll_call",
    )
    refused(
        lambda: checkin_services.checkin_card_scan(
            session=session, token="made-up", by=world.trainer_x
        ),
        "unknown",
    )
    checkin_services.card_reset(learner=world.learner_a, by=world.learner_a)
    refused(
        lambda: checkin_services.checkin_card_scan(
            session=session, token=card_a.token, by=world.trainer_x
        ),
        "revoked",
    )
    # Another cohort's trainer may not scan into X's roll call.
    new_card = LearnerCard.objects.get(learner=world.learner_a, revoked_at=None)
    with pytest.raises(ValidationError):
        checkin_services.checkin_card_scan(
            session=session, token=new_card.token, by=world.trainer_y
        )
    assert not AttendanceRecord.objects.exists()


def test_staff_never_scan_their_own_card(world, session):
    factories.EnrolmentFactory(cohort=world.cohort_x, learner=world.coordinator_x)
    card = checkin_services.card_issue(learner=world.coordinator_x, by=world.coordinator_x)
    with pytest.raises(ValidationError):
        checkin_services.checkin_card_scan(
            session=session, token=card.token, by=world.coordinator_x
        )
    assert not AttendanceRecord.objects.exists()


def test_card_reset_revokes_and_only_ones_own(world):
    first = checkin_services.card_issue(learner=world.learner_a, by=world.learner_a)
    with pytest.raises(ValidationError):
        checkin_services.card_reset(learner=world.learner_a, by=world.trainer_x)
    new = checkin_services.card_reset(learner=world.learner_a, by=world.learner_a)
    first.refresh_from_db()
    assert first.revoked_at is not None
    assert new.token != first.token
    assert checkin_services.card_issue(learner=world.learner_a, by=world.learner_a) == new
