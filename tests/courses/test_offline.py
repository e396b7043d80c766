"""Lessons saved for offline (courses/offline.py) and "Mark as done" sent later (issue 22)."""

import uuid

import pytest
from django.urls import reverse

from courses.models import LessonCompletion
from courses.offline import course_version
from courses.services import enrolment_withdraw
from tests import factories

pytestmark = pytest.mark.django_db


def pack_url(world):
    return reverse("courses:course_offline", kwargs={"course_id": world.course.pk})


def test_a_learner_gets_the_course_and_its_published_lessons_with_their_weight(client, world):
    client.force_login(world.learner_a)
    data = client.get(pack_url(world)).json()
    lessons = list(world.course.lessons())
    assert data["pages"] == [world.course.url, *(lesson.url for lesson in lessons)]
    assert data["bytes"] > 0
    assert data["version"] == course_version(world.course)


def test_nobody_else_gets_it(client, world):
    assert client.get(pack_url(world)).status_code == 302  # to the login page
    client.force_login(world.outsider)
    assert client.get(pack_url(world)).status_code == 404


def test_the_version_changes_when_a_lesson_is_published(world):
    before = course_version(world.course)
    lesson = world.course.lessons().first()
    lesson.save_revision().publish()
    assert course_version(world.course) != before


def test_the_course_page_offers_to_save_it_only_to_its_readers(client, world):
    assert "data-offline-course" not in client.get(world.course.url).text
    client.force_login(world.learner_a)
    page = client.get(world.course.url).text
    assert "Save for offline" in page
    assert f'data-offline-url="{pack_url(world)}"' in page


def mark_done(client, lesson, key):
    return client.post(
        reverse("courses:lesson_done", kwargs={"lesson_id": lesson.pk}),
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_mark_as_done_sent_twice_has_one_effect(client, world):
    client.force_login(world.learner_a)
    lesson = world.course.lessons().first()
    key = str(uuid.uuid4())
    first = mark_done(client, lesson, key)
    assert first.status_code == 200
    assert first.json()["outcome"] == "done"
    assert not first.json()["repeated"]
    second = mark_done(client, lesson, key)
    assert second.json() == {**first.json(), "repeated": True}
    assert LessonCompletion.objects.filter(enrolment=world.enrolment_a).count() == 1


def test_mark_as_done_sent_after_a_withdrawal_is_refused_with_the_reason(client, world):
    lesson = world.course.lessons().first()
    enrolment_withdraw(enrolment=world.enrolment_a, reason="Moved away")
    client.force_login(world.learner_a)
    response = mark_done(client, lesson, str(uuid.uuid4()))
    assert response.status_code == 422
    assert response.json()["outcome"] == "refused"
    assert response.json()["message"]
    assert not LessonCompletion.objects.exists()


def test_a_key_that_is_not_a_random_uuid_is_refused(client, world):
    client.force_login(world.learner_a)
    response = mark_done(client, world.course.lessons().first(), "1234")
    assert response.status_code == 422
    assert not LessonCompletion.objects.exists()


def test_without_a_key_mark_as_done_is_the_ordinary_form(client, world):
    client.force_login(world.learner_a)
    lesson = world.course.lessons().first()
    response = client.post(reverse("courses:lesson_done", kwargs={"lesson_id": lesson.pk}))
    assert response.status_code == 302


@pytest.mark.parametrize("lessons", [3, 12])
def test_what_is_saved_costs_the_same_queries_for_a_long_course(
    client, world, lessons, django_assert_max_num_queries
):
    course = factories.make_course(title="Long course", slug="long-course", lessons=lessons)
    factories.EnrolmentFactory(
        learner=world.learner_a, cohort=factories.CohortFactory(course=course)
    )
    client.force_login(world.learner_a)
    with django_assert_max_num_queries(20):
        data = client.get(reverse("courses:course_offline", kwargs={"course_id": course.pk})).json()
    assert len(data["pages"]) == lessons + 1
