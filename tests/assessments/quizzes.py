"""Helpers for the theory test tests: a bank of single-choice questions and a quiz over it."""

from wagtail.models import Locale

from assessments.models import Question, QuestionCategory, QuestionOption, Quiz, QuizDraw
from assessments.quizzes import services


def make_bank(course, *, questions: int = 10, category: str = "Hygiene") -> QuestionCategory:
    """`questions` single-choice questions "Q1".. each with "right" (correct) and two wrong."""
    locale = Locale.get_default()
    cat = QuestionCategory.objects.create(course=course, name=category)
    for n in range(1, questions + 1):
        question = Question(
            course=course, category=cat, kind="single", text=f"{category} Q{n}", locale=locale
        )
        question.options = [
            QuestionOption(text="right", correct=True, feedback="Yes."),
            QuestionOption(text="wrong one"),
            QuestionOption(text="wrong two", feedback="No."),
        ]
        question.feedback = f"Because of {n}."
        question.save()
    return cat


def make_quiz(course, *, questions: int = 10, draw: int | None = None, **fields) -> Quiz:
    category = make_bank(course, questions=questions)
    quiz = Quiz(course=course, name=fields.pop("name", "Food hygiene theory"), **fields)
    quiz.draws = [QuizDraw(category=category, count=draw or questions)]
    quiz.save()
    return quiz


def answer(attempt, by, *, right: int):
    """Answer every question of the attempt: the first `right` right, the rest wrong."""
    for question in attempt.questions.order_by("position"):
        key = next(
            o["key"] for o in question.options if o["correct"] == (question.position <= right)
        )
        services.answer_save(attempt=attempt, by=by, position=question.position, chosen=[key])


def taken(enrolment, quiz, *, right: int, by=None):
    by = by or enrolment.learner
    attempt = services.attempt_start(enrolment=enrolment, quiz=quiz, by=by)
    answer(attempt, by, right=right)
    return services.attempt_submit(attempt=attempt, by=by)
