"""Mentor courses and certified people for the mentors tests.

Certificates are created directly with the date they were issued: the completion decision is
tested in tests/certificates; here only the certificate's course, status and date matter."""

import datetime
import itertools
from dataclasses import dataclass

import pytest
from django.utils import timezone

from certificates.models import Certificate
from courses.models import CoursePage
from tests import factories

_serials = itertools.count(1)


def certify(person, *, cohort, on: datetime.date, status=Certificate.Status.VALID):
    enrolment = factories.EnrolmentFactory(
        learner=person, cohort=cohort, enrolled_on=cohort.start_date, status="completed"
    )
    number = next(_serials)
    issued_at = timezone.make_aware(datetime.datetime.combine(on, datetime.time(12)))
    return Certificate.objects.create(
        enrolment=enrolment,
        serial=f"T-{number:06d}",
        verification_code=f"code-{number}",
        snapshot={"printed_name": person.display_name},
        issued_at=issued_at,
        status=status,
        status_reason="" if status == Certificate.Status.VALID else "Test",
        status_changed_at=None if status == Certificate.Status.VALID else issued_at,
    )


def make_mentor(username, *, training, region, on, max_mentees=None):
    from mentors.models import MentorProfile

    person = factories.UserFactory(username=username, profile__region=region)
    person.profile.phone = "+39 333 000 111"
    person.profile.save()
    certify(person, cohort=training.cohort, on=on)
    if max_mentees is not None:
        MentorProfile.objects.create(mentor=person, max_mentees=max_mentees)
    return person


@dataclass
class Training:
    course: CoursePage
    refresher: CoursePage
    cohort: object
    refresher_cohort: object


@pytest.fixture
def training(world) -> Training:
    """A mentor training valid 24 months, its refresher, and a cohort of each in cohort X's
    region, coordinated by coordinator X."""
    course = factories.make_course(
        title="Peer Mentoring", slug="peer-mentoring", kind="mentor", validity_months=24, lessons=1
    )
    refresher = factories.make_course(
        title="Mentoring Refresher",
        slug="mentoring-refresher",
        kind="mentor",
        refresher_for=course,
        lessons=1,
    )
    cohort = factories.CohortFactory(
        course=course,
        name="Mentors 1",
        region=world.cohort_x.region,
        coordinators=[world.coordinator_x],
    )
    refresher_cohort = factories.CohortFactory(
        course=refresher, name="Refresher 1", region=world.cohort_x.region
    )
    return Training(course, refresher, cohort, refresher_cohort)


@pytest.fixture
def mentor(world, training):
    """An active mentor living in cohort X's region, certified 30 days ago, up to 2 mentees."""
    return make_mentor(
        "mentor_m",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=30),
        max_mentees=2,
    )


@pytest.fixture
def mentored(world, mentor):
    """Mentor M mentors learner A (cohort X) since 60 days ago."""
    from mentors.models import Assignment

    return Assignment.objects.create(
        mentor=mentor,
        mentee=world.learner_a,
        enrolment=world.enrolment_a,
        started_on=timezone.localdate() - datetime.timedelta(days=60),
    )


@pytest.fixture
def other_mentor(world, training):
    """Another active mentor, in cohort Y's region, mentoring learner B."""
    from mentors.models import Assignment

    person = make_mentor(
        "mentor_n",
        training=training,
        region=world.cohort_y.region,
        on=timezone.localdate() - datetime.timedelta(days=30),
        max_mentees=2,
    )
    Assignment.objects.create(
        mentor=person,
        mentee=world.learner_b,
        enrolment=world.enrolment_b,
        started_on=timezone.localdate() - datetime.timedelta(days=60),
    )
    return person
