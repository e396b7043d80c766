"""Scheduling sessions: one at a time, many at once, editing and cancelling."""

import datetime

import pytest
from django.utils import timezone

from courses.models import Session
from courses.rules import session_dates
from lms.formats import medium_date
from tests import factories

MON = datetime.date(2026, 3, 2)  # a Monday


def test_weekly_schedule_on_chosen_weekdays():
    dates = session_dates(start=MON, until=MON + datetime.timedelta(days=13), weekdays={0, 2})
    assert dates == [
        MON,
        MON + datetime.timedelta(days=2),
        MON + datetime.timedelta(days=7),
        MON + datetime.timedelta(days=9),
    ]


def test_every_other_week_counts_weeks_from_the_start_week():
    # Starting on a Wednesday: that week is week 0, so the Monday before the start is skipped and
    # the following two weeks' Fridays are: week 0 Fri, week 2 Fri.
    wednesday = MON + datetime.timedelta(days=2)
    dates = session_dates(
        start=wednesday, until=MON + datetime.timedelta(days=20), weekdays={0, 4}, every_weeks=2
    )
    assert dates == [
        MON + datetime.timedelta(days=4),
        MON + datetime.timedelta(days=14),
        MON + datetime.timedelta(days=18),
    ]


def test_no_dates_when_the_range_is_backwards_or_no_weekday():
    assert session_dates(start=MON, until=MON - datetime.timedelta(days=1), weekdays={0}) == []
    assert session_dates(start=MON, until=MON, weekdays=set()) == []


