"""The benchmark's bare view (`make bench`, docs/performance.md) exists only when switched on."""

import pytest
from django.urls import NoReverseMatch, reverse

from lms.views import bench_bare


@pytest.mark.django_db  # the path falls through to Wagtail's page serving
def test_the_bare_view_is_not_mounted_unless_switched_on(client, settings):
    assert settings.BENCH_BARE_VIEW is False
    with pytest.raises(NoReverseMatch):
        reverse("bench_bare")
    assert client.get("/bench/bare/").status_code == 404


def test_the_bare_view_answers_without_the_database(rf):
    # No django_db mark: a query here would fail the test.
    response = bench_bare(rf.get("/bench/bare/"))
    assert response.status_code == 200
    assert response.content == b"ok"


@pytest.mark.django_db
def test_the_frame_floor_is_not_mounted_unless_switched_on(client):
    with pytest.raises(NoReverseMatch):
        reverse("bench_frame")
    assert client.get("/bench/frame/").status_code == 404


@pytest.mark.django_db
def test_the_frame_floor_is_the_site_frame_around_no_content_for_a_logged_in_person(rf):
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.fallback import FallbackStorage

    from lms.views import bench_frame
    from tests import factories

    request = rf.get("/bench/frame/")
    request.user = AnonymousUser()
    assert bench_frame(request).status_code == 302  # to the login page, as every personal page

    request = rf.get("/bench/frame/")
    request.user = factories.LearnerFactory()
    request.session = {}
    request._messages = FallbackStorage(request)
    response = bench_frame(request)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="main"' in html
    assert "My profile" in html  # the whole frame, its account menu included
    main = html.split('id="main"', 1)[1].split("</main>", 1)[0]
    assert "<h1" not in main
    assert "<p" not in main
