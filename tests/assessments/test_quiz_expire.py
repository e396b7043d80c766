"""Timed attempts are handed in at their deadline by the periodic job (command or task), not
only when someone next opens them; through the service, once each, however often it runs."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from assessments.models import Quiz, QuizAttempt, QuizDraw
from assessments.quizzes import services
from assessments.quizzes.tasks import quiz_attempts_expire_task
from tests.assessments.quizzes import make_quiz

pytestmark = pytest.mark.django_db


def _run_command() -> str:
    out = io.StringIO()
    call_command("quiz_attempts_expire", stdout=out)
    return out.getvalue()


@pytest.fixture
def attempts(world):
    timed = make_quiz(world.course, questions=2, time_limit_minutes=10, name="Timed")
    untimed = Quiz(course=world.course, name="Untimed")
    untimed.draws = [QuizDraw(category=timed.draws.get().category, count=2)]
    untimed.save()
    a_timed = services.attempt_start(enrolment=world.enrolment_a, quiz=timed, by=world.learner_a)
    a_untimed = services.attempt_start(
        enrolment=world.enrolment_a, quiz=untimed, by=world.learner_a
    )
    # The first question answered right in time; the second never answered.
    key = next(o["key"] for o in a_timed.questions.get(position=1).options if o["correct"])
    services.answer_save(attempt=a_timed, by=world.learner_a, position=1, chosen=[key])
    return a_timed, a_untimed


def test_command_hands_in_expired_attempts_once(world, attempts):
    timed, untimed = attempts
    # At the deadline itself the attempt is still in time: nothing is closed.
    with time_machine.travel(timed.deadline):
        assert _run_command().startswith("0 ")
    later = timed.deadline + datetime.timedelta(seconds=1)
    with time_machine.travel(later):
        assert _run_command().startswith("1 ")
        timed.refresh_from_db()
        assert (timed.status, timed.score, timed.max_score, timed.passed) == (
            "submitted",
            100,
            200,
            False,
        )
        # A second run (or a second machine) closes nothing more, and logs nothing more.
        assert _run_command().startswith("0 ")
    untimed.refresh_from_db()
    assert untimed.status == "open"  # no time limit: it waits for the learner
    entries = ModelLogEntry.objects.filter(action="assessments.quiz_attempt.submit")
    assert [(e.object_id, e.user_id) for e in entries] == [(str(timed.pk), None)]


def test_an_attempt_handed_in_by_the_learner_is_left_alone(world, attempts):
    timed, _untimed = attempts
    services.attempt_submit(attempt=timed, by=world.learner_a)
    with time_machine.travel(timed.deadline + datetime.timedelta(hours=1)):
        assert _run_command().startswith("0 ")
    assert QuizAttempt.objects.get(pk=timed.pk).submitted_at < timed.deadline


def test_task_does_the_same(world, attempts):
    timed, _untimed = attempts
    with time_machine.travel(timed.deadline + datetime.timedelta(minutes=5)):
        assert quiz_attempts_expire_task.enqueue().return_value == 1
        assert quiz_attempts_expire_task.enqueue().return_value == 0
    timed.refresh_from_db()
    assert timed.status == "submitted"
