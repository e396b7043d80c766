"""Shared fixtures: a small world with named personas for permission tests.

Cohort X and cohort Y run the same course. Learner A is in X, learner B in Y.
"""

from dataclasses import dataclass

import pytest

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

    from assessments import services
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
