"""Theory tests in the completion decision, the certify queue, the certificate and the learning
record: certificates read the tests' results and never work them out again."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from assessments.quizzes import services as quiz_services
from assessments.quizzes.rules import QuizResult
from certificates import rules, selectors
from certificates.learning_record import learning_record_pdf
from tests import factories
from tests.assessments.quizzes import answer, make_quiz, taken

pytestmark = pytest.mark.django_db

REASON = "Theory test “Food hygiene theory” not yet passed"


def _result(**fields):
    facts = {
        "quiz_id": 1,
        "quiz_name": "Food hygiene theory",
        "required_for_certification": True,
        "passed": False,
        "passed_on": None,
        "supervised": False,
        "attempts_used": 1,
        "attempts_allowed": 3,
    } | fields
    return QuizResult(**facts)


def _facts(*quizzes):
    return rules.EligibilityFacts(
        enrolment_status="active",
        withdrawn_on=None,
        awards_certificate=True,
        attendance_required=False,
        attendance_threshold=90,
        attendance=None,
        quizzes=quizzes,
    )


def test_required_quiz_not_passed_is_a_reason():
    reasons = rules.eligibility(_facts(_result())).reasons
    assert reasons == (f"{REASON} (1 of 3 attempts used).",)
    assert rules.eligibility(_facts(_result(passed=True))).eligible
    assert rules.eligibility(_facts(_result(required_for_certification=False))).eligible


def test_supervision_needs_every_required_test_assisted():
    day = datetime.date(2026, 12, 1)
    assisted = _result(passed=True, passed_on=day, supervised=True)
    alone = _result(quiz_id=2, passed=True, passed_on=day)
    assert rules.written_tests_supervised([assisted])
    assert not rules.written_tests_supervised([assisted, alone])
    assert not rules.written_tests_supervised([])
    assert rules.has_written_test([alone])
    assert not rules.has_written_test([])


@pytest.fixture
def course_with_test(world):
    course = factories.make_certifiable_course(title="Food Hygiene Basics", lessons=0)
    cohort = factories.CohortFactory(
        course=course, trainers=[world.trainer_x], coordinators=[world.coordinator_x]
    )
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    quiz = make_quiz(course, pass_mark=70, max_attempts=3, cooldown_hours=None)
    return cohort, enrolment, quiz


def test_queue_shows_the_reason_until_the_pass(client, world, course_with_test):
    cohort, enrolment, quiz = course_with_test
    client.force_login(world.coordinator_x)
    url = reverse("certificates:queue", args=[cohort.pk])
    assert REASON in client.get(url).text
    taken(enrolment, quiz, right=6)
    assert REASON in client.get(url).text
    with pytest.raises(ValidationError, match="not yet passed"):
        factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    taken(enrolment, quiz, right=7)
    assert REASON not in client.get(url).text
    certificate = factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    snapshot = certificate.snapshot
    assert snapshot["assessment_type"] == "practical observation and written test"
    assert snapshot["supervision"] == "written test unsupervised, identity not verified"
    assert snapshot["written_tests"] == [
        {"name": "Food hygiene theory", "passed_on": timezone.localdate().isoformat()}
    ]


def test_assisted_pass_is_supervised_on_the_certificate(world, course_with_test):
    cohort, enrolment, quiz = course_with_test
    session = factories.SessionFactory(cohort=cohort, date=timezone.localdate())
    factories.AttendanceRecordFactory(session=session, enrolment=enrolment, status="late")
    attempt = quiz_services.attempt_start(
        enrolment=enrolment, quiz=quiz, by=world.trainer_x, assisted=True
    )
    answer(attempt, world.trainer_x, right=10)
    quiz_services.attempt_submit(attempt=attempt, by=world.trainer_x)
    certificate = factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    assert certificate.snapshot["supervision"] == "supervised, identity verified"


def test_learning_record_lists_each_test_passed(world, course_with_test):
    _cohort, enrolment, quiz = course_with_test
    taken(enrolment, quiz, right=10)
    entry = next(
        e for e in selectors.learning_record(learner=world.learner_a) if e.enrolment == enrolment
    )
    assert entry.tests_passed == (("Food hygiene theory", timezone.localdate(), False),)
    assert learning_record_pdf(learner=world.learner_a).startswith(b"%PDF")


def test_the_certificate_pdf_names_the_test_passed(world, course_with_test):
    """The PDF is rendered (its snapshot keeps the date as text; the PDF prints it as a date),
    saying the type of assessment and naming the test with the day it was passed."""
    import io

    from pypdf import PdfReader

    from lms.formats import medium_date

    _cohort, enrolment, quiz = course_with_test
    taken(enrolment, quiz, right=7)
    certificate = factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    certificate.refresh_from_db()
    assert certificate.render_status == "rendered"
    with certificate.pdf.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "practical observation and written test" in text
    assert f"Food hygiene theory: passed {medium_date(timezone.localdate())}" in text
