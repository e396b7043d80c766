"""A notification names its course in the reader's language: the title is kept as the page's id
("page_titles", lms/notifications.py) and read when the list is shown or the email written, from
the course's live translation, else the original; older notifications keep their stored words."""

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments import notifications as assessment_notifications
from assessments.practical import services as practical_services
from lms.models import Notification, Profile
from lms.notifications import PAGE_TITLES, params_for_reader
from lms.services import page_translation_publish
from tests.assessments.practical import bread_template, recorded

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish_course(world):
    page_translation_publish(
        page=world.course, language="es", fields={"title": "Panadería artesanal"}
    )
    return world.course


def reading_in(client, user, language) -> str:
    Profile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(reverse("notifications:list")).text


def test_a_result_names_the_course_in_the_readers_language(
    client, world, spanish_course, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    attempt = recorded(world.enrolment_a, bread_template(world.course), world.trainer_x, [True] * 3)
    with django_capture_on_commit_callbacks(execute=True):
        practical_services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x)
    notification = Notification.objects.get(recipient=world.learner_a)
    assert notification.params[PAGE_TITLES] == {"course": world.course.pk}
    assert notification.params["course"] == "Artisan Baking"  # the original's words, kept

    [email] = mail.outbox  # in the recipient's language, with the course's Spanish title
    assert "(Panadería artesanal)" in email.body
    assert "Artisan Baking" not in email.body

    spanish = reading_in(client, world.learner_a, "es")
    assert "(Panadería artesanal)" in spanish
    english = reading_in(client, world.learner_a, "en")
    assert "(Artisan Baking)" in english
    # Italian has no translation of the course: the original title.
    assert "(Artisan Baking)" in reading_in(client, world.learner_a, "it")


def test_a_notification_stored_without_page_titles_keeps_its_words(client, world, spanish_course):
    Notification.objects.create(
        recipient=world.learner_a,
        kind=assessment_notifications.ATTEMPT_RETURNED,
        params={"course": "Artisan Baking", "assessment": "Bake a batch of bread"},
    )
    assert "(Artisan Baking)" in reading_in(client, world.learner_a, "es")


def test_a_page_gone_leaves_the_stored_words():
    params = {"course": "Artisan Baking", PAGE_TITLES: {"course": 999_999}}
    assert params_for_reader([params], language="es") == [params]


def test_the_titles_cost_the_same_queries_for_one_notification_or_many(world, spanish_course):
    params = assessment_notifications.attempt_params(
        recorded(world.enrolment_a, bread_template(world.course), world.trainer_x, [True] * 3)
    )

    def queries_for(count: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            read = params_for_reader([params] * count, language="es")
        assert {p["course"] for p in read} == {"Panadería artesanal"}
        return len(captured)

    assert queries_for(1) == queries_for(25) <= 3
