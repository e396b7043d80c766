"""The demo, built once for each test module that asks for it (`demo`), inside a transaction that
is rolled back at the end; each test runs in its own savepoint within it."""

import contextlib
import io

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from demo import people

# What the seed printed on the console (where mail goes under `make run`), one entry per seeding.
SEED_CONSOLE: list[str] = []


def log_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": people.DEMO_PASSWORD})


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    out, console = io.StringIO(), io.StringIO()
    # Mail on the console, as under `make run`: whatever the seed sends would land in `console`.
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
            PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private_media"),
        ),
        contextlib.redirect_stdout(console),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", "--force", stdout=out)
        SEED_CONSOLE.append(console.getvalue())
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.fixture
def demo(seeded, db):
    return seeded
