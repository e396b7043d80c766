"""The per-person page cache (lms/page_cache.py) on "My learning": what is served from the cache,
and every way a change reaches the page."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from assessments.attendance.services import RollCallEntry, roll_call_save
from assessments.models import AttendanceRisk
from courses import services as course_services
from courses.models import LessonCompletion
from lms import page_cache
from tests import factories

pytestmark = pytest.mark.django_db

DASHBOARD = "/learning/"
DAY = datetime.timedelta(days=1)


def queries(client, url=DASHBOARD):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return response, len(captured)


@pytest.fixture
def learner_client(client, world):
    client.force_login(world.learner_a)
    client.get("/")  # CSRF cookie, session touch
    return client


def test_second_visit_is_served_from_the_cache(learner_client):
    first, fresh = queries(learner_client)
    second, cached = queries(learner_client)
    assert second.content == first.content
    assert fresh >= 8
    assert cached <= 2  # the session and the user, nothing else
    assert "no-store" in second["Cache-Control"]


def test_marking_a_lesson_done_shows_at_once(learner_client, world):
    lesson = world.course.lessons().first()
    assert "0 of 3 required lessons done" in queries(learner_client)[0].text
    learner_client.post(reverse("courses:lesson_done", args=[lesson.pk]))
    page = learner_client.get(DASHBOARD).text
    assert "1 of 3 required lessons done" in page


def test_a_change_made_outside_any_request_shows(learner_client, world):
    """A management command, a task or the shell: the model signal moves the version on."""
    assert "0 of 3 required lessons done" in queries(learner_client)[0].text
    lesson = world.course.lessons().first()
    course_services.lesson_complete(enrolment=world.enrolment_a, lesson=lesson)
    assert LessonCompletion.objects.filter(enrolment=world.enrolment_a).count() == 1
    assert "1 of 3 required lessons done" in learner_client.get(DASHBOARD).text


@pytest.fixture
def roll_call_not_taken(world):
    """Ten sessions of cohort X, from the day before yesterday on, at 90%. Learner A missed the
    first (its roll call taken yesterday): at best 9 of 10, on track. Yesterday's session was
    held but its roll call never taken: from today on it counts as missed too, at best 8 of 10,
    at risk, which only the nightly refresh notices (nobody writes anything today)."""
    today = timezone.localdate()
    sessions = [
        factories.SessionFactory(cohort=world.cohort_x, date=today + (i - 2) * DAY)
        for i in range(10)
    ]
    roll_call_save(
        session=sessions[0],
        entries=[RollCallEntry(world.enrolment_a.pk, "absent")],
        by=world.trainer_x,
        today=today - DAY,
    )
    assert not AttendanceRisk.objects.filter(at_risk=True).exists()


def nightly_risk_refresh(django_capture_on_commit_callbacks):
    """`manage.py attendance_risks_refresh` as cron runs it: outside any request, each cohort's
    transaction committed (the coordinators' email is queued for a worker, which runs later)."""
    with django_capture_on_commit_callbacks(execute=True):
        call_command("attendance_risks_refresh", stdout=io.StringIO())


@pytest.fixture
def tasks_wait_for_a_worker(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def test_the_nightly_risk_refresh_shows_at_once(
    learner_client, roll_call_not_taken, tasks_wait_for_a_worker, django_capture_on_commit_callbacks
):
    """The refresh writes the risks with update() and bulk_create(), which send no signal: it
    moves the version on itself, and the learner's next visit shows the warning."""
    assert "is at risk" not in queries(learner_client)[0].text
    assert queries(learner_client)[1] <= 2  # served from the cache
    nightly_risk_refresh(django_capture_on_commit_callbacks)
    assert AttendanceRisk.objects.get(enrolment__learner__username="learner_a").at_risk
    page = learner_client.get(DASHBOARD).text
    assert "your attendance in Artisan Baking is at risk" in page
    assert "at most 80%" in page


def test_a_risk_refresh_that_changes_nothing_keeps_the_pages(
    learner_client, roll_call_not_taken, tasks_wait_for_a_worker, django_capture_on_commit_callbacks
):
    nightly_risk_refresh(django_capture_on_commit_callbacks)  # learner A at risk
    page = queries(learner_client)[0].text
    version = page_cache.version()
    nightly_risk_refresh(django_capture_on_commit_callbacks)
    assert page_cache.version() == version
    cached, count = queries(learner_client)
    assert count <= 2
    assert cached.content.decode() == page


def test_another_persons_write_shows_too(client, world, learner_client):
    queries(learner_client)
    other = factories.LessonCompletionFactory(
        enrolment=world.enrolment_a, lesson=world.course.lessons().last()
    )
    assert other.pk
    assert "1 of 3 required lessons done" in learner_client.get(DASHBOARD).text


def test_each_person_gets_their_own_page(client, world):
    factories.make_course(title="Organic Farming", slug="organic-farming")
    client.force_login(world.learner_a)
    client.get("/")
    assert "Artisan Baking" in client.get(DASHBOARD).text
    client.force_login(world.learner_b)
    client.get("/")
    page = client.get(DASHBOARD).text
    assert "Artisan Baking" in page  # B's own cohort Y of the same course
    assert "Y · " in page
    assert "X · " not in page


def test_a_new_day_renders_afresh(client, world):
    late = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59))
    )
    with time_machine.travel(late, tick=False):
        client.force_login(world.learner_a)
        client.get("/")
        queries(client)
        assert queries(client)[1] <= 2
    with time_machine.travel(late + datetime.timedelta(minutes=2), tick=False):
        assert queries(client)[1] >= 8


