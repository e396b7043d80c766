"""The coordinators' admin: each coordinator sees and edits only the cohorts they coordinate."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from courses.admin_forms import MSG_NO_ACCOUNT
from courses.models import Cohort, Enrolment, Trade
from courses.services import (
    MSG_ALREADY_ENROLLED,
    MSG_COHORT_END_BEFORE_ENROLMENT,
    MSG_COHORT_END_BEFORE_SESSION,
    MSG_COHORT_FULL,
    MSG_COHORT_START_AFTER_ATTEMPT,
    MSG_COHORT_START_AFTER_SESSION,
    MSG_WITHDRAW_REASON,
)
from lms.models import Profile, Region
from tests import factories


def url(model, view, *args):
    app = model._meta.app_label
    name = model._meta.model_name
    return reverse(f"wagtailsnippets_{app}_{name}:{view}", args=args)


def cohort_url(view, cohort):
    return url(Cohort, view, cohort.pk)


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


# --- Enrolments through the admin go through the service --------------------------------------


def enrol(client, cohort, identifier, enrolled_on=""):
    return client.post(
        url(Enrolment, "add"),
        {"cohort": cohort.pk, "learner_identifier": identifier, "enrolled_on": enrolled_on},
    )


def test_enrolment_form_offers_only_my_cohorts(client, world):
    client.force_login(world.coordinator_x)
    form = client.get(url(Enrolment, "add")).context["form"]
    assert list(form.fields["cohort"].queryset) == [world.cohort_x]
    response = enrol(client, world.cohort_y, world.outsider.username)
    assert response.status_code == 200
    assert not world.outsider.enrolments.exists()


def test_enrol_by_email_writes_and_audits(client, world):
    factories.EnrolmentFactory(learner=world.outsider, cohort__coordinators=[world.coordinator_x])
    client.force_login(world.coordinator_x)
    response = enrol(client, world.cohort_x, world.outsider.email.upper())
    assert response.status_code == 302
    enrolment = world.outsider.enrolments.get(cohort=world.cohort_x)
    assert ModelLogEntry.objects.filter(
        action="lms.enrolment.create", object_id=str(enrolment.pk), user=world.coordinator_x
    ).exists()


def test_enrol_unknown_account_says_what_to_do(client, world):
    client.force_login(world.coordinator_x)
    response = enrol(client, world.cohort_x, "nobody@example.org")
    assert response.status_code == 200
    assert escape(str(MSG_NO_ACCOUNT)) in response.text


def test_enrol_duplicate_shows_a_form_error(client, world):
    client.force_login(world.coordinator_x)
    response = enrol(client, world.cohort_x, world.learner_a.username)
    assert response.status_code == 200
    message = MSG_ALREADY_ENROLLED % {"learner": world.learner_a, "cohort": world.cohort_x}
    assert escape(str(message)) in response.text
    assert Enrolment.objects.filter(learner=world.learner_a).count() == 1


def test_enrol_into_full_cohort_shows_a_form_error(client, world):
    Cohort.objects.filter(pk=world.cohort_x.pk).update(capacity=1)
    factories.EnrolmentFactory(learner=world.outsider, cohort__coordinators=[world.coordinator_x])
    client.force_login(world.coordinator_x)
    response = enrol(client, world.cohort_x, world.outsider.username)
    assert response.status_code == 200
    message = MSG_COHORT_FULL % {"cohort": world.cohort_x, "capacity": 1}
    assert escape(str(message)) in response.text
    assert not world.outsider.enrolments.filter(cohort=world.cohort_x).exists()


def test_withdrawal_in_the_admin_needs_a_reason(client, world):
    client.force_login(world.coordinator_x)
    edit = url(Enrolment, "edit", world.enrolment_a.pk)
    response = client.post(edit, {"status": "withdrawn", "withdrawal_reason": ""})
    assert response.status_code == 200
    assert escape(str(MSG_WITHDRAW_REASON)) in response.text
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.ACTIVE

    response = client.post(edit, {"status": "withdrawn", "withdrawal_reason": "Found a job"})
    assert response.status_code == 302
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.WITHDRAWN
    assert world.enrolment_a.withdrawn_on is not None
    assert ModelLogEntry.objects.filter(
        action="lms.enrolment.withdraw", object_id=str(world.enrolment_a.pk)
    ).exists()


def test_withdrawal_dated_before_the_enrolment_is_explained_on_the_date(client, world):
    client.force_login(world.coordinator_x)
    edit = url(Enrolment, "edit", world.enrolment_a.pk)
    response = client.post(
        edit,
        {"status": "withdrawn", "withdrawal_reason": "Found a job", "withdrawn_on": "2000-01-01"},
    )
    assert response.status_code == 200
    errors = re.search(r'id="[\w-]*withdrawn_on-errors"[^>]*>(.*?)</div>', response.text, re.S)
    assert errors, "the message belongs next to the withdrawal date"
    enrolled = formats.date_format(world.enrolment_a.enrolled_on, "DATE_FORMAT")
    assert f"Enter a date on or after {enrolled}." in errors.group(1)
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.ACTIVE
    assert world.enrolment_a.withdrawn_on is None
    assert not ModelLogEntry.objects.filter(action="lms.enrolment.withdraw").exists()


def test_withdrawn_enrolment_is_not_reopened_in_the_admin(client, world):
    client.force_login(world.coordinator_x)
    edit = url(Enrolment, "edit", world.enrolment_a.pk)
    client.post(edit, {"status": "withdrawn", "withdrawal_reason": "Found a job"})
    response = client.post(edit, {"status": "active", "withdrawal_reason": ""})
    assert response.status_code == 200
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.WITHDRAWN


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


# --- Moving a cohort's dates -------------------------------------------------------------------


def _post_cohort_dates(client, cohort, *, start_date, end_date):
    return client.post(
        cohort_url("edit", cohort),
        {
            "name": cohort.name,
            "region": cohort.region_id,
            "location": cohort.location,
            "start_date": start_date,
            "end_date": end_date,
            "capacity": cohort.capacity,
            "trainers": [t.pk for t in cohort.trainers.all()],
        },
    )


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _shown(message, day) -> str:
    return escape(message % {"date": formats.date_format(day, "DATE_FORMAT")})


def test_cohort_start_cannot_move_past_its_first_session(client, world):
    cohort = world.cohort_x
    stored = (cohort.start_date, cohort.end_date)
    first = factories.SessionFactory(cohort=cohort, date=_day(-7))
    # A cancelled session does not hold the start back: cancelling is how it is cleared.
    factories.SessionFactory(
        cohort=cohort, date=_day(-10), cancelled=True, cancellation_reason="Flu"
    )
    client.force_login(world.coordinator_x)

    response = _post_cohort_dates(client, cohort, start_date=_day(-6), end_date=cohort.end_date)

    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == [
        MSG_COHORT_START_AFTER_SESSION % {"date": formats.date_format(first.date, "DATE_FORMAT")}
    ]
    assert _shown(MSG_COHORT_START_AFTER_SESSION, first.date) in response.text
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored

    response = _post_cohort_dates(client, cohort, start_date=_day(-7), end_date=cohort.end_date)
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.start_date == _day(-7)


def test_cohort_end_cannot_move_before_its_last_session_or_an_enrolment(client, world):
    cohort = world.cohort_x
    stored = (cohort.start_date, cohort.end_date)
    last = factories.SessionFactory(cohort=cohort, date=_day(30))
    late = factories.EnrolmentFactory(cohort=cohort, enrolled_on=_day(40))
    client.force_login(world.coordinator_x)

    response = _post_cohort_dates(client, cohort, start_date=cohort.start_date, end_date=_day(29))
    assert response.status_code == 200
    # The later of the two is named: moving the session alone would not be enough.
    assert _shown(MSG_COHORT_END_BEFORE_ENROLMENT, late.enrolled_on) in response.text
    assert list(response.context["form"].errors) == ["end_date"]
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored

    late.delete()
    response = _post_cohort_dates(client, cohort, start_date=cohort.start_date, end_date=_day(29))
    assert response.status_code == 200
    assert _shown(MSG_COHORT_END_BEFORE_SESSION, last.date) in response.text
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored

    response = _post_cohort_dates(client, cohort, start_date=cohort.start_date, end_date=_day(30))
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.end_date == _day(30)


def test_cohort_start_cannot_move_past_a_practical_attempt(client, world, practical):
    cohort = world.cohort_x
    stored = (cohort.start_date, cohort.end_date)
    client.force_login(world.coordinator_x)

    day = practical.attempt.assessed_on
    response = _post_cohort_dates(
        client, cohort, start_date=day + datetime.timedelta(days=1), end_date=cohort.end_date
    )

    assert response.status_code == 200
    assert _shown(MSG_COHORT_START_AFTER_ATTEMPT, day) in response.text
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored
