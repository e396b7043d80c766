"""Taking the roll call through the page, as a trainer would."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.html import escape

from assessments.models import AttendanceChange, AttendanceRecord
from tests import factories

pytestmark = pytest.mark.django_db


def url(session):
    return f"/attendance/sessions/{session.pk}/roll-call/"


def form_data(rows: dict, versions: dict | None = None) -> dict:
    """rows: {enrolment: status or (status, note)} as the page would post them."""
    data = {}
    for enrolment, value in rows.items():
        status, note = value if isinstance(value, tuple) else (value, "")
        if status:
            data[f"status-{enrolment.pk}"] = status
        data[f"note-{enrolment.pk}"] = note
        data[f"version-{enrolment.pk}"] = str((versions or {}).get(enrolment.pk, 0))
    return data


@pytest.fixture
def today_session(world):
    return factories.SessionFactory(cohort=world.cohort_x, topic="Sourdough starters")


@pytest.fixture
def second_learner(world):
    learner = factories.LearnerFactory(username="learner_c", profile__printed_name="Carla Nunes")
    return factories.EnrolmentFactory(learner=learner, cohort=world.cohort_x)


def test_trainer_sees_every_learner_enrolled_on_the_day(client, world, today_session):
    joined_later = factories.EnrolmentFactory(
        cohort=world.cohort_x,
        learner=factories.LearnerFactory(profile__printed_name="Later Joiner"),
        enrolled_on=today_session.date + datetime.timedelta(days=1),
    )
    left_before = factories.EnrolmentFactory(
        cohort=world.cohort_x,
        learner=factories.LearnerFactory(profile__printed_name="Left Before"),
        status="withdrawn",
        withdrawn_on=today_session.date - datetime.timedelta(days=1),
        withdrawal_reason="Found work",
    )
    client.force_login(world.trainer_x)
    response = client.get(url(today_session))
    assert response.status_code == 200
    page = response.text
    assert world.learner_a.profile.printed_name in page
    assert "Later Joiner" not in page
    assert "Left Before" not in page
    assert f"status-{joined_later.pk}" not in page
    assert f"status-{left_before.pk}" not in page
    assert "Save: everyone not marked is present" in page


def test_everyone_not_marked_is_present_in_one_tap(client, world, today_session, second_learner):
    """Two taps from Today: the roll call, then "Save: everyone not marked is present". A learner
    tapped as absent stays absent."""
    client.force_login(world.trainer_x)
    data = form_data({world.enrolment_a: "absent", second_learner: ""})  # not tapped
    data["unmarked"] = "present"
    response = client.post(url(today_session), data, follow=True)
    assert response.status_code == 200
    statuses = dict(
        AttendanceRecord.objects.filter(session=today_session).values_list("enrolment_id", "status")
    )
    assert statuses == {world.enrolment_a.pk: "absent", second_learner.pk: "present"}


def test_saving_records_everyone_in_one_go(client, world, today_session, second_learner):
    client.force_login(world.trainer_x)
    response = client.post(
        url(today_session),
        form_data({world.enrolment_a: "present", second_learner: ("late", "Bus strike")}),
        follow=True,
    )
    assert "Roll call saved: 2 new, 0 changed." in response.text
    records = {r.enrolment_id: r for r in AttendanceRecord.objects.filter(session=today_session)}
    assert records[world.enrolment_a.pk].status == "present"
    assert records[second_learner.pk].status == "late"
    assert records[second_learner.pk].note == "Bus strike"
    assert records[second_learner.pk].recorded_by == world.trainer_x
    # Both creations are in the history.
    assert AttendanceChange.objects.filter(record__session=today_session).count() == 2


def test_a_learner_with_no_status_chosen_is_left_unrecorded(client, world, today_session):
    client.force_login(world.trainer_x)
    client.post(url(today_session), form_data({world.enrolment_a: ""}))
    assert not AttendanceRecord.objects.exists()


def test_a_note_without_a_status_is_not_dropped_without_a_word(
    client, world, today_session, second_learner
):
    """A note typed for a learner left without a choice: nothing is saved, the person is asked
    to choose (at the top and beside the learner), and what was typed is still there."""
    client.force_login(world.trainer_x)
    data = form_data({world.enrolment_a: "late", second_learner: ("", "Phoned: sick child")})
    response = client.post(url(today_session), data)
    assert response.status_code == 200
    name = second_learner.learner.profile.printed_name
    message = f"{name}: choose Present, Late, Excused or Absent, or the note you wrote is not kept."
    assert response.text.count(escape(message)) == 2
    assert "Phoned: sick child" in response.text
    assert not AttendanceRecord.objects.exists()
    # "Everyone not marked is present" gives the learner a status: the note is kept with it.
    response = client.post(url(today_session), {**data, "unmarked": "present"}, follow=True)
    record = AttendanceRecord.objects.get(enrolment=second_learner)
    assert (record.status, record.note) == ("present", "Phoned: sick child")


def test_a_change_keeps_its_history_for_coordinators(client, world, today_session):
    client.force_login(world.trainer_x)
    client.post(url(today_session), form_data({world.enrolment_a: "absent"}))
    client.post(
        url(today_session),
        form_data({world.enrolment_a: ("late", "Came at 10")}, {world.enrolment_a.pk: 1}),
    )
    record = AttendanceRecord.objects.get()
    assert (record.status, record.version) == ("late", 2)
    change = record.changes.first()
    assert (change.old_status, change.new_status, change.changed_by) == (
        "absent",
        "late",
        world.trainer_x,
    )

    history_url = f"/attendance/sessions/{today_session.pk}/history/"
    assert client.get(history_url).status_code == 404  # trainers do not see the history
    client.force_login(world.coordinator_x)
    page = client.get(history_url).text
    assert "Absent" in page
    assert "Late" in page
    assert "Came at 10" in page
    client.force_login(world.coordinator_y)
    assert client.get(history_url).status_code == 404


def test_saving_the_same_again_changes_nothing(client, world, today_session):
    client.force_login(world.trainer_x)
    client.post(url(today_session), form_data({world.enrolment_a: "present"}))
    response = client.post(
        url(today_session),
        form_data({world.enrolment_a: "present"}, {world.enrolment_a.pk: 1}),
        follow=True,
    )
    assert "0 new, 0 changed" in response.text
    assert AttendanceRecord.objects.get().version == 1
    assert AttendanceChange.objects.count() == 1


def test_second_save_does_not_overwrite_the_first(client, world, today_session, second_learner):
    """Two people open the roll call; the first saves; the second is shown what changed."""
    # Both pages were built when nothing was recorded (version 0 everywhere).
    client.force_login(world.coordinator_x)
    first = client.post(
        url(today_session), form_data({world.enrolment_a: ("excused", "Doctor's appointment")})
    )
    assert first.status_code == 302
    assert AttendanceRecord.objects.get().status == "excused"

    client.force_login(world.trainer_x)
    response = client.post(
        url(today_session),
        form_data({world.enrolment_a: "absent", second_learner: "present"}),
    )
    assert response.status_code == 200
    page = response.text
    assert "Nothing was saved" in page
    assert "Changed by someone else meanwhile" in page
    assert "Doctor&#x27;s appointment" in page  # theirs, shown
    assert "You had chosen “Absent”" in page  # mine, shown
    # Nothing of the second save went in, not even the row without a conflict.
    records = AttendanceRecord.objects.filter(session=today_session)
    assert [(r.enrolment_id, r.status) for r in records] == [(world.enrolment_a.pk, "excused")]
    # The re-shown form carries the current version, and the untouched row keeps my choice.
    assert f'name="version-{world.enrolment_a.pk}" value="1"' in page
    assert (
        f'id="status-{second_learner.pk}-present" value="present" autocomplete="off" checked'
        in (page)
    )

    # The trainer decides: keep mine for the conflicting row.
    response = client.post(
        url(today_session),
        form_data(
            {world.enrolment_a: "absent", second_learner: "present"}, {world.enrolment_a.pk: 1}
        ),
        follow=True,
    )
    assert "Roll call saved: 1 new, 1 changed." in response.text
    record = AttendanceRecord.objects.get(enrolment=world.enrolment_a)
    assert record.status == "absent"
    # Nothing is lost: the excused record and its note stay in the history.
    assert list(record.changes.values_list("old_status", "new_status", "old_note")) == [
        ("excused", "absent", "Doctor's appointment"),
        ("", "excused", ""),
    ]


def test_same_change_by_both_is_not_a_conflict(client, world, today_session):
    client.force_login(world.coordinator_x)
    client.post(url(today_session), form_data({world.enrolment_a: "present"}))
    client.force_login(world.trainer_x)
    response = client.post(
        url(today_session), form_data({world.enrolment_a: "present"}), follow=True
    )
    assert "Roll call saved" in response.text


@pytest.mark.parametrize("who", ["trainer_y", "coordinator_y", "learner_a", "outsider"])
def test_session_outside_my_cohorts_is_404_and_changes_nothing(client, world, today_session, who):
    client.force_login(getattr(world, who))
    assert client.get(url(today_session)).status_code == 404
    assert (
        client.post(url(today_session), form_data({world.enrolment_a: "absent"})).status_code == 404
    )
    assert not AttendanceRecord.objects.exists()


def test_naming_a_learner_outside_the_roll_call_is_404_and_changes_nothing(
    client, world, today_session
):
    client.force_login(world.trainer_x)
    data = form_data({world.enrolment_a: "present", world.enrolment_b: "absent"})
    assert client.post(url(today_session), data).status_code == 404
    assert not AttendanceRecord.objects.exists()


def test_a_bad_status_says_what_to_do_and_saves_nothing(client, world, today_session):
    client.force_login(world.trainer_x)
    response = client.post(
        url(today_session),
        {f"status-{world.enrolment_a.pk}": "asleep", f"version-{world.enrolment_a.pk}": "0"},
    )
    assert response.status_code == 200
    assert "Choose Present, Late, Excused or Absent." in response.text
    assert not AttendanceRecord.objects.exists()


def test_future_and_cancelled_sessions_take_no_roll_call(client, world):
    future = factories.SessionFactory(
        cohort=world.cohort_x, date=timezone.localdate() + datetime.timedelta(days=2)
    )
    cancelled = factories.SessionFactory(
        cohort=world.cohort_x, cancelled=True, cancellation_reason="Snow"
    )
    client.force_login(world.trainer_x)
    for session in (future, cancelled):
        assert client.get(url(session)).status_code == 200
        response = client.post(url(session), form_data({world.enrolment_a: "present"}))
        assert response.status_code == 200
    assert not AttendanceRecord.objects.exists()
    assert "from the day of the session" in client.get(url(future)).text
    assert "Snow" in client.get(url(cancelled)).text


def test_saving_puts_a_learner_at_risk_and_tells_the_coordinator_once(
    client, world, django_capture_on_commit_callbacks
):
    # Ten sessions in all at 90%: the second absence puts learner A at risk.
    today = timezone.localdate()
    sessions = [
        factories.SessionFactory(cohort=world.cohort_x, date=today - datetime.timedelta(days=n))
        for n in range(1, -9, -1)
    ]  # yesterday, today and eight to come
    client.force_login(world.trainer_x)

    def save(session, rows, versions=None):
        with django_capture_on_commit_callbacks(execute=True):
            client.post(url(session), form_data(rows, versions))

    def to_coordinator():
        return [m for m in mail.outbox if m.to == [world.coordinator_x.email]]

    save(sessions[0], {world.enrolment_a: "absent"})
    # Not at risk yet: nobody is warned (the learner hears they may miss no more sessions,
    # tests/assessments/test_nudges.py).
    assert to_coordinator() == []
    save(sessions[1], {world.enrolment_a: "absent"})
    assert len(to_coordinator()) == 1
    assert "at risk" in to_coordinator()[0].subject
    # Saving again while still at risk sends nothing more.
    save(sessions[1], {world.enrolment_a: ("absent", "ill")}, {world.enrolment_a.pk: 1})
    assert len(to_coordinator()) == 1
    # Back on track (the second absence was a mistake), then at risk again: told again, once.
    save(sessions[1], {world.enrolment_a: "present"}, {world.enrolment_a.pk: 2})
    assert len(to_coordinator()) == 1
    save(sessions[1], {world.enrolment_a: "absent"}, {world.enrolment_a.pk: 3})
    assert len(to_coordinator()) == 2
    # The learner is told too, each time they become at risk (tests/lms/test_notifications.py).
    warnings = [m for m in mail.outbox if "can now reach at most" in m.body]
    assert [m.to for m in warnings].count([world.learner_a.email]) == 2
