"""No cache between a write and what people see (issue 16 item 3, issue 17 items 9 and 11), and
the one cache kept: the site frame's fragments (lms/site_frame.py), per language, not per person,
new after every save that changes them."""

import pytest
from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from lms import site_frame
from lms.auth_backends import PermissionsBackend
from lms.models import OrganisationSettings, User
from tests import factories

pytestmark = pytest.mark.django_db

FRAGMENTS = ("frame_title", "frame_brand", "frame_courses", "frame_footer")


def organisation() -> OrganisationSettings:
    return OrganisationSettings.for_site(Site.objects.get(is_default_site=True))


def kept_fragments(language: str = "en") -> list:
    vary_on = [language, "testserver", site_frame.version()]
    return [cache.get(make_template_fragment_key(name, vary_on)) for name in FRAGMENTS]


def organisation_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return sum('"lms_organisationsettings"' in query["sql"] for query in queries)


# --- Issue 17, item 9: a change made outside a request is seen at once -------------------------


def test_a_person_deactivated_by_queryset_update_is_logged_out_at_the_next_request(client, world):
    client.force_login(world.learner_a)
    assert client.get("/learning/").status_code == 200
    User.objects.filter(pk=world.learner_a.pk).update(is_active=False)  # no signal sent
    response = client.get("/learning/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_a_role_removed_by_sql_hides_the_coordinators_links_at_the_next_request(client, world):
    client.force_login(world.coordinator_x)
    assert "My caseload" in client.get("/learning/").text
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM lms_user_groups WHERE user_id = %s", [world.coordinator_x.pk])
    assert "My caseload" not in client.get("/learning/").text


def test_learning_is_rendered_afresh_after_a_write_in_bulk(client, world):
    client.force_login(world.learner_a)
    assert "0 of 3 required lessons done" in client.get("/learning/").text
    completion = world.enrolment_a.lesson_completions.model
    completion.objects.bulk_create(  # no signal sent
        [
            completion(enrolment=world.enrolment_a, lesson=lesson, completed_at=timezone.now())
            for lesson in world.course.lessons()
        ]
    )
    assert "3 of 3 required lessons done" in client.get("/learning/").text


# --- Issue 17, item 11: rejected anonymous writes move nothing ---------------------------------


def test_a_rejected_anonymous_post_changes_nothing_cached(client, world):
    client.get("/")
    client.get("/")  # the settings row made by the first request moved the version once
    version = site_frame.version()
    kept = kept_fragments()
    assert all(kept)
    csrf_client = client_class_with_csrf_checks()
    for url in ("/learning/", "/accounts/login/", "/i18n/setlang/", "/accounts/logout/"):
        assert csrf_client.post(url, {"language": "es"}).status_code == 403
    assert site_frame.version() == version
    assert kept_fragments() == kept
    assert organisation_queries(client, "/") == 0  # the frame still comes from the cache


def client_class_with_csrf_checks():
    from django.test import Client

    return Client(enforce_csrf_checks=True)


# --- The site frame: new after every save that changes it, nothing personal in it --------------


def test_a_renamed_organisation_shows_on_the_next_page(client, world):
    client.force_login(world.learner_a)
    client.get("/learning/")
    client.get("/learning/")
    assert organisation_queries(client, "/learning/") == 0
    settings_row = organisation()
    settings_row.organisation_name = "Harbour Skills"
    settings_row.save()
    page = client.get("/learning/").text
    assert page.count("Harbour Skills") == 3  # the title, the navigation bar and the footer


def test_a_moved_course_index_moves_the_courses_link(client, world):
    client.get("/")
    index = factories.course_index()
    assert 'href="/courses/"' in client.get("/").text
    index.slug = "training"
    index.save_revision().publish()
    assert 'href="/training/"' in client.get("/").text


def test_the_frame_is_kept_per_language(client, world):
    client.get("/")
    assert ">Courses</a>" in client.get("/").text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert ">Cursos</a>" in client.get("/").text
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert ">Courses</a>" in client.get("/").text


def test_the_frame_holds_nothing_personal(client, world):
    client.get("/")
    client.force_login(world.coordinator_x)
    client.get("/learning/")
    kept = "".join(kept_fragments())
    assert "Courses" in kept
    for personal in ("coordinator_x", "My caseload", "Log out", "csrfmiddlewaretoken"):
        assert personal not in kept
    client.logout()
    anonymous = client.get("/").text
    assert "My caseload" not in anonymous
    assert "Log in" in anonymous


@pytest.mark.parametrize(
    "overrides",
    [
        {"CACHES": {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}},
        {"SITE_FRAME_CACHE_SECONDS": 0},
    ],
)
def test_without_a_cache_the_frame_is_rendered_on_every_page(client, world, overrides):
    with override_settings(**overrides):
        client.get("/")
        OrganisationSettings.objects.update(organisation_name="Harbour Skills")  # no signal
        assert organisation_queries(client, "/") == 1
        assert client.get("/").text.count("Harbour Skills") == 3


# --- Cheaper, same answers ---------------------------------------------------------------------


def test_permissions_read_in_one_query_give_django_s_answer(world):
    factories.LearnerFactory(username="no_role").groups.clear()
    for user in User.objects.all():
        expected = ModelBackend().get_all_permissions(User.objects.get(pk=user.pk))
        fresh = User.objects.get(pk=user.pk)
        with CaptureQueriesContext(connection) as queries:
            found = PermissionsBackend().get_all_permissions(fresh)
            PermissionsBackend().get_all_permissions(fresh)
        assert found == expected, user.username
        assert len(queries) <= 1 or fresh.is_superuser


def test_a_view_restriction_on_an_ancestor_still_applies(client, world):
    lesson = next(iter(world.course.lessons()))
    PageViewRestriction.objects.create(
        page=factories.course_index(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/login/?next={lesson.url}")
    client.force_login(world.learner_a)
    assert client.get(lesson.url).status_code == 200


def test_a_view_restriction_on_an_aliased_page_applies_to_its_alias(client, world):
    other = factories.make_course(title="Organic Farming", slug="organic-farming", lessons=0)
    alias = world.course.create_alias(parent=other, update_slug="baking-alias")
    PageViewRestriction.objects.create(
        page=world.course, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert list(alias.get_view_restrictions()) == list(
        PageViewRestriction.objects.filter(page=world.course)
    )