@pytest.mark.django_db
class TestSchedulingPages:
    def test_trainer_schedules_many_sessions(self, client, world):
        cohort = world.cohort_x
        start = cohort.start_date
        client.force_login(world.trainer_x)
        response = client.post(
            f"/learning/staff/cohorts/{cohort.pk}/sessions/schedule/",
            {
                "topic": "Bread basics",
                "kind": "practical",
                "weekdays": ["0", "3"],
                "every_weeks": "1",
                "start": start.isoformat(),
                "until": (start + datetime.timedelta(days=20)).isoformat(),
                "start_time": "09:00",
                "end_time": "12:30",
                "location": "",
            },
            follow=True,
        )
        sessions = list(Session.objects.filter(cohort=cohort))
        assert 5 <= len(sessions) <= 6
        assert all(s.date.weekday() in (0, 3) for s in sessions)
        assert f"{len(sessions)} sessions are scheduled." in response.text
        assert all(s.kind == "practical" and s.end_time == datetime.time(12, 30) for s in sessions)

    def test_bad_input_says_what_to_do_and_creates_nothing(self, client, world):
        cohort = world.cohort_x
        client.force_login(world.coordinator_x)
        response = client.post(
            f"/learning/staff/cohorts/{cohort.pk}/sessions/schedule/",
            {
                "topic": "Bread basics",
                "kind": "theory",
                "weekdays": ["1"],
                "every_weeks": "1",
                "start": cohort.start_date.isoformat(),
                "until": (cohort.end_date + datetime.timedelta(days=30)).isoformat(),
                "start_time": "14:00",
                "end_time": "13:00",
            },
        )
        assert response.status_code == 200
        assert "The end time must be after the start time." in response.text
        assert "within the cohort&#x27;s dates" in response.text
        # The cohort's dates as the reader writes them, not 2026-10-25.
        assert f"({medium_date(cohort.start_date)} to {medium_date(cohort.end_date)})" in (
            response.text
        )
        assert not Session.objects.exists()

    def test_add_edit_and_cancel_one_session(self, client, world):
        cohort = world.cohort_x
        client.force_login(world.coordinator_x)
        day = timezone.localdate()
        client.post(
            f"/learning/staff/cohorts/{cohort.pk}/sessions/new/",
            {
                "topic": "Ovens",
                "kind": "theory",
                "date": day.isoformat(),
                "start_time": "10:00",
                "end_time": "11:00",
                "location": "Room 2",
            },
        )
        session = Session.objects.get()
        client.post(
            f"/learning/staff/sessions/{session.pk}/edit/",
            {
                "topic": "Ovens and safety",
                "kind": "review",
                "date": day.isoformat(),
                "start_time": "10:00",
                "end_time": "11:30",
                "location": "Room 2",
            },
        )
        session.refresh_from_db()
        assert (session.topic, session.kind, session.end_time) == (
            "Ovens and safety",
            "review",
            datetime.time(11, 30),
        )
        response = client.post(f"/learning/staff/sessions/{session.pk}/cancel/", {"reason": ""})
        assert "This field is required." in response.text
        client.post(f"/learning/staff/sessions/{session.pk}/cancel/", {"reason": "Trainer ill"})
        session.refresh_from_db()
        assert session.cancelled
        assert session.cancellation_reason == "Trainer ill"
        page = client.get(f"/learning/staff/cohorts/{cohort.pk}/").text
        assert "Cancelled" in page
        assert "Trainer ill" in page

    @pytest.mark.parametrize("who", ["trainer_y", "coordinator_y", "learner_a", "outsider"])
    def test_other_cohorts_are_404(self, client, world, who):
        session = factories.SessionFactory(cohort=world.cohort_x)
        client.force_login(getattr(world, who))
        cohort = world.cohort_x
        for path in (
            f"/learning/staff/cohorts/{cohort.pk}/",
            f"/learning/staff/cohorts/{cohort.pk}/sessions/new/",
            f"/learning/staff/cohorts/{cohort.pk}/sessions/schedule/",
            f"/learning/staff/sessions/{session.pk}/edit/",
            f"/learning/staff/sessions/{session.pk}/cancel/",
        ):
            assert client.get(path).status_code == 404, path
        client.post(f"/learning/staff/sessions/{session.pk}/cancel/", {"reason": "no"})
        session.refresh_from_db()
        assert not session.cancelled

    def test_my_cohorts_lists_only_mine(self, client, world):
        client.force_login(world.trainer_x)
        page = client.get("/learning/staff/cohorts/").text
        assert f"/learning/staff/cohorts/{world.cohort_x.pk}/" in page
        assert f"/learning/staff/cohorts/{world.cohort_y.pk}/" not in page

    def test_learner_dashboard_shows_next_sessions(self, client, world):
        today = timezone.localdate()
        factories.SessionFactory(cohort=world.cohort_x, date=today, topic="Kneading")
        factories.SessionFactory(
            cohort=world.cohort_x, date=today - datetime.timedelta(days=1), topic="Yesterday's"
        )
        factories.SessionFactory(cohort=world.cohort_y, date=today, topic="Other cohort")
        client.force_login(world.learner_a)
        page = client.get("/learning/").text
        assert "Next sessions" in page
        assert "Kneading" in page
        assert "Yesterday" not in page
        assert "Other cohort" not in page


def test_the_session_services_refuse_staff_of_another_cohort_before_writing(world):
    from django.core.exceptions import ValidationError

    from courses import services

    session = factories.SessionFactory(cohort=world.cohort_x)
    day = world.cohort_x.start_date
    writes = [
        lambda by: services.session_create(
            cohort=world.cohort_x,
            topic="Proving",
            date=day,
            start_time=datetime.time(9),
            end_time=datetime.time(11),
            by=by,
        ),
        lambda by: services.session_update(session=session, topic="Shaping", by=by),
        lambda by: services.session_cancel(session=session, reason="Snow", by=by),
    ]
    for write in writes:
        with pytest.raises(ValidationError) as refused:
            write(world.trainer_y)
        assert refused.value.messages == [str(services.MSG_NOT_COHORT_STAFF)]
    session.refresh_from_db()
    assert (session.topic, session.cancelled) != ("Shaping", True)
    assert Session.objects.filter(cohort=world.cohort_x).count() == 1
