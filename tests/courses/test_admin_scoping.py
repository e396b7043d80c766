"""The coordinators' admin: each coordinator sees and edits only the cohorts they coordinate."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from courses.models import Cohort, Enrolment, Trade
from lms.models import Profile, Region
from tests import factories
from tests.courses.admin_links import cohort_url, url


def test_coordinator_sees_only_their_cohorts(client, world):
    client.force_login(world.coordinator_x)
    response = client.get(url(Cohort, "list"))
    assert response.status_code == 200
    assert cohort_url("edit", world.cohort_x) in response.text
    assert cohort_url("edit", world.cohort_y) not in response.text
    assert [c.pk for c in response.context["object_list"]] == [world.cohort_x.pk]


@pytest.mark.parametrize("view", ["edit", "inspect", "history", "usage"])
def test_coordinator_cannot_open_another_cohort(client, world, view):
    client.force_login(world.coordinator_x)
    assert client.get(cohort_url(view, world.cohort_y)).status_code == 404
    assert client.get(cohort_url(view, world.cohort_x)).status_code == 200


def test_coordinator_cannot_change_another_cohort_by_post(client, world):
    client.force_login(world.coordinator_x)
    response = client.post(
        cohort_url("edit", world.cohort_y),
        {
            "name": "Taken over",
            "region": world.cohort_y.region_id,
            "start_date": world.cohort_y.start_date,
            "end_date": world.cohort_y.end_date,
            "capacity": 99,
        },
    )
    assert response.status_code == 404
    world.cohort_y.refresh_from_db()
    assert world.cohort_y.name == "Y"


def test_coordinator_edits_own_cohort_but_not_its_course_or_coordinators(client, world):
    client.force_login(world.coordinator_x)
    form = client.get(cohort_url("edit", world.cohort_x)).context["form"]
    assert "course" not in form.fields
    assert "coordinators" not in form.fields
    # Trainers are chosen among trainers: learners' names are never offered.
    assert world.learner_a not in form.fields["trainers"].queryset
    response = client.post(
        cohort_url("edit", world.cohort_x),
        {
            "name": "X (spring)",
            "region": world.cohort_x.region_id,
            "location": "Bakery on Main Street",
            "start_date": world.cohort_x.start_date,
            "end_date": world.cohort_x.end_date,
            "capacity": 12,
            "trainers": [world.trainer_x.pk, world.trainer_y.pk],
        },
    )
    assert response.status_code == 302
    world.cohort_x.refresh_from_db()
    assert world.cohort_x.capacity == 12
    assert set(world.cohort_x.trainers.all()) == {world.trainer_x, world.trainer_y}
    assert list(world.cohort_x.coordinators.all()) == [world.coordinator_x]


def test_coordinator_cannot_add_or_delete_cohorts(client, world):
    client.force_login(world.coordinator_x)
    assert client.get(url(Cohort, "add")).status_code in (302, 403)
    assert client.get(cohort_url("delete", world.cohort_x)).status_code in (302, 403)
    assert Cohort.objects.count() == 2


def test_coordinator_sees_only_enrolments_of_their_cohorts(client, world):
    client.force_login(world.coordinator_x)
    response = client.get(url(Enrolment, "list"))
    assert response.status_code == 200
    assert url(Enrolment, "edit", world.enrolment_a.pk) in response.text
    assert url(Enrolment, "edit", world.enrolment_b.pk) not in response.text
    assert client.get(url(Enrolment, "edit", world.enrolment_b.pk)).status_code == 404
    assert client.get(url(Enrolment, "inspect", world.enrolment_b.pk)).status_code == 404


def test_coordinator_sees_only_people_of_their_cohorts(client, world):
    client.force_login(world.coordinator_x)
    response = client.get(url(Profile, "list"))
    assert response.status_code == 200
    shown = {p.pk for p in response.context["object_list"]}
    assert shown == {
        world.learner_a.profile.pk,
        world.trainer_x.profile.pk,
        world.coordinator_x.profile.pk,
    }
    assert client.get(url(Profile, "edit", world.learner_b.profile.pk)).status_code == 404
    assert client.get(url(Profile, "edit", world.outsider.profile.pk)).status_code == 404
    assert client.get(url(Profile, "edit", world.learner_a.profile.pk)).status_code == 200


def test_cohort_chooser_is_scoped(client, world):
    client.force_login(world.coordinator_x)
    response = client.get(reverse("wagtailsnippetchoosers_courses_cohort:choose"))
    assert response.status_code == 200
    assert escape(str(world.cohort_x)) in response.text
    assert escape(str(world.cohort_y)) not in response.text
    chosen = reverse("wagtailsnippetchoosers_courses_cohort:chosen", args=[world.cohort_y.pk])
    assert client.get(chosen).status_code == 404


@pytest.mark.parametrize("model", ["cohort", "enrolment", "person", "region", "trade"])
def test_trainer_has_no_access(client, world, model):
    models = {
        "cohort": Cohort,
        "enrolment": Enrolment,
        "person": Profile,
        "region": Region,
        "trade": Trade,
    }
    client.force_login(world.trainer_x)
    response = client.get(url(models[model], "list"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_trainer_menu_has_no_training_delivery(client, world):
    client.force_login(world.trainer_x)
    response = client.get(reverse("wagtailadmin_home"))
    assert "Training delivery" not in response.text
    client.force_login(world.coordinator_x)
    assert "Training delivery" in client.get(reverse("wagtailadmin_home")).text


def test_superuser_sees_every_cohort_and_enrolment(client, world):
    client.force_login(world.superuser)
    response = client.get(url(Cohort, "list"))
    assert cohort_url("edit", world.cohort_x) in response.text
    assert cohort_url("edit", world.cohort_y) in response.text
    response = client.get(url(Enrolment, "list"))
    assert url(Enrolment, "edit", world.enrolment_b.pk) in response.text


def test_coordinator_views_regions_and_trades_but_cannot_add_or_delete(client, world):
    # They may name them in other languages: tests/courses/test_names_in_languages.py.
    client.force_login(world.coordinator_x)
    region = world.cohort_x.region
    assert client.get(url(Region, "list")).status_code == 200
    assert client.get(url(Region, "inspect", region.pk)).status_code == 200
    assert client.get(url(Region, "add")).status_code == 302
    assert client.get(url(Region, "delete", region.pk)).status_code == 302
    trade = world.course.trade
    assert client.get(url(Trade, "inspect", trade.pk)).status_code == 200
    assert client.get(url(Trade, "add")).status_code == 302
    assert client.get(url(Trade, "delete", trade.pk)).status_code == 302


def queries_for(client, path):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_cohort_listing_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.coordinator_x)
    small = queries_for(client, url(Cohort, "list"))
    for _ in range(15):
        cohort = factories.CohortFactory(course=world.course, coordinators=[world.coordinator_x])
        factories.EnrolmentFactory(cohort=cohort)
    with django_assert_max_num_queries(small):
        client.get(url(Cohort, "list"))


@pytest.mark.parametrize("model", [Enrolment, Profile])
def test_enrolment_and_people_listing_query_count_does_not_grow(
    client, world, django_assert_max_num_queries, model
):
    client.force_login(world.coordinator_x)
    small = queries_for(client, url(model, "list"))
    for _ in range(15):
        factories.EnrolmentFactory(cohort=world.cohort_x)
    with django_assert_max_num_queries(small):
        client.get(url(model, "list"))


def test_bulk_delete_is_refused_to_a_coordinator(client, world):
    empty = factories.CohortFactory(course=world.course, coordinators=[world.coordinator_x])
    path = reverse("wagtail_bulk_action", args=["courses", "cohort", "delete"])
    client.force_login(world.coordinator_x)
    client.post(f"{path}?id={empty.pk}")
    assert Cohort.objects.filter(pk=empty.pk).exists()
    client.force_login(world.superuser)  # the same request from an administrator deletes it
    client.post(f"{path}?id={empty.pk}")
    assert not Cohort.objects.filter(pk=empty.pk).exists()


def test_superuser_creates_a_cohort_with_its_staff(client, world):
    client.force_login(world.superuser)
    assert client.get(url(Cohort, "add")).status_code == 200
    response = client.post(
        url(Cohort, "add"),
        {
            "course": world.course.pk,
            "name": "Z",
            "region": world.cohort_x.region_id,
            "location": "",
            "start_date": "2026-09-01",
            "end_date": "2026-12-01",
            "capacity": 10,
            "trainers": [world.trainer_y.pk],
            "coordinators": [world.coordinator_x.pk],
        },
    )
    assert response.status_code == 302
    cohort = Cohort.objects.get(name="Z")
    assert list(cohort.coordinators.all()) == [world.coordinator_x]
    # ... and it is now in coordinator X's scope.
    client.force_login(world.coordinator_x)
    assert client.get(cohort_url("edit", cohort)).status_code == 200
