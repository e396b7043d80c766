import pytest

from tests import factories


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Certificate PDFs go to a temporary private folder, never the developer's."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private_media"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certified(world):
    """A certificate of learner A, issued by coordinator X."""
    course = factories.make_certifiable_course(title="Organic Farming", lessons=0)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    return factories.certificate_issue_now(enrolment, by=world.coordinator_x)
