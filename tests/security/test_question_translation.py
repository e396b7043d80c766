"""Wagtail's "Translate" action (simple_translation) on a question checks the permission policy
registered for questions: a coordinator may copy into another language only the questions of the
courses they coordinate, as the question admin lists them. Its URL is Wagtail's (left out of the
access matrix), so it is tested here, through the admin's own door."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from assessments.models import Question
from tests import factories
from tests.assessments.quizzes import make_bank

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def role_permissions(db):
    from lms.services import roles_ensure

    roles_ensure()


@pytest.fixture
def banks(world):
    """A question of Artisan Baking (coordinated by X's coordinator) and one of Organic Farming,
    coordinated by Y's coordinator only."""
    farming = factories.make_course(title="Organic Farming", slug="organic-farming", lessons=0)
    factories.CohortFactory(course=farming, name="F", coordinators=[world.coordinator_y])
    baking_question = make_bank(world.course, questions=1).questions.get()
    farming_question = make_bank(farming, questions=1, category="Soil").questions.get()
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    return baking_question, farming_question, spanish


def _translate_url(question):
    return reverse(
        "simple_translation:submit_snippet_translation",
        args=["assessments", "question", question.pk],
    )


def test_coordinator_cannot_translate_another_courses_question(client, world, banks):
    _baking, farming_question, spanish = banks
    client.force_login(world.coordinator_x)
    url = _translate_url(farming_question)
    # Wagtail answers a PermissionDenied in its admin by sending the user back to the admin home.
    refused = client.get(url)
    assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
    response = client.post(url, {"locales": [spanish.pk]})
    assert (response.status_code, response["Location"]) == (302, reverse("wagtailadmin_home"))
    # Nothing was copied: the question has no Spanish twin.
    assert not Question.objects.filter(
        translation_key=farming_question.translation_key, locale=spanish
    ).exists()


def test_coordinator_translates_their_courses_question(client, world, banks):
    baking_question, farming_question, spanish = banks
    client.force_login(world.coordinator_x)
    response = client.post(_translate_url(baking_question), {"locales": [spanish.pk]})
    assert response.status_code == 302
    copy = Question.objects.get(translation_key=baking_question.translation_key, locale=spanish)
    assert copy.course_id == world.course.pk
    # And the coordinator of the other course may translate theirs.
    client.force_login(world.coordinator_y)
    response = client.post(_translate_url(farming_question), {"locales": [spanish.pk]})
    assert response.status_code == 302


def test_translate_button_only_on_own_questions(client, world, banks):
    """The listing shows only the coordinator's questions, so only their Translate buttons."""
    baking_question, farming_question, _spanish = banks
    client.force_login(world.coordinator_x)
    listing = client.get(reverse("wagtailsnippets_assessments_question:list")).text
    assert _translate_url(baking_question) in listing
    assert _translate_url(farming_question) not in listing
