"""Early nudges: "you can miss at most N more sessions" once per level, after a roll call and by
the daily refresh; "can no longer be met" with the coordinator's name."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone, translation

from assessments import notifications
from assessments.attendance import services
from assessments.attendance.nudges import margin_nudges_send
from assessments.attendance.rules import RollCallEntry
from assessments.models import AttendanceRecord, MarginNudge
from lms.models import Notification, Profile
from lms.notifications import items
from tests import factories

pytestmark = pytest.mark.django_db


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


@pytest.fixture
def schedule(world):
    """Cohort X: 10 sessions held (learner A present at each), today's, and 9 to come."""
    past = [factories.SessionFactory(cohort=world.cohort_x, date=day(-i)) for i in range(10, 0, -1)]
    for session in past:
        factories.AttendanceRecordFactory(session=session, enrolment=world.enrolment_a)
    today = factories.SessionFactory(cohort=world.cohort_x, date=day(0))
    for i in range(1, 10):
        factories.SessionFactory(cohort=world.cohort_x, date=day(i))
    return past, today


def margin_texts(user) -> list[str]:
    with translation.override("en"):
        return [
            item.text
            for item in items(
                Notification.objects.filter(recipient=user, kind=notifications.ATTENDANCE_MARGIN)
            )
        ]


def test_each_level_is_told_once(world, schedule):
    past, _today = schedule
    # 20 sessions, 10 attended, 10 left: 18 needed, 2 to spare.
    assert margin_nudges_send(cohort=world.cohort_x) == [world.enrolment_a.pk]
    assert margin_nudges_send(cohort=world.cohort_x) == []
    AttendanceRecord.objects.filter(session=past[0]).update(status="absent")
    assert margin_nudges_send(cohort=world.cohort_x) == [world.enrolment_a.pk]
    assert margin_nudges_send(cohort=world.cohort_x) == []
    assert sorted(MarginNudge.objects.values_list("level", flat=True)) == [1, 2]
    assert margin_texts(world.learner_a) == [
        "In Artisan Baking, you can miss at most 1 more session and still reach the 90% "
        "attendance needed for the certificate.",
        "In Artisan Baking, you can miss at most 2 more sessions and still reach the 90% "
        "attendance needed for the certificate.",
    ]


def test_a_roll_call_tells_the_learner_after_it_is_saved_in_their_language(
    world, schedule, django_capture_on_commit_callbacks
):
    _past, today = schedule
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        services.roll_call_save(
            session=today,
            entries=[RollCallEntry(world.enrolment_a.pk, "absent")],
            by=world.trainer_x,
        )
    # 11 held, 10 attended, 9 left: 18 needed, 1 to spare (level 2 was never reached by a save).
    assert list(MarginNudge.objects.values_list("level", flat=True)) == [1]
    [email] = [m for m in mail.outbox if m.to == [world.learner_a.email]]
    assert email.subject == "Tu asistencia en Artisan Baking"
    assert "puedes faltar como máximo a 1 sesión más" in email.body


def test_no_margin_left_and_out_of_reach(world, schedule):
    past, _today = schedule
    AttendanceRecord.objects.filter(session__in=past[:2]).update(status="absent")
    margin_nudges_send(cohort=world.cohort_x)
    assert margin_texts(world.learner_a) == [
        "In Artisan Baking, you cannot miss any more sessions: attend every remaining session "
        "to reach the 90% attendance needed for the certificate."
    ]
    # Out of reach: no margin to tell, the at-risk warning names the coordinator.
    AttendanceRecord.objects.filter(session=past[2]).update(status="absent")
    assert margin_nudges_send(cohort=world.cohort_x) == []
    services.attendance_risks_refresh(cohort=world.cohort_x)
    [warning] = items(
        Notification.objects.filter(
            recipient=world.learner_a, kind=notifications.ATTENDANCE_AT_RISK
        )
    )
    assert f"Your coordinator: {world.coordinator_x.display_name}." in warning.text
