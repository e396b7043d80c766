"""What "My data" holds beyond the first sections: theory tests (the answers given, never which
were right), self check-ins and cards (never a card's token), the digital credential beside each
valid certificate, the learning records, and the writes a phone sent later; and what erasure does
to each (privacy/theory_tests.py, checkin.py, certificates.py, learning_records.py, offline.py)."""

import datetime
import json
import uuid

import pytest
from django.core.exceptions import ValidationError

from assessments.attendance import checkin_services
from assessments.models import LearnerCard, SelfCheckIn
from certificates.learning_record import learning_record_issue
from lms.models import ReplayedWrite
from lms.offline.services import offline_write_replay
from privacy.services import person_erase
from tests import factories
from tests.assessments.quizzes import make_quiz, taken
from tests.assessments.test_checkin_services import check_in
from tests.assessments.test_quiz_services import _present_today
from tests.privacy.test_privacy import download

pytestmark = pytest.mark.django_db


def my_data(client, user) -> dict:
    return json.loads(download(client, user).read("data.json"))


def test_theory_tests_with_the_answers_given_and_never_which_were_right(client, world):
    quiz = make_quiz(world.course, questions=4, pass_mark=70)
    taken(world.enrolment_a, quiz, right=1)
    taken(world.enrolment_b, quiz, right=4)

    data = my_data(client, world.learner_a)
    (attempt,) = data["theory_tests"]
    assert (attempt["theory_test"], attempt["attempt"], attempt["status"]) == (
        "Food hygiene theory",
        1,
        "submitted",
    )
    # Marks in hundredths of a question (partial credit): one of four right.
    assert (attempt["score"], attempt["max_score"], attempt["passed"]) == (100, 400, False)
    assert attempt["assisted_by"] is None
    assert len(attempt["questions"]) == 4
    # The words of the option chosen, one per question: one right, three wrong.
    chosen = [q["my_answer"] for q in attempt["questions"]]
    assert all(len(answer) == 1 for answer in chosen)
    assert sorted(answer[0] for answer in chosen).count("right") == 1
    assert {answer[0] for answer in chosen} <= {"right", "wrong one", "wrong two"}
    text = json.dumps(data["theory_tests"])
    assert '"correct"' not in text
    assert "feedback" not in text
    assert world.learner_b.username not in json.dumps(data)


def test_an_assisted_attempt_names_who_assisted(client, world):
    from assessments.quizzes import services

    quiz = make_quiz(world.course, questions=2)
    _present_today(world, world.enrolment_a)
    attempt = services.attempt_start(
        enrolment=world.enrolment_a, quiz=quiz, by=world.trainer_x, assisted=True
    )
    (exported,) = my_data(client, world.learner_a)["theory_tests"]
    assert exported["status"] == "open"
    assert exported["assisted_by"] == str(world.trainer_x)
    assert [q["my_answer"] for q in exported["questions"]] == [None, None]
    assert exported["attempt"] == attempt.number


@pytest.fixture
def checked_in(world):
    """Learner A checked in to today's session (11:00 to 14:00; the tests run at noon)."""
    session = factories.SessionFactory(
        cohort=world.cohort_x,
        topic="Sourdough",
        start_time=datetime.time(11),
        end_time=datetime.time(14),
    )
    window = checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    check_in(window, world.learner_a, device="shared-phone")
    return session


def test_check_ins_and_cards_never_the_token(client, world, checked_in):
    card = checkin_services.card_issue(learner=world.learner_a, by=world.learner_a)
    data = my_data(client, world.learner_a)["self_check_in"]
    (done,) = data["self_check_ins"]
    assert (done["session"], done["course"]) == ("Sourdough", "Artisan Baking")
    (exported_card,) = data["check_in_cards"]
    assert exported_card["withdrawn_at"] is None
    assert card.token not in json.dumps(data)
    assert "shared-phone" not in json.dumps(data)


def test_erasure_withdraws_the_card_and_forgets_the_phone(client, world, checked_in):
    card = checkin_services.card_issue(learner=world.learner_a, by=world.learner_a)
    person_erase(user=world.learner_a, by=world.superuser)

    card.refresh_from_db()
    assert card.revoked_at is not None
    assert not LearnerCard.objects.filter(learner=world.learner_a, revoked_at=None).exists()
    (kept,) = SelfCheckIn.objects.filter(enrolment=world.enrolment_a)
    assert kept.device == f"erased-{kept.pk}"
    assert kept.record_id is not None  # the attendance it wrote still counts


def test_the_credential_beside_a_valid_certificate_and_the_learning_record(client, world):
    from certificates.services import certificate_revoke
    from courses.models import CoursePage

    CoursePage.objects.filter(pk=world.course.pk).update(attendance_required=False)
    factories.complete_required_lessons(world.enrolment_a)
    certificate = factories.certificate_issue_now(world.enrolment_a, by=world.coordinator_x)
    record = learning_record_issue(learner=world.learner_a, entries=[], language="es")

    data = my_data(client, world.learner_a)
    (exported,) = data["certificates"]
    assert exported["digital_credential"] == {
        "signed": certificate.credential.jwt,
        "public_lookup": True,
    }
    (exported_record,) = data["learning_records"]
    assert exported_record["verification_code"] == record.verification_code
    assert exported_record["language"] == "es"
    assert exported_record["recorded"]["printed_name"] == world.learner_a.display_name

    # A revoked certificate's credential is not handed out again, as on "My certificates".
    certificate_revoke(certificate=certificate, reason="Issued in error", by=world.coordinator_x)
    (exported,) = my_data(client, world.learner_a)["certificates"]
    assert exported["status"] == "revoked"
    assert exported["digital_credential"] is None


def test_writes_sent_later_are_exported_then_erased(client, world):
    offline_write_replay(
        user=world.learner_a,
        key=str(uuid.uuid4()),
        action="lesson_done",
        perform=lambda: "Marked as done: Shaping loaves.",
    )

    def refused():
        raise ValidationError("You are no longer enrolled.")

    offline_write_replay(
        user=world.learner_a, key=str(uuid.uuid4()), action="lesson_done", perform=refused
    )
    offline_write_replay(
        user=world.learner_b, key=str(uuid.uuid4()), action="lesson_done", perform=lambda: "B"
    )

    sent = my_data(client, world.learner_a)["writes_sent_later"]
    assert [(w["outcome"], w["answer"]) for w in sent] == [
        ("done", "Marked as done: Shaping loaves."),
        ("refused", "You are no longer enrolled."),
    ]
    person_erase(user=world.learner_a, by=world.superuser)
    assert not ReplayedWrite.objects.filter(user=world.learner_a).exists()
    assert ReplayedWrite.objects.filter(user=world.learner_b).count() == 1