def test_waiting_messages_are_shown_not_swallowed(learner_client, world):
    queries(learner_client)  # cached
    lesson = world.course.lessons().first()
    learner_client.post(reverse("courses:lesson_done", args=[lesson.pk]))
    page = learner_client.get(DASHBOARD)
    assert f"“{lesson.title}” is marked as done." in page.text
    assert "is marked as done" not in learner_client.get(DASHBOARD).text  # shown once


def test_a_new_csrf_secret_renders_afresh(learner_client):
    queries(learner_client)
    learner_client.cookies.pop("csrftoken")
    _, count = queries(learner_client)
    assert count >= 8


def test_turned_off(settings, learner_client):
    settings.PAGE_CACHE_SECONDS = 0
    queries(learner_client)
    _, count = queries(learner_client)
    assert count >= 8


def test_the_version_survives_the_cache_forgetting_it():
    from django.core.cache import cache

    before = page_cache.version()
    cache.delete(page_cache.VERSION_KEY)
    page_cache.bump()
    after = page_cache.version()
    assert after != before
    page_cache.bump()
    assert page_cache.version() == after + 1


def test_a_language_remembered_outside_a_request_moves_the_version_on(world):
    from lms.services import profile_set_language

    version = page_cache.version()
    profile_set_language(user=world.learner_a, language="it")
    assert page_cache.version() > version


def test_changed_moves_the_version_on_now_and_again_after_the_commit(
    django_capture_on_commit_callbacks,
):
    """A page rendered between the write and its commit shows the old data: the second move
    keeps it from being served."""
    first = page_cache.version()
    with django_capture_on_commit_callbacks(execute=True):
        page_cache.changed()
        assert page_cache.version() == first + 1
    assert page_cache.version() == first + 2


# --- The logged-in person, read from the cache (CachedUserBackend) ------------------------------


@pytest.fixture
def person_cached(settings):
    settings.USER_CACHE_SECONDS = 600


def test_the_person_is_read_from_the_cache_on_the_next_request(learner_client, person_cached):
    queries(learner_client)  # renders and keeps the page and the person
    _page, cached = queries(learner_client)
    assert cached <= 1  # the session at most; the person and the page from the cache


def test_without_the_cache_the_person_is_read_from_the_database(learner_client, settings):
    settings.USER_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as captured:
        learner_client.get("/")
        learner_client.get("/")
    assert sum('FROM "lms_user"' in q["sql"] for q in captured.captured_queries) == 2


def test_a_deactivated_account_is_logged_out_at_once(learner_client, world, person_cached):
    queries(learner_client)
    world.learner_a.is_active = False
    world.learner_a.save()
    response = learner_client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_new_password_ends_the_other_sessions(learner_client, world, person_cached):
    queries(learner_client)
    world.learner_a.set_password("a-new-long-passphrase")
    world.learner_a.save()
    assert learner_client.get(DASHBOARD).status_code == 302


def test_a_new_group_gives_its_permissions_at_once(client, world, person_cached):
    from django.contrib.auth.models import Group, Permission

    person = world.learner_a
    client.force_login(person)
    assert client.get("/indicators/").status_code in (302, 403, 404)
    group = Group.objects.create(name="Report readers")
    group.permissions.add(Permission.objects.get(codename="change_cohort"))
    person.groups.add(group)  # m2m_changed: the version moves on
    assert client.get("/indicators/").status_code == 200


def test_the_cached_person_is_the_row_as_it_was_when_read(learner_client, world, person_cached):
    """Kept with the version it was read at, and read again once the version moves on."""
    queries(learner_client)
    key = f"page-cache:user:{world.learner_a.pk}"
    from django.core.cache import cache

    version, person = cache.get(key)
    assert version == page_cache.version()
    assert person.pk == world.learner_a.pk
    page_cache.bump()
    learner_client.get(DASHBOARD)
    assert cache.get(key)[0] == page_cache.version()


# --- The site, its settings and the course index's URL (SiteFrameMiddleware) -------------------


@pytest.fixture
def site_cached(settings):
    settings.SITE_CACHE_SECONDS = 600


def frame_queries(captured) -> int:
    return sum(
        table in q["sql"]
        for q in captured.captured_queries
        for table in ('FROM "wagtailcore_site"', 'FROM "lms_organisationsettings"')
    )


def test_the_site_and_its_settings_are_read_from_the_cache_on_the_next_request(
    learner_client, site_cached
):
    learner_client.get(DASHBOARD)
    with CaptureQueriesContext(connection) as captured:
        response = learner_client.get(reverse("profile"))
    assert response.status_code == 200
    assert frame_queries(captured) == 0
    assert not any("courses_courseindexpage" in q["sql"] for q in captured.captured_queries)


def test_a_changed_organisation_name_shows_at_once(learner_client, site_cached):
    from wagtail.models import Site

    from lms.models import OrganisationSettings

    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.organisation_name = "Before Bakery"
    organisation.save()
    assert "Before Bakery" in learner_client.get(reverse("profile")).content.decode()
    organisation.organisation_name = "After Bakery"
    organisation.save()
    content = learner_client.get(reverse("profile")).content.decode()
    assert "After Bakery" in content
    assert "Before Bakery" not in content


def test_a_moved_course_index_shows_at_once(learner_client, world, site_cached):
    from courses.models import CourseIndexPage

    learner_client.get(reverse("profile"))
    index = CourseIndexPage.objects.live().first()
    index.slug = "trainings"
    index.save_revision().publish()
    assert 'href="/trainings/"' in learner_client.get(reverse("profile")).content.decode()
