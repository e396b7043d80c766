"""A roll call saved on a phone without a signal and sent later (docs/offline.md): the same
check of versions decides conflicts; sent twice, it has one effect; a refusal says why."""

import uuid

import pytest

from assessments.models import AttendanceRecord
from courses.services import session_cancel
from tests import factories
from tests.assessments.test_roll_call import form_data, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def today_session(world):
    return factories.SessionFactory(cohort=world.cohort_x, topic="Sourdough starters")


def send(client, session, data, key):
    return client.post(url(session), data, HTTP_IDEMPOTENCY_KEY=key)


def test_a_roll_call_sent_twice_is_saved_once(client, world, today_session):
    client.force_login(world.trainer_x)
    key = str(uuid.uuid4())
    data = form_data({world.enrolment_a: "present"})
    first = send(client, today_session, data, key)
    assert first.status_code == 200
    assert first.json()["outcome"] == "done"
    assert "Roll call saved: 1 new, 0 changed." in first.json()["message"]
    # Sent again with the version the phone saw: without the key, that would be a conflict.
    second = send(client, today_session, data, key)
    assert second.json() == {**first.json(), "repeated": True}
    record = AttendanceRecord.objects.get()
    assert (record.status, record.version) == ("present", 1)


def test_a_change_made_meanwhile_comes_back_as_a_conflict_and_nothing_is_saved(
    client, world, today_session
):
    client.force_login(world.coordinator_x)
    client.post(url(today_session), form_data({world.enrolment_a: "excused"}))
    client.force_login(world.trainer_x)
    key = str(uuid.uuid4())
    response = send(client, today_session, form_data({world.enrolment_a: "late"}), key)
    assert response.status_code == 409
    assert response.json()["outcome"] == "conflict"
    assert "Open the roll call to see both and choose." in response.json()["message"]
    assert AttendanceRecord.objects.get().status == "excused"
    # Opened to choose (the same form sent the ordinary way): both values, side by side.
    page = client.post(url(today_session), form_data({world.enrolment_a: "late"})).text
    assert "Changed by someone else meanwhile." in page
    assert "saved “Excused”" in page
    assert "You had chosen “Late”" in page


def test_a_roll_call_of_a_cancelled_session_is_refused_with_the_reason(
    client, world, today_session
):
    session_cancel(session=today_session, reason="Snow")
    client.force_login(world.trainer_x)
    key = str(uuid.uuid4())
    response = send(client, today_session, form_data({world.enrolment_a: "present"}), key)
    assert response.status_code == 422
    assert response.json() == {
        "outcome": "refused",
        "message": "This session is cancelled: there is no roll call to take.",
        "repeated": False,
    }
    assert send(client, today_session, {}, key).json()["repeated"]
    assert not AttendanceRecord.objects.exists()


def test_a_learner_no_longer_on_the_roll_call_is_refused_with_the_reason(
    client, world, today_session
):
    client.force_login(world.trainer_x)
    data = form_data({world.enrolment_a: "present", world.enrolment_b: "absent"})
    response = send(client, today_session, data, str(uuid.uuid4()))
    assert response.status_code == 422
    assert "no longer enrolled" in response.json()["message"]
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("who", ["trainer_y", "learner_a"])
def test_outside_my_cohorts_is_404(client, world, today_session, who):
    client.force_login(getattr(world, who))
    response = send(client, today_session, form_data({world.enrolment_a: "absent"}), "x")
    assert response.status_code == 404
    assert not AttendanceRecord.objects.exists()
