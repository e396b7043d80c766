"""Personal calendar feeds: the ICS read back with icalendar, the secret and its reset, what the
feed leaves out, and a fixed number of queries."""

import datetime
import zoneinfo

import pytest
from django.conf import settings
from icalendar import Calendar

from assessments.attendance.calendar.services import calendar_feed_reset
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db

ZONE = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def feed_url(token: str) -> str:
    return f"/attendance/calendar/{token}.ics"


def events(response) -> dict:
    calendar = Calendar.from_ical(response.content)
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


@pytest.fixture
def sessions(world):
    day = datetime.date(2026, 11, 23)
    held = factories.SessionFactory(
        cohort=world.cohort_x,
        date=day,
        topic="Shaping loaves",
        location="Training kitchen",
        start_time=datetime.time(9),
        end_time=datetime.time(12, 30),
    )
    cancelled = factories.SessionFactory(
        cohort=world.cohort_x,
        date=day + datetime.timedelta(days=1),
        topic="Ovens",
        cancelled=True,
        cancellation_reason="Ana Pérez is ill",
    )
    other = factories.SessionFactory(cohort=world.cohort_y, date=day, topic="Elsewhere")
    return held, cancelled, other


def test_the_feed_reads_back_with_the_sites_times(client, world, sessions):
    held, cancelled, _other = sessions
    token = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    response = client.get(feed_url(token))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response["Cache-Control"]
    found = events(response)
    assert set(found) == {f"session-{held.pk}@127.0.0.1", f"session-{cancelled.pk}@127.0.0.1"}

    event = found[f"session-{held.pk}@127.0.0.1"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    # 09:00 where the site is (Europe/Rome: 08:00 UTC in November), whatever the reader's zone.
    assert start == datetime.datetime(2026, 11, 23, 9, tzinfo=ZONE)
    assert start.astimezone(datetime.UTC).hour == 8
    assert end == datetime.datetime(2026, 11, 23, 12, 30, tzinfo=ZONE)
    assert str(event["summary"]) == "Shaping loaves"
    assert str(event["location"]) == "Training kitchen"
    assert str(event["status"]) == "CONFIRMED"
    assert "Artisan Baking" in str(event["description"])
    assert Calendar.from_ical(response.content).walk("VTIMEZONE")[0]["tzid"] == settings.TIME_ZONE

    gone = found[f"session-{cancelled.pk}@127.0.0.1"]
    assert str(gone["status"]) == "CANCELLED"
    assert str(gone["summary"]) == "Cancelled: Ovens"


def test_the_feed_names_nobody(client, world, sessions):
    token = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    body = client.get(feed_url(token)).content.decode()
    people = [world.trainer_x, world.coordinator_x, world.learner_a, world.learner_b]
    for person in people:
        assert person.display_name not in body
        assert person.username not in body
    assert "Ana Pérez" not in body  # the cancellation's reason stays off the calendar


def test_uids_are_stable_and_a_trainer_sees_the_cohorts_they_train(client, world, sessions):
    _held, _cancelled, other = sessions
    first = events(
        client.get(feed_url(calendar_feed_reset(user=world.learner_a, by=world.learner_a)))
    )
    again = events(
        client.get(feed_url(calendar_feed_reset(user=world.learner_a, by=world.learner_a)))
    )
    assert set(first) == set(again)
    trainer = events(
        client.get(feed_url(calendar_feed_reset(user=world.trainer_x, by=world.trainer_x)))
    )
    assert set(trainer) == set(first)
    learner_b = events(
        client.get(feed_url(calendar_feed_reset(user=world.learner_b, by=world.learner_b)))
    )
    assert set(learner_b) == {f"session-{other.pk}@127.0.0.1"}


def test_a_withdrawn_learner_has_no_sessions_in_the_feed(client, world, sessions):
    Enrolment.objects.filter(pk=world.enrolment_a.pk).update(
        status="withdrawn", withdrawn_on=world.enrolment_a.enrolled_on, withdrawal_reason="Left"
    )
    token = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    assert events(client.get(feed_url(token))) == {}


def test_a_wrong_or_old_secret_is_a_plain_404(client, world, sessions):
    old = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    new = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    assert client.get(feed_url(new)).status_code == 200
    # The same two words, whatever the secret: nothing says whether it ever worked, or whose.
    for token in (old, "0" * 64, "short"):
        response = client.get(feed_url(token))
        assert (response.status_code, response.content) == (404, b"Not found")


def test_the_profile_gives_the_link_and_resets_it(client, world):
    client.force_login(world.learner_a)
    page = client.get("/accounts/profile/").content.decode()
    assert "Get my calendar link" in page
    response = client.post("/attendance/calendar/reset/")
    assert response["Location"] == "/accounts/profile/#profile-calendar"
    page = client.get("/accounts/profile/").content.decode()
    assert (
        'value="http://127.0.0.1:8000/attendance/calendar/' in page
        or "/attendance/calendar/" in page
    )
    assert 'href="webcal://' in page
    url = page.split('id="calendar-feed-url" type="text" readonly value="')[1].split('"')[0]
    path = url.split("://", 1)[1].split("/", 1)[1]
    client.logout()
    assert client.get("/" + path).status_code == 200
    client.force_login(world.learner_a)
    client.post("/attendance/calendar/reset/")
    client.logout()
    assert client.get("/" + path).status_code == 404


@pytest.mark.parametrize("count", [2, 60])
def test_the_feed_costs_a_fixed_number_of_queries(client, world, count, django_assert_num_queries):
    start = datetime.date(2026, 11, 1)
    for i in range(count):
        factories.SessionFactory(cohort=world.cohort_x, date=start + datetime.timedelta(days=i))
    token = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    client.get(feed_url(token))  # the locale lookups of the first request
    # The feed and its owner, the sessions, the course's translations (none here: one query).
    with django_assert_num_queries(3):
        response = client.get(feed_url(token))
    assert len(events(response)) == count


def test_erasing_the_person_removes_the_number_the_choice_and_the_feed(client, world):
    from assessments.attendance.reminders.services import reminder_preference_update
    from assessments.models import CalendarFeed, ReminderPreference
    from lms.models import Profile
    from privacy.services import person_erase

    reminder_preference_update(
        user=world.learner_a, by=world.learner_a, by_email=True, by_sms=True, mobile="+34612345678"
    )
    token = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    person_erase(user=world.learner_a, by=world.superuser)
    assert Profile.objects.get(user=world.learner_a).mobile == ""
    assert not ReminderPreference.objects.exists()
    assert not CalendarFeed.objects.exists()
    assert client.get(feed_url(token)).status_code == 404
