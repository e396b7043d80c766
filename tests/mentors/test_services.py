"""Volunteering, assignments within capacity, refresher notices: through the services."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from certificates.models import Certificate
from courses.models import Cohort, Enrolment
from mentors import rules, selectors, services
from mentors.models import Assignment, MentorProfile, RefresherNotice, VolunteerRequest
from tests import factories
from tests.mentors.conftest import certify, make_mentor

pytestmark = pytest.mark.django_db


def vocational_certificate(world, person=None):
    person = person or world.learner_a
    cohort = factories.CohortFactory(course=world.course, region=world.cohort_x.region)
    return certify(person, cohort=cohort, on=timezone.localdate())


# --- Volunteering -----------------------------------------------------------------------------


def test_a_learner_without_a_vocational_certificate_cannot_volunteer(world, training):
    with pytest.raises(ValidationError) as error:
        services.volunteer_request_create(person=world.learner_a, motivation="I want to help.")
    assert "certificate of a vocational course" in error.value.messages[0]
    assert not VolunteerRequest.objects.exists()


def test_a_revoked_certificate_does_not_count(world, training):
    certificate = vocational_certificate(world)
    Certificate.objects.filter(pk=certificate.pk).update(
        status="revoked", status_reason="Error", status_changed_at=timezone.now()
    )
    with pytest.raises(ValidationError):
        services.volunteer_request_create(person=world.learner_a, motivation="I want to help.")


def test_volunteer_once_at_a_time_with_a_motivation(world, training):
    vocational_certificate(world)
    with pytest.raises(ValidationError) as error:
        services.volunteer_request_create(person=world.learner_a, motivation="   ")
    assert "motivation" in error.value.message_dict
    request = services.volunteer_request_create(person=world.learner_a, motivation="I can help.")
    assert request.status == VolunteerRequest.Status.PENDING
    with pytest.raises(ValidationError) as error:
        services.volunteer_request_create(person=world.learner_a, motivation="Again")
    assert "waiting for an answer" in error.value.messages[0]
    with pytest.raises(IntegrityError):  # the database agrees
        VolunteerRequest.objects.create(person=world.learner_a, motivation="Direct")


def test_accepting_enrols_in_the_mentor_cohort_and_tells_the_person_in_their_language(
    world, training, django_capture_on_commit_callbacks
):
    world.learner_a.profile.preferred_language = "es"
    world.learner_a.profile.save()
    vocational_certificate(world)
    request = services.volunteer_request_create(person=world.learner_a, motivation="Ayudar.")
    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_request_accept(
            request=request, cohort=training.cohort, by=world.coordinator_x
        )
    request.refresh_from_db()
    assert request.status == VolunteerRequest.Status.ACCEPTED
    assert request.enrolment.cohort == training.cohort
    assert Enrolment.objects.filter(learner=world.learner_a, cohort=training.cohort).exists()
    (message,) = mail.outbox
    assert message.to == [world.learner_a.email]
    assert "Peer Mentoring" in message.body
    # Accepted: now in mentor training, so no second request.
    assert selectors.volunteer_facts(person=world.learner_a).refusal == rules.IN_TRAINING


@pytest.mark.parametrize(
    ("language", "start"), [("en", "starting 7 Jan 2030."), ("es", "7 ene 2030")]
)
def test_the_acceptance_email_writes_the_start_in_the_persons_language(
    world, training, language, start, django_capture_on_commit_callbacks
):
    world.learner_a.profile.preferred_language = language
    world.learner_a.profile.save()
    Cohort.objects.filter(pk=training.cohort.pk).update(
        start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 3, 31)
    )
    training.cohort.refresh_from_db()
    vocational_certificate(world)
    request = services.volunteer_request_create(person=world.learner_a, motivation="Help.")
    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_request_accept(
            request=request, cohort=training.cohort, by=world.coordinator_x
        )
    (message,) = mail.outbox
    assert start in message.body
    assert "2030-01-07" not in message.body


def test_only_a_mentor_cohort_the_coordinator_coordinates(world, training):
    vocational_certificate(world)
    request = services.volunteer_request_create(person=world.learner_a, motivation="Help.")
    for cohort in (world.cohort_x, training.refresher_cohort):  # vocational; not coordinated
        with pytest.raises(ValidationError):
            services.volunteer_request_accept(
                request=request, cohort=cohort, by=world.coordinator_x
            )
    with pytest.raises(ValidationError):
        services.volunteer_request_accept(
            request=request, cohort=training.cohort, by=world.coordinator_y
        )
    request.refresh_from_db()
    assert request.status == VolunteerRequest.Status.PENDING
    assert not Enrolment.objects.filter(learner=world.learner_a, cohort__course__kind="mentor")


def test_declining_needs_a_reason_and_tells_the_person(
    world, training, django_capture_on_commit_callbacks
):
    vocational_certificate(world)
    request = services.volunteer_request_create(person=world.learner_a, motivation="Help.")
    with pytest.raises(ValidationError):
        services.volunteer_request_decline(request=request, reason=" ", by=world.coordinator_x)
    with django_capture_on_commit_callbacks(execute=True):
        services.volunteer_request_decline(
            request=request, reason="Finish your own programme first.", by=world.coordinator_x
        )
    assert "Finish your own programme first." in mail.outbox[0].body
    with pytest.raises(ValidationError) as error:  # answered already
        services.volunteer_request_accept(
            request=request, cohort=training.cohort, by=world.coordinator_x
        )
    assert "already been answered" in error.value.messages[0]
    # Declined: they may volunteer again later.
    assert selectors.volunteer_facts(person=world.learner_a).refusal is None


# --- Who is a mentor, and in what standing ------------------------------------------------------


def test_standing_follows_validity_and_a_refresher(world, training, settings):
    settings.MENTOR_REFRESHER_NOTICE_DAYS = 60
    person = make_mentor(
        "m1", training=training, region=world.cohort_x.region, on=datetime.date(2024, 3, 1)
    )
    for today, expected in [
        (datetime.date(2025, 12, 29), rules.ACTIVE),
        (datetime.date(2025, 12, 30), rules.REFRESHER_DUE),
        (datetime.date(2026, 2, 28), rules.REFRESHER_DUE),
        (datetime.date(2026, 3, 1), rules.LAPSED),
    ]:
        assert selectors.standing_of(person=person, today=today).status == expected
    certify(person, cohort=training.refresher_cohort, on=datetime.date(2026, 2, 10))
    standing = selectors.standing_of(person=person, today=datetime.date(2026, 3, 1))
    assert standing.status == rules.ACTIVE
    assert standing.valid_until == datetime.date(2028, 2, 9)


def test_a_revoked_mentor_certificate_makes_no_mentor(world, training):
    person = make_mentor(
        "m1", training=training, region=world.cohort_x.region, on=timezone.localdate()
    )
    Certificate.objects.filter(enrolment__learner=person).update(
        status="revoked", status_reason="Error", status_changed_at=timezone.now()
    )
    assert selectors.standing_of(person=person) is None


# --- Assignments and capacity -----------------------------------------------------------------


def trainee(world, n):
    return factories.EnrolmentFactory(
        learner=factories.LearnerFactory(username=f"trainee{n}"), cohort=world.cohort_x
    )


def test_assignment_respects_capacity(world, mentor):
    first, second, third = (trainee(world, n) for n in range(3))
    services.assignment_create(enrolment=first, mentor=mentor, by=world.coordinator_x)
    services.assignment_create(enrolment=second, mentor=mentor, by=world.coordinator_x)
    with pytest.raises(ValidationError) as error:
        services.assignment_create(enrolment=third, mentor=mentor, by=world.coordinator_x)
    assert "no free place (maximum 2 mentees)" in error.value.messages[0]
    assert Assignment.objects.filter(mentor=mentor).count() == 2
    # Ending one frees a place.
    services.assignment_end(
        assignment=Assignment.objects.get(mentee=first.learner), by=world.coordinator_x
    )
    services.assignment_create(enrolment=third, mentor=mentor, by=world.coordinator_x)
    assert Assignment.objects.filter(mentor=mentor, ended_on__isnull=True).count() == 2


def test_capacity_set_by_coordinators_within_bounds(world, mentor):
    with pytest.raises(ValidationError):
        services.mentor_capacity_set(mentor=mentor, max_mentees=51, by=world.coordinator_x)
    with pytest.raises(ValidationError):
        services.mentor_capacity_set(mentor=mentor, max_mentees="many", by=world.coordinator_x)
    services.mentor_capacity_set(mentor=mentor, max_mentees=0, by=world.coordinator_x)
    with pytest.raises(ValidationError):
        services.assignment_create(
            enrolment=world.enrolment_a, mentor=mentor, by=world.coordinator_x
        )


def test_one_mentor_per_trainee(world, mentor, training):
    other = make_mentor("m2", training=training, region=None, on=timezone.localdate())
    services.assignment_create(enrolment=world.enrolment_a, mentor=mentor, by=world.coordinator_x)
    with pytest.raises(ValidationError) as error:
        services.assignment_create(
            enrolment=world.enrolment_a, mentor=other, by=world.coordinator_x
        )
    assert "already has a mentor" in error.value.messages[0]
    with pytest.raises(IntegrityError):  # the database agrees
        Assignment.objects.create(
            mentor=other,
            mentee=world.learner_a,
            enrolment=world.enrolment_a,
            started_on=timezone.localdate(),
        )


def test_a_lapsed_mentor_or_a_non_mentor_cannot_be_chosen(world, training):
    lapsed = make_mentor(
        "old",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=800),
    )
    for person in (lapsed, world.trainer_x):
        with pytest.raises(ValidationError) as error:
            services.assignment_create(
                enrolment=world.enrolment_a, mentor=person, by=world.coordinator_x
            )
        assert "not a mentor who may take mentees" in error.value.messages[0]


def test_a_mentor_whose_refresher_is_due_may_still_take_a_mentee(world, training):
    due = make_mentor(
        "due",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=700),
    )
    assert selectors.standing_of(person=due).status == rules.REFRESHER_DUE
    services.assignment_create(enrolment=world.enrolment_a, mentor=due, by=world.coordinator_x)


def test_suggestions_only_free_active_mentors_same_region_first(world, training, mentor):
    elsewhere = make_mentor(
        "far", training=training, region=world.cohort_y.region, on=timezone.localdate()
    )
    full = make_mentor(
        "full",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate(),
        max_mentees=1,
    )
    make_mentor(
        "lapsed",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=800),
    )
    services.assignment_create(enrolment=world.enrolment_b, mentor=full, by=world.superuser)
    found = selectors.suggestions(enrolment=world.enrolment_a)
    # Same region (2 free of 2) before the other region (3 free of the default 3).
    assert [c.mentor_id for c in found] == [mentor.pk, elsewhere.pk]


# --- Refresher notices ------------------------------------------------------------------------


def test_refresher_notices_are_sent_once_per_validity(
    world, training, settings, django_capture_on_commit_callbacks
):
    settings.MENTOR_REFRESHER_NOTICE_DAYS = 60
    person = make_mentor(
        "m1", training=training, region=world.cohort_x.region, on=datetime.date(2024, 3, 1)
    )
    with time_machine.travel(datetime.datetime(2025, 12, 29, 9, tzinfo=datetime.UTC)):
        assert services.refresher_notices_send() == 0  # the day before it is due
    with (
        time_machine.travel(datetime.datetime(2025, 12, 30, 9, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.refresher_notices_send() == 1
        assert services.refresher_notices_send() == 0  # running again sends nothing
    assert [m.to for m in mail.outbox] == [[person.email]]
    assert "valid until 28 Feb 2026." in mail.outbox[0].body
    # A refresher moves the last valid day: the next notice comes two years later.
    certify(person, cohort=training.refresher_cohort, on=datetime.date(2026, 1, 15))
    with time_machine.travel(datetime.datetime(2027, 11, 16, 9, tzinfo=datetime.UTC)):
        assert services.refresher_notices_send() == 1
    assert list(RefresherNotice.objects.values_list("valid_until", flat=True).order_by("pk")) == [
        datetime.date(2026, 2, 28),
        datetime.date(2028, 1, 14),
    ]


def test_a_refresher_notice_writes_the_last_valid_day_in_the_mentors_language(
    world, training, settings, django_capture_on_commit_callbacks
):
    settings.MENTOR_REFRESHER_NOTICE_DAYS = 60
    person = make_mentor(
        "m1", training=training, region=world.cohort_x.region, on=datetime.date(2024, 3, 1)
    )
    person.profile.preferred_language = "es"
    person.profile.save()
    with (
        time_machine.travel(datetime.datetime(2025, 12, 30, 9, tzinfo=datetime.UTC)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert services.refresher_notices_send() == 1
    (message,) = mail.outbox
    assert "28 feb 2026" in message.body
    assert "2026-02-28" not in message.body


def test_the_daily_command_and_task_send_each_notice_once(world, training, settings):
    from django.core.management import call_command

    from mentors.tasks import refresher_notices_task

    settings.MENTOR_REFRESHER_NOTICE_DAYS = 60
    make_mentor(
        "m1",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=700),
    )
    out = io.StringIO()
    call_command("mentors_refresher_notices", stdout=out)
    assert out.getvalue().strip() == "1 mentors told their refresher is due."
    call_command("mentors_refresher_notices", stdout=out)
    assert refresher_notices_task.enqueue().return_value == 0
    assert RefresherNotice.objects.count() == 1


def test_a_coordinator_outside_the_scope_is_refused_before_anything_changes(world, mentor):
    assignment = services.assignment_create(
        enrolment=trainee(world, 0), mentor=mentor, by=world.coordinator_x
    )

    with pytest.raises(ValidationError) as refused:
        services.assignment_end(assignment=assignment, by=world.coordinator_y)
    with pytest.raises(ValidationError):
        services.mentor_capacity_set(mentor=mentor, max_mentees=9, by=world.coordinator_y)

    assert refused.value.messages == [str(services.MSG_NOT_IN_SCOPE)]
    assignment.refresh_from_db()
    assert assignment.ended_on is None
    assert MentorProfile.objects.get(mentor=mentor).max_mentees == 2
