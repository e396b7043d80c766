"""Shared fixtures: a small world with named personas for permission tests.

Cohort X and cohort Y run the same course. Learner A is in X, learner B in Y.
"""

import datetime
import os
import zoneinfo
from dataclasses import dataclass

import pytest
import time_machine

from tests import factories


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Evidence goes to a temporary private folder, never to the developer's private_media/
    (the demo seed and the erasure tests store files too)."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def default_language():
    """Every test starts in the site's default language: a request in another language leaves
    it active in the thread (LocaleMiddleware does not reset it), which would otherwise change
    the messages of whichever test runs next."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


# The suite runs on a clock that starts at noon on a fixed Wednesday in the site's time zone, so
# that no test flips at midnight, at a month's end or on a weekend. The clock ticks on from there
# (timestamps keep their order, and data made by module-scoped fixtures stays in the past); a test
# that travels elsewhere does so on top of it. The browser journeys and the cluster tests talk to
# servers in other processes, on the real clock: their conftest.py turns this off.
FROZEN_NOON = datetime.datetime(2026, 11, 18, 12)


@pytest.fixture(scope="session", autouse=True)
def frozen_noon():
    from django.conf import settings

    noon = FROZEN_NOON.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    with time_machine.travel(noon, tick=True) as traveller:
        yield traveller


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "postgresql: needs PostgreSQL's concurrent writers; skipped on SQLite, a failure when "
        "REQUIRE_POSTGRES is set (the Makefile's test-postgres target sets it).",
    )


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgresql") is None:
        return
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    if os.environ.get("REQUIRE_POSTGRES"):
        pytest.fail(
            f"REQUIRE_POSTGRES is set but the database is {connection.vendor}: "
            "set DATABASE_URL to a running PostgreSQL."
        )
    pytest.skip("needs PostgreSQL's concurrent writers")


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache (rate limits, the site frame: lms/site_frame.py)."""
    from django.core.cache import cache

    cache.clear()


@dataclass
class World:
    course: object
    cohort_x: object
    cohort_y: object
    learner_a: object
    learner_b: object
    enrolment_a: object
    enrolment_b: object
    trainer_x: object
    trainer_y: object
    coordinator_x: object
    coordinator_y: object
    outsider: object
    superuser: object


@pytest.fixture
def world(db) -> World:
    course = factories.make_course(title="Artisan Baking", slug="artisan-baking", lessons=3)
    trainer_x = factories.TrainerFactory(username="trainer_x")
    trainer_y = factories.TrainerFactory(username="trainer_y")
    coordinator_x = factories.CoordinatorFactory(username="coordinator_x")
    coordinator_y = factories.CoordinatorFactory(username="coordinator_y")
    cohort_x = factories.CohortFactory(
        course=course, name="X", trainers=[trainer_x], coordinators=[coordinator_x]
    )
    cohort_y = factories.CohortFactory(
        course=course, name="Y", trainers=[trainer_y], coordinators=[coordinator_y]
    )
    learner_a = factories.LearnerFactory(username="learner_a")
    learner_b = factories.LearnerFactory(username="learner_b")
    return World(
        course=course,
        cohort_x=cohort_x,
        cohort_y=cohort_y,
        learner_a=learner_a,
        learner_b=learner_b,
        enrolment_a=factories.EnrolmentFactory(learner=learner_a, cohort=cohort_x),
        enrolment_b=factories.EnrolmentFactory(learner=learner_b, cohort=cohort_y),
        trainer_x=trainer_x,
        trainer_y=trainer_y,
        coordinator_x=coordinator_x,
        coordinator_y=coordinator_y,
        outsider=factories.LearnerFactory(username="outsider"),
        superuser=factories.UserFactory(username="admin", is_superuser=True, is_staff=True),
    )


@dataclass
class Practical:
    """Learner A's confirmed practical attempt in cohort X, with a photo as evidence."""

    template: object
    attempt: object
    evidence: object


@pytest.fixture
def practical(world) -> Practical:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from assessments.practical import services
    from tests.assessments.practical import bread_template, recorded

    template = bread_template(world.course)
    attempt = recorded(
        world.enrolment_a, template, world.trainer_x, [True, True, False], submit=False
    )
    evidence = services.evidence_add(
        attempt=attempt,
        upload=SimpleUploadedFile("loaf.png", factories.png_bytes(), content_type="image/png"),
        by=world.trainer_x,
    )
    services.attempt_submit(attempt=attempt, by=world.trainer_x)
    services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x, comment="Agreed.")
    attempt.refresh_from_db()
    return Practical(template=template, attempt=attempt, evidence=evidence)
