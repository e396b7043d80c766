from dataclasses import dataclass

import pytest
from django.utils import timezone

from courses.models import CoursePage
from tests import factories


@dataclass
class Everything:
    """Learner A's objects in cohort X, of every kind a URL can name."""

    template: object
    attempt: object
    evidence: object
    session: object
    certificate: object


@pytest.fixture
def practical(practical, world) -> Everything:
    """Extends the shared fixture with a session of cohort X that A attended, and A's certificate
    (issued through the queue, so it has its batch)."""
    from certificates.models import Certificate
    from certificates.services import certificates_issue

    session = factories.SessionFactory(cohort=world.cohort_x, date=timezone.localdate())
    factories.AttendanceRecordFactory(
        session=session, enrolment=world.enrolment_a, status="present"
    )
    # Attendance is measured, but A's certificate must not wait for the cohort's end.
    CoursePage.objects.filter(pk=world.course.pk).update(attendance_required=False)
    factories.complete_required_lessons(world.enrolment_a)
    certificates_issue(
        cohort=world.cohort_x, enrolment_ids=[world.enrolment_a.pk], by=world.coordinator_x
    )
    return Everything(
        template=practical.template,
        attempt=practical.attempt,
        evidence=practical.evidence,
        session=session,
        certificate=Certificate.objects.get(enrolment=world.enrolment_a),
    )
