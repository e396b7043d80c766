"""Two coordinators give the same mentor a trainee at the same moment: the mentor's capacity
holds. Real concurrency needs PostgreSQL (CI's second leg); SQLite serialises writers."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mentors import services
from mentors.models import Assignment
from tests import factories
from tests.certificates.test_concurrency import run_at_once
from tests.mentors.conftest import certify

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
]


def test_concurrent_assignments_do_not_exceed_capacity():
    from mentors.models import MentorProfile

    course = factories.make_course(kind="mentor", validity_months=24, lessons=1)
    mentor = factories.UserFactory()
    certify(mentor, cohort=factories.CohortFactory(course=course), on=timezone.localdate())
    MentorProfile.objects.create(mentor=mentor, max_mentees=2)
    coordinator = factories.CoordinatorFactory()
    cohort = factories.CohortFactory(coordinators=[coordinator])
    enrolments = [factories.EnrolmentFactory(cohort=cohort) for _ in range(6)]

    results, errors = run_at_once(
        6,
        lambda i: services.assignment_create(
            enrolment=enrolments[i], mentor=mentor, by=coordinator
        ),
    )

    assert len(results) == 2
    assert len(errors) == 4
    assert all(isinstance(e, ValidationError) for e in errors)
    assert Assignment.objects.filter(mentor=mentor, ended_on__isnull=True).count() == 2
