"""Each course card on "My learning" and the course page: one status and one next step, as the
learner sees them through the test client."""

import re

import pytest
from django.urls import reverse

from certificates.services import certificate_revoke
from courses.models import Enrolment
from tests import factories

pytestmark = pytest.mark.django_db


def card(html: str, title: str) -> str:
    """The card of one course on the dashboard."""
    match = re.search(
        rf"<article[^>]*>(?:(?!</article>).)*{title}(?:(?!</article>).)*</article>", html, re.S
    )
    assert match, f"no card for {title}"
    return match.group(0)


def buttons(html: str) -> list[str]:
    return [
        re.sub(r"<[^>]+>|\s+", " ", b).strip()
        for b in re.findall(r'<a class="btn[^"]*"[^>]*>(.*?)</a>', html, re.S)
    ]


@pytest.fixture
def farming(world):
    course = factories.make_certifiable_course(title="Organic Farming", lessons=2)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    return factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)


def dashboard(client, world) -> str:
    client.force_login(world.learner_a)
    return client.get("/learning/").text


def test_a_course_not_started_offers_start_at_the_first_lesson(client, world):
    first = next(iter(world.course.lessons()))
    html = card(dashboard(client, world), "Artisan Baking")
    assert "Not started" in html
    assert buttons(html) == [f"Start : {first.title}"]
    assert f'href="{first.url}"' in html


def test_continue_points_at_the_next_lesson_not_done(client, world):
    first, second, third = world.course.lessons()
    factories.LessonCompletionFactory(enrolment=world.enrolment_a, lesson=first)
    factories.LessonCompletionFactory(enrolment=world.enrolment_a, lesson=third)
    html = card(dashboard(client, world), "Artisan Baking")
    assert "In progress" in html
    assert buttons(html) == [f"Continue : {second.title}"]


def test_waiting_for_certification_has_no_start_or_continue(client, world, farming):
    factories.complete_required_lessons(farming)
    html = card(dashboard(client, world), "Organic Farming")
    assert "Waiting for certification" in html
    assert "Your coordinator will certify you" in html
    assert buttons(html) == []
    assert "Start" not in html
    assert "Continue" not in html


def test_certificate_ready_offers_the_download(client, world, farming):
    factories.complete_required_lessons(farming)
    certificate = factories.certificate_issue_now(farming, by=world.coordinator_x)
    html = card(dashboard(client, world), "Organic Farming")
    assert "Certificate ready" in html
    assert buttons(html) == ["Download certificate (PDF) : Organic Farming"]
    assert f'href="{reverse("certificates:download", args=[certificate.pk])}"' in html


def test_the_mentor_card_completed_0_of_7_start_cannot_happen(client, world):
    """A course completed (and certified) before its lessons were on the site."""
    course = factories.make_certifiable_course(title="Mentor Training", lessons=7)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(
        cohort=cohort, learner=world.learner_a, status=Enrolment.Status.COMPLETED
    )
    html = card(dashboard(client, world), "Mentor Training")
    assert "Finished" in html
    assert "0 of 7" not in html
    assert buttons(html) == []
    factories.complete_required_lessons(enrolment)  # so that it can be certified
    Enrolment.objects.filter(pk=enrolment.pk).update(status=Enrolment.Status.ACTIVE)
    factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    enrolment.lesson_completions.all().delete()
    html = card(dashboard(client, world), "Mentor Training")
    assert "Certificate ready" in html
    assert "Start" not in html
    assert "Continue" not in html


def test_revoked_says_the_reason(client, world, farming):
    factories.complete_required_lessons(farming)
    certificate = factories.certificate_issue_now(farming, by=world.coordinator_x)
    certificate_revoke(
        certificate=certificate, reason="Issued to the wrong cohort.", by=world.coordinator_x
    )
    html = card(dashboard(client, world), "Organic Farming")
    assert "Not certified" in html
    assert "Issued to the wrong cohort." in html
    assert buttons(html) == ["My certificates"]


def test_what_is_missing_in_plain_words(client, world):
    course = factories.make_certifiable_course(title="Retail", lessons=1, attendance_required=True)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    factories.complete_required_lessons(enrolment)
    html = card(dashboard(client, world), "Retail")
    assert "All lessons done" in html
    assert "No sessions are recorded for your group yet." in html
    assert "Start" not in html
    assert "Continue" not in html


def test_the_course_page_shows_the_same_status(client, world, farming):
    factories.complete_required_lessons(farming)
    client.force_login(world.learner_a)
    html = client.get(farming.cohort.course.url).text
    assert "Waiting for certification" in html
    client.force_login(world.learner_b)
    html = client.get(world.course.url).text
    assert "Not started" in html
    client.force_login(world.coordinator_x)
    assert "Waiting for certification" not in client.get(farming.cohort.course.url).text


@pytest.mark.parametrize("courses", [1, 6])
def test_dashboard_status_queries_do_not_grow(client, django_assert_max_num_queries, courses):
    learner = factories.LearnerFactory()
    coordinator = factories.CoordinatorFactory()
    for number in range(courses):
        course = factories.make_certifiable_course(title=f"Course {number}", lessons=3)
        cohort = factories.CohortFactory(course=course, coordinators=[coordinator])
        enrolment = factories.EnrolmentFactory(cohort=cohort, learner=learner)
        factories.make_template(course=course, required_for_certification=False)
        factories.complete_required_lessons(enrolment)
        if number % 2:
            factories.certificate_issue_now(enrolment, by=coordinator)
    client.force_login(learner)
    client.get("/")
    client.get("/learning/")
    # Two more than before theory tests: their results, in one query (quizzes.selectors), and
    # their step on the card (its tests; no attempts query when there are none).
    with django_assert_max_num_queries(20):
        response = client.get("/learning/")
    assert response.text.count("course-status ") == courses
