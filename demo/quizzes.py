"""Demo theory test: Food Hygiene Basics gets a required test, "Food hygiene theory" (10 of 20
questions drawn from three categories, pass mark 70%, 3 attempts, 24 hours between them), its
questions in English and Spanish. `learner` failed a first attempt two hours ago (6 of 10, one
mark short) and can take it again once the 24 hours are over. Idempotent."""

import datetime
import random

from django.utils import timezone
from wagtail.models import Locale

from assessments.models import (
    AttemptQuestion,
    Question,
    QuestionCategory,
    QuestionOption,
    Quiz,
    QuizAttempt,
    QuizDraw,
)
from assessments.quizzes import services
from courses.models import CoursePage, Enrolment
from demo.content.food_hygiene_questions import QUESTIONS

COURSE = "Food Hygiene Basics"
QUIZ = "Food hygiene theory"
DRAWS = {"Storage": 4, "Temperatures": 3, "Cleaning and personal hygiene": 3}
NAMES = {"name_es": "Teoría de higiene alimentaria", "name_it": "Teoria dell'igiene alimentare"}


def _bank(course: CoursePage) -> dict[str, QuestionCategory]:
    english = Locale.get_default()
    spanish, _created = Locale.objects.get_or_create(language_code="es")
    categories = {
        name: QuestionCategory.objects.get_or_create(course=course, name=name)[0] for name in DRAWS
    }
    if Question.objects.filter(course=course).exists():
        return categories
    for category, kind, text, answers, feedback in QUESTIONS:
        original = None
        for index, locale in enumerate((english, spanish)):
            question = Question(
                course=course,
                category=categories[category],
                kind=kind,
                text=text[index],
                feedback=feedback[index],
                locale=locale,
                partial_credit=kind == "multiple",
            )
            if original is not None:
                question.translation_key = original.translation_key
            if kind == "true_false":
                question.true_is_correct = answers
            else:
                question.options = [
                    QuestionOption(text=words[index], correct=correct) for words, correct in answers
                ]
            question.save()
            original = original or question
    return categories


def seed(*, today: datetime.date, stdout) -> None:
    course = CoursePage.objects.filter(title=COURSE, locale=Locale.get_default()).first()
    if course is None:
        stdout.write(f"Theory tests: no course '{COURSE}', skipped.")
        return
    categories = _bank(course)
    quiz = Quiz.objects.filter(course=course, name=QUIZ).first()
    if quiz is None:
        quiz = Quiz(
            course=course,
            name=QUIZ,
            pass_mark=70,
            max_attempts=3,
            cooldown_hours=24,
            time_limit_minutes=None,
            required_for_certification=True,
            **NAMES,
        )
        quiz.draws = [QuizDraw(category=categories[name], count=n) for name, n in DRAWS.items()]
        quiz.save()
    enrolment = Enrolment.objects.filter(
        learner__username="learner", cohort__course=course, status=Enrolment.Status.ACTIVE
    ).first()
    if enrolment is not None and not QuizAttempt.objects.filter(enrolment=enrolment).exists():
        learner = enrolment.learner
        attempt = services.attempt_start(
            enrolment=enrolment, quiz=quiz, by=learner, rng=random.Random(20)
        )
        for question in attempt.questions.order_by("position"):
            # Six right, four wrong: 60%, one mark short of the 70% pass mark.
            key = next(
                o["key"] for o in question.options if o["correct"] == (question.position <= 6)
            )
            services.answer_save(
                attempt=attempt, by=learner, position=question.position, chosen=[key]
            )
        services.attempt_submit(attempt=attempt, by=learner)
        # Taken two hours ago, in twenty minutes: the cool-down ends tomorrow.
        ago = timezone.now() - datetime.timedelta(hours=2)
        QuizAttempt.objects.filter(pk=attempt.pk).update(
            started_at=ago - datetime.timedelta(minutes=20), submitted_at=ago
        )
        # Each answer given a minute after the one before, between the start and the hand-in.
        answered = list(attempt.questions.all())
        for question in answered:
            question.answered_at = ago - datetime.timedelta(minutes=20 - question.position)
        AttemptQuestion.objects.bulk_update(answered, ["answered_at"])
    stdout.write(
        f"Theory tests: '{QUIZ}' on {COURSE}, {Question.objects.filter(course=course).count()} "
        "questions (English and Spanish)."
    )
