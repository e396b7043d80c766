"""The audit log (Wagtail's site history) is for administrators: it lists actions on every
cohort's enrolments, so a coordinator would otherwise read the names of other cohorts' learners."""

import pytest

from courses.services import enrolment_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolled_in_x(world):
    learner = factories.LearnerFactory()
    enrolment_create(learner=learner, cohort=world.cohort_x, by=world.coordinator_x)
    return learner


@pytest.mark.parametrize(
    "url", ["/admin/reports/site-history/", "/admin/reports/site-history/results/"]
)
def test_administrators_read_the_site_history(client, world, enrolled_in_x, url):
    client.force_login(world.superuser)
    response = client.get(url)
    assert response.status_code == 200
    assert "Enrolled" in response.text
    assert enrolled_in_x.profile.printed_name in response.text


@pytest.mark.parametrize("persona", ["coordinator_x", "coordinator_y", "trainer_x", "learner_a"])
@pytest.mark.parametrize(
    "url", ["/admin/reports/site-history/", "/admin/reports/site-history/results/"]
)
def test_nobody_else_reads_the_site_history(client, world, enrolled_in_x, persona, url):
    client.force_login(getattr(world, persona))
    response = client.get(url)
    assert response.status_code in (302, 404)
    assert enrolled_in_x.profile.printed_name not in response.text


def test_anonymous_visitors_are_sent_to_the_admin_login(client, world):
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_the_reports_menu_offers_site_history_to_administrators_only(client, world):
    client.force_login(world.superuser)
    assert "/admin/reports/site-history/" in client.get("/admin/").text
    client.force_login(world.coordinator_x)
    assert "/admin/reports/site-history/" not in client.get("/admin/").text
