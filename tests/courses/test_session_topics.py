"""A session's topic in each reader's language (courses.session_topics): the translation where
one is given, the original otherwise; written through the session services and the staff form,
read in reminders and calendar feeds in the recipient's language and on pages in the reader's."""

import datetime
import io
import re

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.utils import timezone, translation
from icalendar import Calendar

from assessments.attendance.calendar.services import calendar_feed_reset
from assessments.attendance.reminders import services as reminders
from courses import services
from courses.models import Session
from courses.session_topics import TOPIC_TRANSLATION_FIELDS
from lms.i18n import NAME_LANGUAGES
from lms.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db

SPANISH = {"topic_es": "Formar las piezas de pan", "topic_it": "Dare forma ai pani"}


def reading_in(client, user, language):
    Profile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def shaping(world, *, date=None, **fields):
    return factories.SessionFactory(
        cohort=world.cohort_x,
        date=date or timezone.localdate(),
        **{"topic": "Shaping loaves", **SPANISH, **fields},
    )


def test_every_language_but_the_default_has_a_topic_field():
    others = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert {f"topic_{code}" for code in NAME_LANGUAGES} == set(TOPIC_TRANSLATION_FIELDS)
    assert {f"topic_{code}" for code in others} <= {f.name for f in Session._meta.get_fields()}


def test_topic_in_falls_back_to_the_original():
    session = Session(topic="Shaping loaves", **SPANISH)  # no Portuguese
    assert session.topic_in("es") == "Formar las piezas de pan"
    assert session.topic_in("it") == "Dare forma ai pani"
    assert session.topic_in("pt") == "Shaping loaves"
    assert session.topic_in("en") == "Shaping loaves"
    assert session.topic_in("pt-br") == "Shaping loaves"
    with translation.override("es"):
        assert session.translated_topic == "Formar las piezas de pan"
        assert session.topic_in("it") == "Dare forma ai pani"  # an explicit language wins
    with translation.override("en"):
        assert session.translated_topic == "Shaping loaves"


def test_the_services_write_the_translations_trimmed(world):
    day = world.cohort_x.start_date
    times = {"start_time": datetime.time(9), "end_time": datetime.time(12)}
    session = services.session_create(
        cohort=world.cohort_x,
        topic="Proving",
        date=day,
        topic_es="  Fermentación ",
        topic_pt="Fermentação",
        by=world.trainer_x,
        **times,
    )
    session.refresh_from_db()
    assert (session.topic_es, session.topic_it, session.topic_pt) == (
        "Fermentación",
        "",
        "Fermentação",
    )

    series = services.sessions_schedule(
        cohort=world.cohort_x,
        topic="Ovens",
        start=day,
        until=day + datetime.timedelta(days=13),
        weekdays={day.weekday()},
        topic_it="Forni",
        by=world.trainer_x,
        **times,
    )
    assert len(series) == 2
    assert {s.topic_it for s in Session.objects.filter(topic="Ovens")} == {"Forni"}

    services.session_update(session=session, topic_it=" Lievitazione ", by=world.trainer_x)
    session.refresh_from_db()
    assert session.topic_it == "Lievitazione"
    assert session.topic_es == "Fermentación"  # untouched


def test_a_service_refuses_a_keyword_that_is_not_a_translation(world):
    with pytest.raises(TypeError):
        services.session_create(
            cohort=world.cohort_x,
            topic="Proving",
            date=world.cohort_x.start_date,
            start_time=datetime.time(9),
            end_time=datetime.time(12),
            topic_fr="Fermentation",
        )
    assert not Session.objects.filter(topic="Proving").exists()


