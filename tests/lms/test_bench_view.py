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
