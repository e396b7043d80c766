"""Enrolments through the coordinators' admin go through the enrolment services: written,
audited, and refused with a message on the form."""

import re

from django.utils.html import escape
from wagtail.models import ModelLogEntry

from courses.admin_forms import MSG_NO_ACCOUNT
from courses.models import Cohort, Enrolment
from courses.services import (
    MSG_ALREADY_ENROLLED,
    MSG_COHORT_FULL,
    MSG_WITHDRAW_REASON,
)
from lms.formats import medium_date
from tests import factories
from tests.courses.admin_links import url


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
        action="courses.enrolment.create", object_id=str(enrolment.pk), user=world.coordinator_x
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
        action="courses.enrolment.withdraw", object_id=str(world.enrolment_a.pk)
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
    enrolled = medium_date(world.enrolment_a.enrolled_on)
    assert f"Enter a date on or after {enrolled}." in errors.group(1)
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.ACTIVE
    assert world.enrolment_a.withdrawn_on is None
    assert not ModelLogEntry.objects.filter(action="courses.enrolment.withdraw").exists()


def test_withdrawn_enrolment_is_not_reopened_in_the_admin(client, world):
    client.force_login(world.coordinator_x)
    edit = url(Enrolment, "edit", world.enrolment_a.pk)
    client.post(edit, {"status": "withdrawn", "withdrawal_reason": "Found a job"})
    response = client.post(edit, {"status": "active", "withdrawal_reason": ""})
    assert response.status_code == 200
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.WITHDRAWN