def test_the_trainer_gives_the_translations_on_the_session_form(client, world):
    session = factories.SessionFactory(cohort=world.cohort_x, topic="Shaping loaves")
    client.force_login(world.trainer_x)
    url = f"/learning/staff/sessions/{session.pk}/edit/"
    form = client.get(url).text
    assert "Topic in other languages" in form
    assert form.count("Leave empty to show the topic as written above.") == 1
    for field in TOPIC_TRANSLATION_FIELDS:
        assert f'name="{field}"' in form
    # One label says "Topic" (a person, or a browser journey, finds the topic by it); the
    # translations are labelled by their language under the group's legend.
    labels = re.findall(r"<label[^>]*>\s*([^<*]+)", form)
    assert [label.strip() for label in labels if "Topic" in label] == ["Topic"]
    assert {"Spanish", "Italian", "Portuguese"} <= {label.strip() for label in labels}
    response = client.post(
        url,
        {
            "topic": "Shaping loaves",
            "topic_es": "Formar las piezas de pan",
            "topic_it": "",
            "topic_pt": "Moldar os pães",
            "kind": session.kind,
            "date": session.date.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "location": "",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.topic_es, session.topic_it, session.topic_pt) == (
        "Formar las piezas de pan",
        "",
        "Moldar os pães",
    )


def test_the_schedule_form_gives_the_translations_to_every_session(client, world):
    day = max(world.cohort_x.start_date, timezone.localdate())
    client.force_login(world.trainer_x)
    response = client.post(
        f"/learning/staff/cohorts/{world.cohort_x.pk}/sessions/schedule/",
        {
            "topic": "Ovens",
            "topic_es": "Hornos",
            "topic_it": "Forni",
            "topic_pt": "Fornos",
            "kind": "theory",
            "weekdays": [day.weekday()],
            "every_weeks": 1,
            "start": day.isoformat(),
            "until": day.isoformat(),
            "start_time": "09:00",
            "end_time": "12:00",
            "location": "",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(topic="Ovens")
    assert (session.topic_es, session.topic_it, session.topic_pt) == ("Hornos", "Forni", "Fornos")


def test_the_reminder_names_the_topic_in_the_recipients_language(
    world, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    shaping(world, date=tomorrow)
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    portuguese = factories.LearnerFactory(username="learner_pt")
    factories.EnrolmentFactory(learner=portuguese, cohort=world.cohort_x)
    Profile.objects.filter(user=portuguese).update(preferred_language="pt")
    for learner in (world.learner_a, portuguese):
        reminders.reminder_preference_update(
            user=learner, by=learner, by_email=True, by_sms=False, mobile=""
        )
    evening = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(17))
    )
    with (
        time_machine.travel(evening, tick=False),
        django_capture_on_commit_callbacks(execute=True),
        translation.override("it"),  # whatever the sender's language, each reads their own
    ):
        call_command("reminders_send", stdout=io.StringIO())
    bodies = {message.to[0]: message.body for message in mail.outbox}
    spanish = bodies[world.learner_a.email]
    assert "Tema: Formar las piezas de pan" in spanish
    assert "Shaping loaves" not in spanish
    # No Portuguese given: the original.
    assert "Tema: Shaping loaves" in bodies[portuguese.email]


def test_the_calendar_feed_summary_is_in_the_subscribers_language(client, world):
    held = shaping(world)
    cancelled = shaping(
        world, topic="Ovens", topic_es="Hornos", cancelled=True, cancellation_reason="Ill"
    )
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    token = calendar_feed_reset(user=world.learner_a, by=world.learner_a)
    calendar = Calendar.from_ical(client.get(f"/attendance/calendar/{token}.ics").content)
    summaries = {str(e["uid"]).split("@")[0]: str(e["summary"]) for e in calendar.walk("VEVENT")}
    assert summaries[f"session-{held.pk}"] == "Formar las piezas de pan"
    assert summaries[f"session-{cancelled.pk}"] == "Cancelada: Hornos"

    Profile.objects.filter(user=world.learner_a).update(preferred_language="pt")
    calendar = Calendar.from_ical(client.get(f"/attendance/calendar/{token}.ics").content)
    assert "Shaping loaves" in {str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_today_shows_the_topic_in_the_trainers_language(client, world):
    session = shaping(world)
    html = reading_in(client, world.trainer_x, "es").get("/workspace/today/").text
    assert "Formar las piezas de pan" in html
    assert "Shaping loaves" not in html
    roll_call = client.get(f"/attendance/sessions/{session.pk}/roll-call/").text
    assert "Formar las piezas de pan" in roll_call

    html = reading_in(client, world.trainer_x, "en").get("/workspace/today/").text
    assert "Shaping loaves" in html
    assert "Formar las piezas de pan" not in html


def test_the_learners_course_list_shows_the_topic_in_their_language(client, world):
    shaping(world)
    html = reading_in(client, world.learner_a, "es").get("/learning/").text
    assert "Formar las piezas de pan" in html
    assert "Shaping loaves" not in html

    html = reading_in(client, world.learner_a, "pt").get("/learning/").text
    assert "Shaping loaves" in html  # no Portuguese given: the original
