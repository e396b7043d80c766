"""Theory test pages through the learner's door: one question per screen, answers kept across
a reload, nothing of the answers shown before handing in, fixed query counts."""

import re

import pytest
from django.urls import reverse

from assessments.models import QuizAttempt
from tests.assessments.quizzes import make_quiz

pytestmark = pytest.mark.django_db


def _start(client, world, quiz):
    client.force_login(world.learner_a)
    response = client.post(reverse("quizzes:start", args=[world.enrolment_a.pk, quiz.pk]))
    attempt = QuizAttempt.objects.get()
    assert response["Location"] == reverse("quizzes:attempt", args=[attempt.pk])
    return attempt


def test_take_reload_and_hand_in(client, world):
    quiz = make_quiz(world.course, questions=3, pass_mark=70)
    attempt = _start(client, world, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    page = client.get(url).text
    assert "Question 1 of 3" in page
    assert "data-listen" in page
    # The question and its options say their language (English, the bank's), for the voice
    # that reads them and for screen readers.
    assert '<legend class="fs-5" id="question-text" lang="en" data-speak>' in page
    assert page.count('lang="en" data-speak>') == 4
    # The options are shown, never which is right or the feedback.
    assert "Because of" not in page
    assert "correct" not in page.lower()
    first = attempt.questions.get(position=1)
    right = next(o["key"] for o in first.options if o["correct"])
    response = client.post(url, {"position": 1, "answer": right, "go": "next"})
    assert response["Location"].endswith("?q=2")
    # A reload (the connection dropped) resumes at the first unanswered question, answer kept.
    assert "Question 2 of 3" in client.get(url).text
    kept = re.search(r'<input[^>]*value="(\w+)"[^>]*checked', client.get(url + "?q=1").text)
    assert kept
    assert kept.group(1) == right
    # An option the question did not show is refused and nothing is saved.
    response = client.post(url, {"position": 2, "answer": "999999"})
    assert response.status_code == 200
    assert attempt.questions.get(position=2).answer is None
    # "Save and next" with nothing chosen goes on, and the question still counts as unanswered:
    # the counter does not count it, and the review says so before handing in.
    response = client.post(url, {"position": 2, "go": "next"})
    assert response["Location"].endswith("?q=3")
    assert attempt.questions.get(position=2).answer is None
    assert "Answered 1 of 3: check and hand in" in client.get(url + "?q=3").text
    review = client.get(reverse("quizzes:review", args=[attempt.pk])).text
    assert "2 questions have no answer" in review
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    attempt.refresh_from_db()
    assert (attempt.status, attempt.score, attempt.passed) == ("submitted", 100, False)
    result = client.get(reverse("quizzes:result", args=[attempt.pk])).text
    assert "Your score: 33%" in result
    # Not the last attempt and not passed: which answers were wrong stays hidden.
    assert "Because of" not in result
    # Handing in again from another tab changes nothing.
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert QuizAttempt.objects.get().score == 100


def test_corrections_after_the_last_attempt(client, world):
    quiz = make_quiz(world.course, questions=2, max_attempts=1)
    attempt = _start(client, world, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    result = client.get(reverse("quizzes:result", args=[attempt.pk])).text
    assert "Because of 1." in result
    assert "Wrong" in result


def test_other_people_cannot_open_or_answer(client, world):
    quiz = make_quiz(world.course, questions=2)
    attempt = _start(client, world, quiz)
    client.force_login(world.learner_b)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"position": 1, "answer": "x"}).status_code == 404
    client.force_login(world.trainer_x)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("questions", [2, 40])
def test_question_page_queries_do_not_grow(client, world, django_assert_max_num_queries, questions):
    quiz = make_quiz(world.course, questions=questions)
    attempt = _start(client, world, quiz)
    url = reverse("quizzes:attempt", args=[attempt.pk])
    client.get(url)
    with django_assert_max_num_queries(9):
        assert client.get(url + "?q=2").status_code == 200
    key = attempt.questions.get(position=2).options[0]["key"]
    with django_assert_max_num_queries(14):
        client.post(url, {"position": 2, "answer": key})
    with django_assert_max_num_queries(9):
        client.get(reverse("quizzes:review", args=[attempt.pk]))
    with django_assert_max_num_queries(10):
        client.get(reverse("quizzes:mine"))


@pytest.mark.parametrize("questions", [2, 40])
def test_result_page_queries_do_not_grow(client, world, django_assert_max_num_queries, questions):
    quiz = make_quiz(world.course, questions=questions, max_attempts=1)
    attempt = _start(client, world, quiz)
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    url = reverse("quizzes:result", args=[attempt.pk])
    client.get(url)
    with django_assert_max_num_queries(10):
        assert "Because of 1." in client.get(url).text


def test_the_assist_page_says_why_there_is_nobody_to_assist(client, world):
    """Its advice fits the case: with no theory test in the trainer's courses, taking the roll
    call (done or not) would change nothing."""
    client.force_login(world.trainer_x)
    page = client.get(reverse("quizzes:assist")).text
    assert "The courses of your groups have no theory test." in page
    assert "Take the roll call first." not in page

    make_quiz(world.course, questions=3)
    page = client.get(reverse("quizzes:assist")).text
    assert "No learner with a theory test is recorded present today." in page
    assert "Take the roll call first." in page
