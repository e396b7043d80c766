"""The main navigation: grouped links, each shown only to whom it leads somewhere, for a fixed
number of queries (lms/nav.py and the links the apps register)."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from certificates.nav import has_certificate
from courses.nav import is_enrolled, trains, works_with_cohorts
from lms import nav
from tests import factories

pytestmark = pytest.mark.django_db


def nav_html(client, user) -> str:
    client.force_login(user)
    html = client.get(reverse("profile")).content.decode()
    return html[html.index("<nav") : html.index("</nav>")]


def links(html: str, *names: str) -> dict[str, bool]:
    return {name: f'href="{reverse(name)}"' in html for name in names}


def test_staff_enrolled_nowhere_see_no_learners_links(client, world):
    html = nav_html(client, world.trainer_x)

    assert links(html, "courses:dashboard", "certificates:mine") == {
        "courses:dashboard": False,
        "certificates:mine": False,
    }
    assert links(html, "workspace:today", "courses:staff_cohorts", "assessments:queue") == {
        "workspace:today": True,
        "courses:staff_cohorts": True,
        "assessments:queue": True,
    }
    assert ">Teaching</button>" in html
    assert "Certify" not in html
    assert "Reports" not in html


def test_a_learner_keeps_a_simple_bar(client, world):
    html = nav_html(client, world.learner_a)

    assert links(html, "courses:dashboard", "mentors:home", "certificates:mine") == {
        "courses:dashboard": True,
        "mentors:home": True,
        "certificates:mine": False,  # no certificate yet: nothing there
    }
    assert "dropdown-toggle" in html  # the account menu only
    assert html.count("dropdown-toggle") == 1
    assert "workspace:today" not in html
    assert reverse("workspace:today") not in html


def test_my_certificates_appears_with_the_first_certificate(client, world):
    course = factories.make_certifiable_course(title="Organic Farming", lessons=0)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_b)
    assert links(nav_html(client, world.learner_b), "certificates:mine") == {
        "certificates:mine": False
    }
    factories.certificate_issue_now(enrolment, by=world.coordinator_x)

    assert links(nav_html(client, world.learner_b), "certificates:mine") == {
        "certificates:mine": True
    }


def test_coordinators_see_certify_reports_and_administration(client, world):
    html = nav_html(client, world.coordinator_x)

    assert ">Reports</button>" in html
    assert links(
        html,
        "certificates:cohorts",
        "workspace:home",
        "indicators:page",
        "mentors:home",
        "wagtailadmin_home",
        "workspace:today",
        "courses:dashboard",
    ) == {
        "certificates:cohorts": True,
        "workspace:home": True,
        "indicators:page": True,
        "mentors:home": True,
        "wagtailadmin_home": True,
        "workspace:today": False,  # trains no cohort
        "courses:dashboard": False,  # enrolled nowhere
    }


def test_the_account_menu(client, world):
    html = nav_html(client, world.learner_a)

    for name in ("profile", "privacy:my_data", "password_change"):
        assert f'href="{reverse(name)}"' in html
    assert f'action="{reverse("logout")}"' in html


def test_the_current_page_is_marked(client, world):
    client.force_login(world.trainer_x)
    html = client.get(reverse("workspace:today")).content.decode()

    assert f'href="{reverse("workspace:today")}" aria-current="page"' in html


def test_every_fact_is_read_in_one_query_once_per_request(world, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = world.trainer_x

    with django_assert_num_queries(1):
        answers = [is_enrolled(request), trains(request), has_certificate(request)]
        answers.append(works_with_cohorts(request))
    # The whole bar: the facts already read, and the person's permissions (one query, kept on
    # the user object by lms.auth_backends, which every page with the bar reads anyway).
    with django_assert_num_queries(1):
        nav.entries(request)
        nav.entries(request)

    assert answers == [False, True, False, True]


def test_anonymous_visitors_cost_no_query(django_assert_num_queries, db):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()

    with django_assert_num_queries(0):
        assert nav.entries(request) == []
