"""Query budgets of the learner's pages, uncached, with small and large data: the same count
whatever the number of lessons, enrolments and completions (issue 16: pages cheap on their own).

Each page is opened once before it is counted, so that the site frame's fragments are in the
cache (lms/site_frame.py), as they are on every page but the first after a publish."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories

pytestmark = pytest.mark.django_db

# Each includes one query for the main navigation's facts (lms/nav.py: enrolled, holds a
# certificate, trains, coordinates: one query for all, once per request), which keeps links
# that lead nowhere out of the bar.
LESSON_BUDGET = 14
# The course page and "My learning" say where the learner stands in each course: 6 queries for
# the attendance, practical results, theory tests and certificate that decide it
# (certificates.dashboard), and 1 for the theory tests' step (its tests; their attempts are a
# second query only when the courses have tests: tests/assessments/test_quiz_course_step.py).
COURSE_BUDGET = 21
DASHBOARD_BUDGET = 20


def learner_in(courses: int, lessons: int):
    learner = factories.LearnerFactory()
    enrolments = []
    for _ in range(courses):
        course = factories.make_course(lessons=lessons)
        enrolment = factories.EnrolmentFactory(learner=learner, cohort__course=course)
        for lesson in list(course.lessons())[: lessons // 2]:
            factories.LessonCompletionFactory(enrolment=enrolment, lesson=lesson)
        enrolments.append(enrolment)
    return learner, enrolments


@pytest.fixture(autouse=True)
def settings_row(client):
    client.get("/")  # the first request of a site creates its settings row


def counted(client, url: str) -> int:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize(("courses", "lessons"), [(1, 3), (12, 20)])
def test_learner_pages_within_budget(client, django_assert_max_num_queries, courses, lessons):
    learner, enrolments = learner_in(courses, lessons)
    client.force_login(learner)
    course = enrolments[-1].cohort.course
    lesson = list(course.lessons())[1]
    for url, budget in (
        (lesson.url, LESSON_BUDGET),
        (course.url, COURSE_BUDGET),
        ("/learning/", DASHBOARD_BUDGET),
    ):
        client.get(url)
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_counts_do_not_grow_with_the_data(client):
    small, small_enrolments = learner_in(1, 3)
    large, large_enrolments = learner_in(10, 25)
    pages = {}
    for learner, enrolments in ((small, small_enrolments), (large, large_enrolments)):
        client.force_login(learner)
        course = enrolments[-1].cohort.course
        pages[learner.pk] = [
            counted(client, list(course.lessons())[1].url),
            counted(client, course.url),
            counted(client, "/learning/"),
        ]
    assert pages[small.pk] == pages[large.pk]


def test_the_lesson_page_looks_the_locale_up_once_besides_wagtails_routing(client):
    learner, enrolments = learner_in(1, 3)
    client.force_login(learner)
    lesson = list(enrolments[0].cohort.course.lessons())[1]
    client.get(lesson.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(lesson.url)
    sql = [query["sql"] for query in queries]
    assert sum('FROM "wagtailcore_locale"' in statement for statement in sql) <= 2
    assert sum('FROM "auth_permission"' in statement for statement in sql) == 1
    assert sum('"wagtailcore_pageviewrestriction"' in statement for statement in sql) == 1
    assert not any('FROM "lms_organisationsettings"' in statement for statement in sql)
