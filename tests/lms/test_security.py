"""Login protection, sessions, and the headers every page carries."""

import datetime
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from django.utils import timezone

from certificates.credentials.keys import generate_jwk
from tests import factories

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def axes_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def later(seconds):
    return timezone.now() + datetime.timedelta(seconds=seconds)


def attempt(client, username, password="wrong-password"):
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_lockout_after_repeated_failures_same_message_for_unknown_account(client, world, axes_on):
    for _ in range(2):
        assert attempt(client, "learner_a").status_code == 200
    assert attempt(client, "learner_a").status_code == 429  # the third failure locks
    locked_existing = attempt(client, "learner_a", factories.PASSWORD)
    assert locked_existing.status_code == 429
    assert "Logging in is paused" in locked_existing.text

    for _ in range(3):
        attempt(client, "nobody-has-this-name")
    locked_unknown = attempt(client, "nobody-has-this-name")
    assert locked_unknown.status_code == 429
    assert main_text(locked_unknown) == main_text(locked_existing)


def main_text(response) -> str:
    """The page's message: what is inside <main>, with no per-request token."""
    html = response.text
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html[html.index("<main") :])


def test_lockout_is_per_account_and_client(client, world, axes_on):
    for _ in range(3):
        attempt(client, "learner_a")
    # The same account from another address, and another account from this one, can still log in.
    other_client = client_class_with_ip("10.0.0.9")
    assert attempt(other_client, "learner_a", factories.PASSWORD).status_code == 302
    assert attempt(client, "learner_b", factories.PASSWORD).status_code == 302


def client_class_with_ip(ip):
    from django.test import Client

    return Client(REMOTE_ADDR=ip)


def test_lockout_ends_after_cool_off(client, world, axes_on, settings):
    for _ in range(3):
        attempt(client, "learner_a")
    assert attempt(client, "learner_a", factories.PASSWORD).status_code == 429
    with time_machine.travel(timezone.now() + settings.AXES_COOLOFF_TIME * 1.1, tick=False):
        assert attempt(client, "learner_a", factories.PASSWORD).status_code == 302


def test_login_gives_a_new_session_key(client, world):
    client.get("/accounts/login/")
    session = client.session
    session["probe"] = 1
    session.save()
    before = session.session_key
    response = attempt(client, "learner_a", factories.PASSWORD)
    assert response.status_code == 302
    assert client.session.session_key != before


def test_idle_session_expires(client, world, settings):
    client.force_login(world.learner_a)
    assert client.get("/learning/").status_code == 200
    with time_machine.travel(later(settings.SESSION_COOKIE_AGE + 60), tick=False):
        response = client.get("/learning/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_active_session_is_kept_alive(client, world, settings):
    client.force_login(world.learner_a)
    client.get("/learning/")
    half = settings.SESSION_COOKIE_AGE // 2 + 60
    with time_machine.travel(later(half), tick=False):
        assert client.get("/learning/").status_code == 200
    with time_machine.travel(later(2 * half), tick=False):
        assert client.get("/learning/").status_code == 200


def test_personal_pages_are_never_cached(client, world):
    client.force_login(world.learner_a)
    response = client.get("/learning/")
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_security_headers(client, world):
    response = client.get("/courses/")
    # The header's directive order is not fixed (django-csp iterates a set): compare directives.
    directives = dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    # Images from the site, and the thumbnails the page's own script makes of a chosen photo.
    assert set(directives["img-src"].split()) == {"'self'", "data:", "blob:"}
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_password_validators_refuse_weak_password(world):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("12345678", user=world.learner_a)


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "lms.example.org",
        "SITE_URL": "https://lms.example.org",
        # Production refuses to sign credentials without a key (certificates.E002).
        "CREDENTIAL_SIGNING_KEYS": json.dumps({"keys": [generate_jwk(kid="check-deploy")]}),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
