"""Issue 17 item 5: learners share phones. The session cookie must die with the browser, and the
idle limit is enforced by the server, not by the cookie's lifetime."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests import factories

pytestmark = pytest.mark.django_db


def log_in(client, username="learner_a"):
    response = client.post(
        "/accounts/login/", {"username": username, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    return response


def test_session_cookie_has_no_expiry_at_login_or_while_browsing(client, world, settings):
    cookie = log_in(client).cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    # The minute after, the activity time is rewritten (the session is saved): still no expiry.
    with time_machine.travel(timezone.now() + datetime.timedelta(seconds=90), tick=False):
        response = client.get("/learning/")
    assert response.status_code == 200
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""


def test_a_request_after_the_idle_limit_is_logged_out(client, world, settings):
    log_in(client)
    assert client.get("/learning/").status_code == 200
    idle = timezone.now() + datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE + 1)
    with time_machine.travel(idle, tick=False):
        response = client.get("/learning/")
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
        # Logged out for good: the stale session cannot be revived by the next request.
        assert client.get("/learning/").status_code == 302


def test_activity_within_the_limit_keeps_the_session(client, world, settings):
    log_in(client)
    step = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE * 2 // 3)
    start = timezone.now()
    for n in (1, 2, 3):  # three steps add up to twice the limit, none is longer than it
        with time_machine.travel(start + n * step, tick=False):
            assert client.get("/learning/").status_code == 200
