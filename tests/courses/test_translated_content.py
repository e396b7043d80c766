"""Course content in the learner's language: the translation where a live one exists, else
the original; progress and access always go through the original pages."""

import pytest
from django.conf import settings
from wagtail.rich_text import RichText

from courses.models import LessonCompletion
from lms.models import Profile
from lms.services import page_translation_publish
from tests import factories

pytestmark = pytest.mark.django_db

SPANISH_BODY = "Mezcle la harina con el agua y deje reposar la masa veinte minutos."


@pytest.fixture
def spanish(world):
    """Artisan Baking and its first lesson in Spanish; the other lessons are not translated."""
    course = world.course
    lessons = list(course.lessons())
    page_translation_publish(
        page=course,
        language="es",
        fields={"title": "Panadería artesanal", "summary": "Pan de masa madre para vender."},
    )
    lesson = page_translation_publish(
        page=lessons[0],
        language="es",
        fields={
            "title": "Mezclar la masa",
            "body": [("paragraph", RichText(f"<p>{SPANISH_BODY}</p>"))],
        },
    )
    return lessons, lesson


def _reading_in(client, user, language):
    Profile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_learner_reading_spanish_sees_the_course_in_spanish(client, world, spanish):
    lessons, _lesson = spanish
    client = _reading_in(client, world.learner_a, "es")

    page = client.get(world.course.url)
    assert page.status_code == 200
    assert "<h1>Panadería artesanal</h1>" in page.text
    assert "Pan de masa madre para vender." in page.text
    assert "Mezclar la masa" in page.text
    assert lessons[1].title in page.text  # not translated: the original title

    lesson = client.get(lessons[0].url)
    assert "<h1>Mezclar la masa</h1>" in lesson.text
    assert SPANISH_BODY in lesson.text

    dashboard = client.get("/learning/")
    assert "Panadería artesanal" in dashboard.text
    assert "Mezclar la masa" in dashboard.text  # the lesson to start with


def test_spanish_dashboard_names_the_translated_course_to_screen_readers(client, world, spanish):
    # "My attendance" carries the course's name for screen readers, as the card's title does.
    client = _reading_in(client, world.learner_a, "es")
    dashboard = client.get("/learning/").text
    assert '<span class="visually-hidden">: Panadería artesanal</span>' in dashboard
    assert f'<span class="visually-hidden">: {world.course.title}</span>' not in dashboard
    # The course page draws the same card from the course as the reader reads it.
    assert client.get(world.course.url).context["entry"].course.title == "Panadería artesanal"


def test_english_reader_sees_the_original(client, world, spanish):
    client = _reading_in(client, world.learner_a, "en")
    page = client.get(world.course.url)
    assert "<h1>Artisan Baking</h1>" in page.text
    assert "Panadería" not in page.text


def test_untranslated_course_falls_back_to_the_original(client, world, spanish):
    other = factories.make_course(title="Market Gardening", slug="market-gardening", lessons=2)
    factories.EnrolmentFactory(learner=world.learner_a, cohort__course=other)
    client = _reading_in(client, world.learner_a, "es")

    page = client.get(other.url)
    assert page.status_code == 200
    assert "<h1>Market Gardening</h1>" in page.text
    assert client.get(next(iter(other.lessons())).url).status_code == 200

    index = client.get(world.course.get_parent().url)
    assert "Panadería artesanal" in index.text
    assert "Market Gardening" in index.text
    assert "Artisan Baking" not in index.text

    dashboard = client.get("/learning/")
    assert "Panadería artesanal" in dashboard.text
    assert "Market Gardening" in dashboard.text


def test_marking_a_translated_lesson_done_records_the_original(client, world, spanish):
    lessons, translated = spanish
    client = _reading_in(client, world.learner_a, "es")

    page = client.get(lessons[0].url)
    assert f'action="/learning/lessons/{lessons[0].pk}/done/"' in page.text
    # Even the translation's own id records against the original lesson.
    response = client.post(f"/learning/lessons/{translated.pk}/done/")

    assert response.status_code == 302
    done = LessonCompletion.objects.get(enrolment=world.enrolment_a)
    assert done.lesson_id == lessons[0].pk
    # Done: the page no longer offers to mark it.
    assert f"/learning/lessons/{lessons[0].pk}/done/" not in client.get(lessons[0].url).text


def test_translated_lesson_is_closed_to_those_not_enrolled(client, world, spanish):
    lessons, translated = spanish
    client = _reading_in(client, world.outsider, "es")

    page = client.get(lessons[0].url)
    assert page.status_code == 200
    assert "Mezclar la masa" in page.text
    assert SPANISH_BODY not in page.text

    response = client.post(f"/learning/lessons/{translated.pk}/done/")
    assert response.status_code == 302
    assert not LessonCompletion.objects.exists()


def test_draft_translation_is_not_shown(client, world, spanish):
    lessons, translated = spanish
    translated.unpublish()
    client = _reading_in(client, world.learner_a, "es")
    page = client.get(lessons[0].url)
    assert page.status_code == 200
    assert f"<h1>{lessons[0].title}</h1>" in page.text


@pytest.mark.parametrize("enrolment_count", [1, 8])
def test_spanish_dashboard_query_budget(client, django_assert_max_num_queries, enrolment_count):
    learner = factories.LearnerFactory()
    for number in range(enrolment_count):
        course = factories.make_course(lessons=4)
        factories.EnrolmentFactory(learner=learner, cohort__course=course)
        page_translation_publish(page=course, language="es", fields={"title": f"Curso {number}"})
        page_translation_publish(
            page=next(iter(course.lessons())), language="es", fields={"title": f"Lección {number}"}
        )
    client = _reading_in(client, learner, "es")
    client.get("/")
    client.get("/learning/")  # the site frame, kept in the cache (lms/site_frame.py)
    # The English budget (20, with the "Become a mentor" card, the navigation's facts and each
    # course's status, theory tests included) and two queries more: the translations of courses
    # and of lessons.
    with django_assert_max_num_queries(22):
        response = client.get("/learning/")
    assert response.text.count("Lección") == 2 * enrolment_count


def test_learners_own_attendance_and_results_name_the_course_in_their_language(
    client, world, spanish, practical
):
    from django.urls import reverse

    client = _reading_in(client, world.learner_a, "es")
    for url in (
        reverse("attendance:mine"),
        reverse("attendance:mine_detail", args=[world.enrolment_a.pk]),
        reverse("assessments:results"),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "Panadería artesanal" in page.text, url
        assert "Artisan Baking" not in page.text, url

    client = _reading_in(client, world.learner_a, "it")  # no Italian translation: the original
    assert "Artisan Baking" in client.get(reverse("attendance:mine")).text
