"""Questions into a course's bank from a GIFT or CSV file: every question or none. The flow is
upload -> preview (every bad line named) -> confirm, as the enrolment import."""

import dataclasses

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale

from assessments.models import Question, QuestionCategory, QuestionOption
from assessments.quizzes import csv_template, gift
from courses.models import CoursePage
from courses.selectors import cohorts_coordinated_by

MAX_BYTES = 1024 * 1024
MSG_NOT_COORDINATOR = _("Only a coordinator of this course can change its question bank.")
MSG_INVALID = _("The file has errors, so nothing was imported.")


def bank_editable_by(user, course: CoursePage) -> bool:
    return user.is_superuser or cohorts_coordinated_by(user).filter(course=course).exists()


def courses_with_bank_for(user):
    """The courses whose question bank the user may import into or export."""
    courses = CoursePage.objects.filter(locale__language_code=Locale.get_default().language_code)
    if user.is_superuser:
        return courses.order_by("title")
    return courses.filter(pk__in=cohorts_coordinated_by(user).values("course_id")).order_by("title")


def parse_file(name: str, data: bytes) -> gift.Parsed:
    """A GIFT file (.gift or .txt) or the CSV template (.csv), by its name."""
    if name.lower().endswith(".csv"):
        return csv_template.parse(data)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return gift.Parsed(problems=[gift.Problem(1, str(csv_template.MSG_NOT_TEXT))])
    return gift.parse(text)


def to_session(questions: list[gift.ParsedQuestion]) -> list[dict]:
    return [dataclasses.asdict(q) for q in questions]


def from_session(rows: list[dict]) -> list[gift.ParsedQuestion]:
    return [
        gift.ParsedQuestion(
            **{k: v for k, v in row.items() if k != "options"},
            options=tuple(gift.ParsedOption(**o) for o in row["options"]),
        )
        for row in rows
    ]


@transaction.atomic
def questions_import(*, course: CoursePage, questions: list[gift.ParsedQuestion], by) -> int:
    """Add the questions to the course's bank, in the default language, creating categories by
    name as needed. All or nothing."""
    if by is not None and not bank_editable_by(by, course):
        raise ValidationError(MSG_NOT_COORDINATOR)
    if not questions:
        raise ValidationError(MSG_INVALID)
    locale = Locale.get_default()
    categories = {c.name: c for c in QuestionCategory.objects.filter(course=course)}
    for parsed in questions:
        category = categories.get(parsed.category)
        if category is None:
            category = categories[parsed.category] = QuestionCategory.objects.create(
                course=course, name=parsed.category[:200]
            )
        question = Question(
            course=course,
            category=category,
            kind=parsed.kind,
            text=parsed.text,
            feedback=parsed.feedback,
            partial_credit=parsed.partial_credit,
            true_is_correct=parsed.true_is_correct,
            locale=locale,
        )
        question.options = [
            QuestionOption(text=o.text[:500], correct=o.correct, feedback=o.feedback[:500])
            for o in parsed.options
        ]
        question.save()
    log(
        instance=course,
        action="assessments.question.import",
        user=by,
        data={"questions": len(questions)},
    )
    return len(questions)


def bank_export(*, course: CoursePage) -> str:
    """The course's bank (its original questions) as a GIFT file."""
    questions = (
        Question.objects.filter(course=course, locale=Locale.get_default())
        .select_related("category")
        .prefetch_related("options")
        .order_by("category__name", "pk")
    )
    return gift.export(
        dataclasses.replace(
            gift.ParsedQuestion(
                line=0,
                category=q.category.name,
                kind=q.kind,
                text=q.text,
                feedback=q.feedback,
                partial_credit=q.partial_credit,
                true_is_correct=q.true_is_correct,
            ),
            options=tuple(
                gift.ParsedOption(o.text, o.correct, o.feedback) for o in q.options.all()
            ),
        )
        for q in questions
    )
