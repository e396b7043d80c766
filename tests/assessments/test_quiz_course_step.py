"""The theory test as a step of the learner's course card ("My learning") and course page: its
name, where the learner stands (as the quiz selectors decide it), the attempts used and the way
to take it; the queries do not grow with courses or attempts."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lms.formats import medium_date, medium_datetime
from tests import factories
from tests.assessments.quizzes import make_quiz, taken

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz(world):
    return make_quiz(world.course, questions=10, max_attempts=3, cooldown_hours=24)


def _pages(client, world):
    client.force_login(world.learner_a)
    return client.get("/learning/").text, client.get(world.course.url).text


def test_not_started_then_failed_then_retake_then_passed(client, world, quiz):
    start_url = reverse("quizzes:start", args=[world.enrolment_a.pk, quiz.pk])
    for page in _pages(client, world):
        assert "Theory test: Food hygiene theory" in page
        assert "Not started" in page
        assert "0 of 3 attempts used" in page
        assert f'action="{start_url}"' in page
        assert "Start the test" in page
    failed = taken(world.enrolment_a, quiz, right=6)
    retake = failed.submitted_at + datetime.timedelta(hours=24)
    for page in _pages(client, world):
        assert "Not passed yet</span>" in page
        assert f"<br>You can take it again from {medium_datetime(retake)}." in page
        assert "<br>1 of 3 attempts used" in page
        assert f'action="{start_url}"' not in page
        # The way to what went wrong, while the learner waits.
        assert f'href="{reverse("quizzes:result", args=[failed.pk])}">See your last result' in page
    with time_machine.travel(retake):
        for page in _pages(client, world):
            assert "Take the test again" in page
            assert f'action="{start_url}"' in page
        passed = taken(world.enrolment_a, quiz, right=7)
        for page in _pages(client, world):
            assert f"Passed on {medium_date(timezone.localdate(passed.submitted_at))}" in page
            assert "2 of 3 attempts used" in page
            assert f'action="{start_url}"' not in page


def test_a_course_without_a_certificate_is_finished_only_once_its_test_is_passed(
    client, world, quiz
):
    from courses.models import CoursePage

    CoursePage.objects.filter(pk=world.course.pk).update(awards_certificate=False)
    factories.complete_required_lessons(world.enrolment_a)
    failed = taken(world.enrolment_a, quiz, right=6)
    client.force_login(world.learner_a)
    card = client.get("/learning/").text
    assert "All lessons done" in card
    assert "Still needed to finish this course:" in card
    assert "Theory test “Food hygiene theory”: not passed yet (1 of 3 attempts used)." in card
    assert "You have finished this course" not in card
    assert "Download my learning record (PDF)" not in card

    with time_machine.travel(failed.submitted_at + datetime.timedelta(hours=24)):
        taken(world.enrolment_a, quiz, right=7)
        client.force_login(world.learner_a)  # a day later: logged out for being idle
        card = client.get("/learning/").text
    assert "You have finished this course. It does not award a certificate" in card
    assert "Still needed" not in card
    assert reverse("certificates:learning_record") in card  # where it says it is


def test_an_attempt_in_progress_links_to_it(client, world, quiz):
    from assessments.quizzes import services

    attempt = services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    for page in _pages(client, world):
        assert "In progress" in page
        assert reverse("quizzes:attempt", args=[attempt.pk]) in page


def test_no_step_without_tests_or_after_leaving(client, world, quiz):
    client.force_login(world.learner_b)
    world.enrolment_b.status = "withdrawn"
    world.enrolment_b.withdrawn_on = timezone.localdate()
    world.enrolment_b.withdrawal_reason = "Moved away."
    world.enrolment_b.save()
    assert "Theory test:" not in client.get("/learning/").text
    other = factories.make_course(title="Organic Farming", slug="organic-farming", lessons=1)
    factories.EnrolmentFactory(learner=world.learner_b, cohort__course=other)
    assert "Theory test:" not in client.get(other.url).text


def _counted(client, url):
    client.get(url)  # the site frame, then kept in the cache (lms/site_frame.py)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.text


@pytest.mark.parametrize("courses", [1, 5])
def test_queries_do_not_grow_with_courses_and_attempts(client, courses):
    learner = factories.LearnerFactory()
    for number in range(courses):
        course = factories.make_course(title=f"Course {number}", lessons=2)
        enrolment = factories.EnrolmentFactory(cohort__course=course, learner=learner)
        quiz = make_quiz(course, questions=2, max_attempts=3, name=f"Test {number}")
        taken(enrolment, quiz, right=number % 3)
    client.force_login(learner)
    client.get("/")
    # As test_page_queries.DASHBOARD_BUDGET and COURSE_BUDGET with 2 for the theory tests'
    # cards (tests, attempts), whatever the number of courses, tests and attempts.
    count, page = _counted(client, "/learning/")
    assert page.count('class="quiz-step ') == courses
    assert count <= 21
    count, page = _counted(client, course.url)
    assert page.count('class="quiz-step ') == 1
    assert count <= 22
