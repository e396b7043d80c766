"""Who sees which caseload, where people land after logging in, and the page's query budget."""

import datetime

import pytest
from django.urls import reverse

from courses.models import Cohort
from tests import factories
from tests.assessments.practical import confirmed, recorded

pytestmark = pytest.mark.django_db


# --- Scoping ------------------------------------------------------------------------------------


def test_coordinator_sees_only_the_cohorts_they_coordinate(client, world):
    client.force_login(world.coordinator_x)

    html = client.get(reverse("workspace:home")).content.decode()

    assert "Artisan Baking: X" in html
    assert "Artisan Baking: Y" not in html


def test_superuser_sees_every_cohort(client, world):
    client.force_login(world.superuser)

    html = client.get(reverse("workspace:home")).content.decode()

    assert "Artisan Baking: X" in html
    assert "Artisan Baking: Y" in html


@pytest.mark.parametrize("persona", ["trainer_x", "learner_a"])
def test_trainers_and_learners_have_no_caseload(client, world, persona):
    client.force_login(getattr(world, persona))

    assert client.get(reverse("workspace:home")).status_code == 403
    assert "My caseload" not in client.get(reverse("courses:dashboard")).content.decode()


def test_people_of_a_cohort_not_mine_are_not_found(client, world):
    client.force_login(world.coordinator_y)

    response = client.get(reverse("workspace:people", args=[world.cohort_x.pk, "active"]))

    assert response.status_code == 404


def test_unknown_count_is_not_found(client, world):
    client.force_login(world.coordinator_x)

    assert client.get(f"/workspace/cohorts/{world.cohort_x.pk}/everyone/").status_code == 404
    assert client.get(f"/workspace/cohorts/{world.cohort_x.pk}/enrolled/").status_code == 404


def test_coordinator_without_cohorts_sees_an_empty_caseload(client, db):
    client.force_login(factories.CoordinatorFactory(username="new_coordinator"))

    response = client.get(reverse("workspace:home"))

    assert "You coordinate no running or upcoming cohort." in response.content.decode()


# --- Landing after login ------------------------------------------------------------------------


def log_in(client, user, **query):
    url = reverse("login")
    if query:
        url += "?" + "&".join(f"{k}={v}" for k, v in query.items())
    return client.post(url, {"username": user.username, "password": factories.PASSWORD})


def test_coordinator_lands_on_the_caseload(client, world):
    assert log_in(client, world.coordinator_x)["Location"] == reverse("workspace:home")


def test_an_explicit_next_wins(client, world):
    response = log_in(client, world.coordinator_x, next=reverse("certificates:cohorts"))

    assert response["Location"] == reverse("certificates:cohorts")


def test_an_unsafe_next_is_ignored(client, world):
    response = log_in(client, world.coordinator_x, next="https://elsewhere.example/")

    assert response["Location"] == reverse("workspace:home")


def test_learners_land_on_my_learning(client, world):
    assert log_in(client, world.learner_a)["Location"] == reverse("courses:dashboard")


def test_trainers_land_on_today(client, world):
    assert log_in(client, world.trainer_x)["Location"] == reverse("workspace:today")


def test_a_coordinator_who_trains_lands_on_today(client, world):
    world.cohort_y.trainers.add(world.coordinator_x)

    assert log_in(client, world.coordinator_x)["Location"] == reverse("workspace:today")


def test_an_explicit_next_wins_for_a_trainer(client, world):
    response = log_in(client, world.trainer_x, next=reverse("courses:staff_cohorts"))

    assert response["Location"] == reverse("courses:staff_cohorts")


# --- Query budget -------------------------------------------------------------------------------

# Whatever the number of cohorts, learners, sessions, attempts and certificates: nine for the
# caseload (cohorts, enrolments, two for attendance, templates, attempts, required lessons,
# lessons done, certificates), the rest for the session, permissions and the page's frame.
BUDGET = 18


def build(coordinator, *, cohorts: int, learners: int):
    course = factories.make_course(title="Artisan Baking", max_assessment_attempts=3)
    required = factories.make_template(course=course, name="Bake bread")
    trainer = factories.TrainerFactory()
    today = datetime.date.today()
    for c in range(cohorts):
        cohort = factories.CohortFactory(
            course=course,
            coordinators=[coordinator],
            trainers=[trainer],
            start_date=today - datetime.timedelta(days=30 + c),
            end_date=today + datetime.timedelta(days=30 - 40 * (c % 2)),
        )
        sessions = [
            factories.SessionFactory(cohort=cohort, date=today - datetime.timedelta(days=d))
            for d in (1, 3, 5)
        ]
        for n in range(learners):
            enrolment = factories.EnrolmentFactory(cohort=cohort)
            for session in sessions:
                factories.AttendanceRecordFactory(
                    session=session, enrolment=enrolment, status="present" if n % 3 else "absent"
                )
            factories.complete_required_lessons(enrolment)
            if n % 3 == 1:
                recorded(enrolment, required, trainer, [True, True, True])
            elif n % 3 == 2:
                confirmed(enrolment, required, trainer, coordinator, [True, True, True])


@pytest.mark.parametrize(("cohorts", "learners"), [(1, 1), (4, 6)])
def test_caseload_query_budget(client, django_assert_max_num_queries, cohorts, learners):
    coordinator = factories.CoordinatorFactory(username="budget_coordinator")
    build(coordinator, cohorts=cohorts, learners=learners)
    client.force_login(coordinator)
    client.get("/")

    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("workspace:home"))

    assert response.status_code == 200
    assert response.content.decode().count('class="card h-100"') == cohorts


@pytest.mark.parametrize(("cohorts", "learners"), [(1, 1), (1, 12)])
def test_people_page_query_budget(client, django_assert_max_num_queries, cohorts, learners):
    coordinator = factories.CoordinatorFactory(username="budget_coordinator")
    build(coordinator, cohorts=cohorts, learners=learners)
    cohort = Cohort.objects.get(coordinators=coordinator)
    client.force_login(coordinator)
    client.get("/")

    with django_assert_max_num_queries(BUDGET):
        response = client.get(reverse("workspace:people", args=[cohort.pk, "awaiting-review"]))

    assert response.status_code == 200
