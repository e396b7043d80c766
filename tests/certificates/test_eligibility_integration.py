"""The certificate gate on real evidence: attendance records and reviewed practical attempts,
as the attendance and practical-assessment pages write them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.practical import services as assessment_services
from certificates.models import Certificate
from courses.models import CoursePage
from tests import factories

pytestmark = pytest.mark.django_db

SESSIONS = 10


@pytest.fixture
def mentor_cohort(world):
    """A finished mentor-training cohort: 10 sessions held, 90% attendance and a practical
    assessment required, one required lesson."""
    CoursePage.objects.filter(pk=world.course.pk).update(
        attendance_required=True, attendance_threshold=90, awards_certificate=True
    )
    today = timezone.localdate()
    cohort = world.cohort_x
    cohort.start_date = today - datetime.timedelta(days=40)
    cohort.end_date = today - datetime.timedelta(days=1)
    cohort.save()
    sessions = [
        factories.SessionFactory(cohort=cohort, date=cohort.start_date + datetime.timedelta(days=i))
        for i in range(SESSIONS)
    ]
    template = factories.make_template(course=world.course, mandatory=2, optional=0)
    return cohort, sessions, template


def enrol(cohort, *, present: int, sessions, passed: bool | None, template, world):
    enrolment = factories.EnrolmentFactory(cohort=cohort, enrolled_on=cohort.start_date)
    factories.complete_required_lessons(enrolment)
    for i, session in enumerate(sessions):
        factories.AttendanceRecordFactory(
            session=session, enrolment=enrolment, status="present" if i < present else "absent"
        )
    if passed is not None:
        attempt = assessment_services.attempt_start(
            enrolment=enrolment, template=template, assessor=world.trainer_x
        )
        marks = {
            criterion.pk: assessment_services.Mark(met=passed)
            for criterion in template.criteria.all()
        }
        assessment_services.attempt_record(
            attempt=attempt,
            by=world.trainer_x,
            marks=marks,
            feedback="Observed in the kitchen.",
            assessed_on=cohort.end_date,
        )
        assessment_services.attempt_submit(attempt=attempt, by=world.trainer_x)
        assessment_services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x)
    return enrolment


def test_only_learners_meeting_every_requirement_are_certified(client, world, mentor_cohort):
    cohort, sessions, template = mentor_cohort
    ready = enrol(cohort, present=9, sessions=sessions, passed=True, template=template, world=world)
    short = enrol(cohort, present=8, sessions=sessions, passed=True, template=template, world=world)
    not_yet = enrol(
        cohort, present=10, sessions=sessions, passed=False, template=template, world=world
    )
    client.force_login(world.coordinator_x)
    page = client.get(reverse("certificates:queue", args=[cohort.pk])).text
    assert "8 of 10 sessions" in page  # the attendance shortfall, in words
    assert template.name in page

    url = reverse("certificates:queue", args=[cohort.pk])
    # A batch naming anyone ineligible is refused whole: nothing is written.
    client.post(url, {"enrolment": [ready.pk, short.pk, not_yet.pk]})
    assert not Certificate.objects.exists()
    client.post(url, {"enrolment": [ready.pk]})
    assert set(Certificate.objects.values_list("enrolment_id", flat=True)) == {ready.pk}


def test_unreviewed_pass_does_not_count(world, mentor_cohort):
    from certificates import services as certificate_services

    cohort, sessions, template = mentor_cohort
    enrolment = enrol(
        cohort, present=10, sessions=sessions, passed=None, template=template, world=world
    )
    attempt = assessment_services.attempt_start(
        enrolment=enrolment, template=template, assessor=world.trainer_x
    )
    assessment_services.attempt_record(
        attempt=attempt,
        by=world.trainer_x,
        marks={c.pk: assessment_services.Mark(met=True) for c in template.criteria.all()},
        feedback="",
        assessed_on=cohort.end_date,
    )
    assessment_services.attempt_submit(attempt=attempt, by=world.trainer_x)
    with pytest.raises(ValidationError):
        certificate_services.certificate_issue(enrolment=enrolment, by=world.coordinator_x)
    assert not Certificate.objects.filter(enrolment=enrolment).exists()


@pytest.mark.parametrize("size", [2, 25])
def test_queue_queries_do_not_grow_with_real_evidence(
    client, world, mentor_cohort, size, django_assert_max_num_queries
):
    cohort, sessions, template = mentor_cohort
    for i in range(size):
        enrol(
            cohort,
            present=9 if i % 2 else 7,
            sessions=sessions,
            passed=bool(i % 3),
            template=template,
            world=world,
        )
    client.force_login(world.coordinator_x)
    client.get("/")  # once-per-session effects stay out of the count
    with django_assert_max_num_queries(26):
        response = client.get(reverse("certificates:queue", args=[cohort.pk]))
    assert response.status_code == 200
