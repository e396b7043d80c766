from dataclasses import dataclass

import pytest
from django.utils import timezone

from courses.models import CoursePage
from tests import factories
from tests.assessments.quizzes import make_quiz, taken


@dataclass
class Everything:
    """Learner A's objects in cohort X, of every kind a URL can name."""

    template: object
    attempt: object
    evidence: object
    session: object
    certificate: object
    mentor: object
    volunteer_request: object
    assignment: object
    trainee_enrolment: object  # an active enrolment in cohort X (A's is completed: certified)
    quiz: object = None  # a theory test of the course, not required; A passed it
    quiz_attempt: object = None  # A's passed attempt


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
    quiz = make_quiz(world.course, questions=2, required_for_certification=False)
    quiz_attempt = taken(world.enrolment_a, quiz, right=2)
    certificates_issue(
        cohort=world.cohort_x, enrolment_ids=[world.enrolment_a.pk], by=world.coordinator_x
    )
    mentor, volunteer_request, assignment = _mentoring(world)
    return Everything(
        template=practical.template,
        attempt=practical.attempt,
        evidence=practical.evidence,
        session=session,
        certificate=Certificate.objects.get(enrolment=world.enrolment_a),
        mentor=mentor,
        volunteer_request=volunteer_request,
        assignment=assignment,
        trainee_enrolment=factories.EnrolmentFactory(
            learner=factories.LearnerFactory(username="trainee_t"), cohort=world.cohort_x
        ),
        quiz=quiz,
        quiz_attempt=quiz_attempt,
    )


def _mentoring(world):
    """A mentor living in cohort X's region who mentors learner A, and A's pending request to
    train as a mentor."""
    from mentors.models import Assignment, VolunteerRequest
    from tests.mentors.conftest import certify

    course = factories.make_course(
        title="Peer Mentoring", slug="peer-mentoring", kind="mentor", validity_months=24, lessons=1
    )
    cohort = factories.CohortFactory(course=course, region=world.cohort_x.region)
    mentor = factories.UserFactory(username="mentor_m", profile__region=world.cohort_x.region)
    certify(mentor, cohort=cohort, on=timezone.localdate())
    assignment = Assignment.objects.create(
        mentor=mentor,
        mentee=world.learner_a,
        enrolment=world.enrolment_a,
        started_on=timezone.localdate(),
    )
    request = VolunteerRequest.objects.create(person=world.learner_a, motivation="To help.")
    return mentor, request, assignment
