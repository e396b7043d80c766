"""The learner's journey: dashboard, course page, lesson access, mark as done."""

import pytest
from django.urls import reverse

from courses.models import Enrolment, LessonCompletion
from tests import factories

pytestmark = pytest.mark.django_db


def lessons(world):
    return list(world.course.lessons())


def test_dashboard_requires_login(client):
    response = client.get("/learning/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_login_with_password_then_dashboard(client, world):
    response = client.post(
        "/accounts/login/",
        {"username": "learner_a", "password": factories.PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == "/learning/"
    response = client.get("/learning/")
    assert "Artisan Baking" in response.text
    assert "0 of 3 required lessons done (0%)" in response.text


def test_dashboard_shows_only_my_enrolments(client, world):
    other_course = factories.make_course(title="Organic Farming", slug="organic-farming")
    factories.EnrolmentFactory(learner=world.learner_b, cohort__course=other_course)
    client.force_login(world.learner_a)
    response = client.get("/learning/")
    assert "Artisan Baking" in response.text
    assert "Organic Farming" not in response.text


def test_withdrawn_enrolment_says_so_with_nothing_to_start(client, world):
    world.enrolment_a.status = Enrolment.Status.WITHDRAWN
    world.enrolment_a.withdrawn_on = world.enrolment_a.enrolled_on
    world.enrolment_a.withdrawal_reason = "Moved away"
    world.enrolment_a.save()
    client.force_login(world.learner_a)
    response = client.get("/learning/")
    assert "Artisan Baking" in response.text
    assert "Withdrawn" in response.text
    assert "You left this course on" in response.text
    assert "Moved away" not in response.text
    assert ">Start<" not in response.text.replace("\n", "")
    assert "Continue" not in response.text


def test_mark_as_done_changes_progress_and_continue_link(client, world):
    first, second, _third = lessons(world)
    client.force_login(world.learner_a)
    response = client.get("/learning/")
    assert f'href="{first.url}"' in response.text

    response = client.post(reverse("courses:lesson_done", args=[first.pk]))
    assert response.status_code == 302
    response = client.get("/learning/")
    assert "1 of 3 required lessons done (33%)" in response.text
    assert f'href="{second.url}"' in response.text


def test_mark_as_done_twice_keeps_one_completion(client, world):
    first = lessons(world)[0]
    client.force_login(world.learner_a)
    url = reverse("courses:lesson_done", args=[first.pk])
    client.post(url)
    completed_at = LessonCompletion.objects.get().completed_at
    client.post(url)
    assert LessonCompletion.objects.count() == 1
    assert LessonCompletion.objects.get().completed_at == completed_at


def test_mark_as_done_and_continue_goes_to_next_lesson(client, world):
    first, second, _third = lessons(world)
    client.force_login(world.learner_a)
    response = client.post(reverse("courses:lesson_done", args=[first.pk]), {"continue": "1"})
    assert response["Location"] == second.url


def test_mark_as_done_needs_post_and_csrf(world):
    from django.test import Client

    first = lessons(world)[0]
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.learner_a)
    url = reverse("courses:lesson_done", args=[first.pk])
    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403
    assert not LessonCompletion.objects.exists()


def test_mark_as_done_refused_when_not_enrolled(client, world):
    first = lessons(world)[0]
    client.force_login(world.outsider)
    response = client.post(reverse("courses:lesson_done", args=[first.pk]), follow=True)
    assert "You are not enrolled in a cohort of this course." in response.text
    assert not LessonCompletion.objects.exists()


def test_optional_lesson_does_not_change_required_progress(client, world):
    optional = factories.LessonPageFactory(parent=world.course, required_for_completion=False)
    client.force_login(world.learner_a)
    client.post(reverse("courses:lesson_done", args=[optional.pk]))
    response = client.get("/learning/")
    assert "0 of 3 required lessons done (0%)" in response.text


def test_course_page_ticks_done_lessons(client, world):
    first = lessons(world)[0]
    client.force_login(world.learner_a)
    client.post(reverse("courses:lesson_done", args=[first.pk]))
    response = client.get(world.course.url)
    assert response.text.count("✓ Done") == 1
    assert "1 of 3 required lessons done" in response.text


BODY_TEXT = "Knead the dough for ten minutes"


@pytest.fixture
def lesson_with_body(world):
    lesson = lessons(world)[0]
    lesson.body = [("paragraph", f"<p>{BODY_TEXT}</p>")]
    lesson.save_revision().publish()
    return lesson


@pytest.mark.parametrize(
    ("persona", "sees_body"),
    [
        ("learner_a", True),
        ("learner_b", True),  # enrolled in another cohort of the same course
        ("trainer_x", True),
        ("coordinator_x", True),
        ("superuser", True),
        ("outsider", False),
    ],
)
def test_lesson_body_visibility(client, world, lesson_with_body, persona, sees_body):
    client.force_login(getattr(world, persona))
    response = client.get(lesson_with_body.url)
    assert response.status_code == 200
    assert (BODY_TEXT in response.text) is sees_body
    if not sees_body:
        assert world.course.summary in response.text


def test_lesson_body_hidden_from_anonymous(client, world, lesson_with_body):
    response = client.get(lesson_with_body.url)
    assert response.status_code == 200
    assert BODY_TEXT not in response.text
    assert "to read this lesson" in response.text


def test_lesson_body_hidden_from_staff_of_another_course(client, world, lesson_with_body):
    other_trainer = factories.TrainerFactory()
    other_coordinator = factories.CoordinatorFactory()
    factories.CohortFactory(trainers=[other_trainer], coordinators=[other_coordinator])
    for user in (other_trainer, other_coordinator):
        client.force_login(user)
        assert BODY_TEXT not in client.get(lesson_with_body.url).text


def test_lesson_body_hidden_after_withdrawal(client, world, lesson_with_body):
    from courses.services import enrolment_withdraw

    enrolment_withdraw(enrolment=world.enrolment_a, reason="Found a job")
    client.force_login(world.learner_a)
    assert BODY_TEXT not in client.get(lesson_with_body.url).text


def test_lesson_has_previous_and_next(client, world):
    first, second, third = lessons(world)
    client.force_login(world.learner_a)
    response = client.get(second.url)
    assert f'href="{first.url}" rel="prev"' in response.text
    assert f'href="{third.url}" rel="next"' in response.text
    assert "Lesson 2 of 3" in response.text


def test_last_lesson_leads_somewhere(client, world):
    # No dead end after the last lesson: the learner goes back to "My learning", a visitor who
    # may not read it to the course page.
    _first, _second, third = lessons(world)
    client.force_login(world.learner_a)
    page = client.get(third.url).text
    assert 'rel="next"' not in page
    assert f'href="{reverse("courses:dashboard")}">My learning →' in page
    client.force_login(world.outsider)
    page = client.get(third.url).text
    assert f'href="{third.get_parent().url}">' in page


@pytest.mark.parametrize("enrolment_count", [1, 20])
def test_dashboard_query_budget(client, django_assert_max_num_queries, enrolment_count):
    learner = factories.LearnerFactory()
    for _ in range(enrolment_count):
        course = factories.make_course(lessons=10)
        enrolment = factories.EnrolmentFactory(learner=learner, cohort__course=course)
        for lesson in list(course.lessons())[:4]:
            factories.LessonCompletionFactory(enrolment=enrolment, lesson=lesson)
    client.force_login(learner)
    client.get("/")  # the first request of a site creates its settings row
    client.get("/learning/")  # and the next keeps the site frame in the cache (lms/site_frame.py)
    # The site frame is kept in the cache (lms/site_frame.py); one query finds the reader's
    # locale (course titles in their language), 2 are for the "Become a mentor" card
    # (mentors.dashboard), 1 for the navigation's facts (lms/nav.py), 6 for each course's status
    # (certificates.selectors.course_statuses: attendance 2, practical assessments 2, theory
    # tests 1, certificates 1), 1 for the theory tests' step (its tests: none here).
    # tests/courses/test_page_queries.py has the others.
    with django_assert_max_num_queries(20):
        response = client.get("/learning/")
    assert response.text.count("4 of 10 required lessons done (40%)") == enrolment_count
