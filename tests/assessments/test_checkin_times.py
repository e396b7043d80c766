"""Times on the self check-in pages read as everywhere else (lms formats' `short_time`): '09:05'
in English, '9:05' in Spanish, never a fixed "H:i"; and the session's topic in the reader's
language."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from assessments.attendance import checkin_rules, checkin_services, checkin_tokens
from assessments.models import SelfCheckIn
from tests import factories

pytestmark = pytest.mark.django_db


def reading_in(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_confirmation_and_the_live_list_use_the_readers_time_format(client, world):
    session = factories.SessionFactory(
        cohort=world.cohort_x,
        topic="Sourdough",
        topic_es="Masa madre",
        start_time=datetime.time(8),
        end_time=datetime.time(14),
    )
    window = checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    step = checkin_rules.step_at(timezone.now())
    token = checkin_tokens.qr_token(session_id=session.pk, window_id=window.pk, step=step)
    reading_in(client, world.learner_a, "es").get(f"/attendance/check-in/{token}/")
    confirmation = client.post("/attendance/check-in/").text
    assert "Masa madre · " in confirmation
    assert " · 8:00</p>" in confirmation

    five_past_nine = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(9, 5))
    )
    SelfCheckIn.objects.update(checked_in_at=five_past_nine)
    url = f"/attendance/sessions/{session.pk}/self-check-ins/"
    assert " · 9:05 ·" in reading_in(client, world.trainer_x, "es").get(url).text
    assert " · 09:05 ·" in reading_in(client, world.trainer_x, "en").get(url).text
