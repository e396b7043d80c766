"""Theory test services: who may start, the frozen attempt, answers, submission, integrity."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assessments.models import AttemptQuestion, QuestionOption, QuizAttempt
from assessments.quizzes import services
from tests import factories
from tests.assessments.quizzes import answer, make_quiz, taken


@pytest.fixture
def quiz(world):
    return make_quiz(world.course, pass_mark=70, max_attempts=3, cooldown_hours=24)


def test_attempt_is_frozen(world, quiz):
    attempt = services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    questions = list(attempt.questions.all())
    assert len(questions) == 10
    assert attempt.max_score == 1000
    assert attempt.language == "en"
    assert attempt.number == 1
    shown = [o["text"] for o in questions[0].options]
    # Editing the bank afterwards changes nothing the attempt showed.
    QuestionOption.objects.update(text="edited", correct=False)
    again = AttemptQuestion.objects.get(pk=questions[0].pk)
    assert [o["text"] for o in again.options] == shown
    assert any(o["correct"] for o in again.options)


def test_fails_by_one_mark_at_the_boundary_then_passes_after_cooldown(world, quiz):
    first = taken(world.enrolment_a, quiz, right=6)
    assert (first.score, first.max_score, first.passed) == (600, 1000, False)
    with pytest.raises(ValidationError, match="can start from"):
        services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    with time_machine.travel(first.submitted_at + datetime.timedelta(hours=24)):
        second = taken(world.enrolment_a, quiz, right=7)
    assert (second.number, second.score, second.passed) == (2, 700, True)
    with pytest.raises(ValidationError, match="already been passed"):
        services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)


def test_attempt_limit(world):
    quiz = make_quiz(world.course, questions=2, max_attempts=2, cooldown_hours=None)
    taken(world.enrolment_a, quiz, right=0)
    taken(world.enrolment_a, quiz, right=0)
    with pytest.raises(ValidationError, match="All 2 attempts"):
        services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)


def test_only_the_learner_starts_their_own(world, quiz):
    for someone in (world.learner_b, world.trainer_x, world.outsider):
        with pytest.raises(ValidationError):
            services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=someone)
    assert not QuizAttempt.objects.exists()


def test_one_open_attempt(world, quiz):
    services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    with pytest.raises(ValidationError, match="already in progress"):
        services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)


def test_answers_refused_after_submit_and_for_questions_not_shown(world, quiz):
    attempt = services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    first = attempt.questions.get(position=1)
    with pytest.raises(ValidationError, match="not part of this attempt"):
        services.answer_save(attempt=attempt, by=world.learner_a, position=11, chosen=[])
    with pytest.raises(ValidationError, match="among the options"):
        services.answer_save(attempt=attempt, by=world.learner_a, position=1, chosen=["999999"])
    keys = [o["key"] for o in first.options]
    with pytest.raises(ValidationError, match="one answer only"):
        services.answer_save(attempt=attempt, by=world.learner_a, position=1, chosen=keys[:2])
    with pytest.raises(ValidationError, match="not yours"):
        services.answer_save(attempt=attempt, by=world.learner_b, position=1, chosen=[])
    services.attempt_submit(attempt=attempt, by=world.learner_a)
    with pytest.raises(ValidationError, match="submitted"):
        services.answer_save(attempt=attempt, by=world.learner_a, position=1, chosen=[])
    # A second tab handing in the same attempt is refused, and the score stays.
    with pytest.raises(ValidationError, match="submitted"):
        services.attempt_submit(attempt=attempt, by=world.learner_a)
    assert QuizAttempt.objects.get(pk=attempt.pk).score == 0


def test_stale_copy_cannot_submit_twice(world, quiz):
    attempt = services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    stale = QuizAttempt.objects.get(pk=attempt.pk)
    answer(attempt, world.learner_a, right=10)
    services.attempt_submit(attempt=attempt, by=world.learner_a)
    with pytest.raises(ValidationError):
        services.attempt_submit(attempt=stale, by=world.learner_a)
    assert ModelLogEntry.objects.filter(action="assessments.quiz_attempt.submit").count() == 1


def test_deadline_on_the_server_clock(world):
    quiz = make_quiz(world.course, questions=2, time_limit_minutes=10)
    attempt = services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    assert attempt.deadline == attempt.started_at + datetime.timedelta(minutes=10)
    key = next(o["key"] for o in attempt.questions.get(position=1).options if o["correct"])
    with time_machine.travel(attempt.deadline):
        services.answer_save(attempt=attempt, by=world.learner_a, position=1, chosen=[key])
    with time_machine.travel(attempt.deadline + datetime.timedelta(seconds=1)):
        with pytest.raises(ValidationError, match="time for this attempt is over"):
            services.answer_save(attempt=attempt, by=world.learner_a, position=2, chosen=[key])
        closed = services.attempt_expire(attempt=attempt)
    assert (closed.status, closed.score, closed.passed) == ("submitted", 100, False)


def _present_today(world, enrolment):
    session = factories.SessionFactory(cohort=enrolment.cohort, date=timezone.localdate())
    factories.AttendanceRecordFactory(session=session, enrolment=enrolment, status="present")


def test_assisted_attempt_needs_the_learner_present(world, quiz):
    with pytest.raises(ValidationError, match="not recorded present"):
        services.attempt_start(
            enrolment=world.enrolment_a, quiz=quiz, by=world.trainer_x, assisted=True
        )
    _present_today(world, world.enrolment_a)
    with pytest.raises(ValidationError, match="trainer or coordinator of this learner"):
        services.attempt_start(
            enrolment=world.enrolment_a, quiz=quiz, by=world.trainer_y, assisted=True
        )
    attempt = services.attempt_start(
        enrolment=world.enrolment_a, quiz=quiz, by=world.trainer_x, assisted=True
    )
    assert attempt.assisted_by == world.trainer_x
    # The trainer enters the answers; the learner cannot answer an assisted attempt alone.
    with pytest.raises(ValidationError, match="not yours"):
        answer(attempt, world.learner_a, right=10)
    answer(attempt, world.trainer_x, right=8)
    done = services.attempt_submit(attempt=attempt, by=world.trainer_x)
    assert done.passed
    entry = ModelLogEntry.objects.get(action="assessments.quiz_attempt.start")
    assert entry.data["assisted"] is True
    assert entry.user_id == world.trainer_x.pk
    assert ModelLogEntry.objects.get(action="assessments.quiz_attempt.submit").data["assisted"]


def test_staff_never_assist_their_own_enrolment(world, quiz):
    own = factories.EnrolmentFactory(learner=world.trainer_x, cohort=world.cohort_x)
    _present_today(world, own)
    with pytest.raises(ValidationError):
        services.attempt_start(enrolment=own, quiz=quiz, by=world.trainer_x, assisted=True)


def test_draw_short_of_questions_is_refused(world):
    quiz = make_quiz(world.course, questions=3)
    quiz.draws.update(count=5)
    with pytest.raises(ValidationError, match="has only 3"):
        services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    assert not QuizAttempt.objects.exists()


def test_attempt_in_the_learners_language_falls_back_to_the_original(world):
    from wagtail.models import Locale

    from assessments.models import Question

    quiz = make_quiz(world.course, questions=2)
    spanish = Locale.objects.get_or_create(language_code="es")[0]
    first, second = Question.objects.order_by("pk")
    translated = first.copy_for_translation(spanish)
    translated.text = "Higiene P1"
    translated.save()
    for option in translated.options.all():
        option.text = f"es {option.text}"
        option.save()
    # Only the first question is translated; the second keeps its English words.
    world.learner_a.profile.preferred_language = "es"
    world.learner_a.profile.save()
    attempt = services.attempt_start(enrolment=world.enrolment_a, quiz=quiz, by=world.learner_a)
    assert attempt.language == "es"
    shown = {q.question_id: q for q in attempt.questions.all()}
    assert shown[first.pk].text == "Higiene P1"
    assert {o["text"] for o in shown[first.pk].options} == {
        "es right",
        "es wrong one",
        "es wrong two",
    }
    assert shown[second.pk].text == "Hygiene Q2"
    # Each is marked with the language its words are in: read aloud with that language's voice
    # (static/js/listen.js), not with the attempt's.
    assert (shown[first.pk].shown_language, shown[second.pk].shown_language) == ("es", "en")
    # Which option is right comes from the original, whatever the translation says.
    right = next(o for o in shown[first.pk].options if o["correct"])
    assert right["text"] == "es right"
    assert {o["text"] for o in shown[second.pk].options if o["correct"]} == {"right"}
