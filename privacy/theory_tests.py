"""Theory tests in a person's data (privacy/sections.py): each attempt with its score and the
answers the learner gave, in the words the attempt showed. Which answers were right is not
exported: the learner reads that on the result page once the test allows it (a pass, or the
last attempt), and the export must not show it earlier. Erasure keeps the attempts (the pass
rates per test count them); they hold no words about the person."""

from django.db.models import Prefetch

from assessments.models import AttemptQuestion, QuizAttempt
from privacy.formats import iso


def _answer(question: AttemptQuestion) -> list[str] | None:
    if question.answer is None:
        return None
    chosen = set(question.answer)
    return [option["text"] for option in question.options if option["key"] in chosen]


def export(user) -> list:
    """Two queries, whatever the number of attempts."""
    attempts = (
        QuizAttempt.objects.filter(enrolment__learner=user)
        .select_related("quiz", "enrolment__cohort__course", "assisted_by__profile")
        .prefetch_related(
            Prefetch("questions", queryset=AttemptQuestion.objects.order_by("position"))
        )
        .order_by("started_at", "pk")
    )
    return [
        {
            "course": a.enrolment.cohort.course.title,
            "theory_test": a.quiz.name_in(a.language),
            "attempt": a.number,
            "language": a.language,
            "status": a.status,
            "started_at": iso(a.started_at),
            "submitted_at": iso(a.submitted_at),
            "score": a.score,
            "max_score": a.max_score,
            "passed": a.passed,
            "assisted_by": str(a.assisted_by) if a.assisted_by_id else None,
            "questions": [
                {"question": q.text, "my_answer": _answer(q), "answered_at": iso(q.answered_at)}
                for q in a.questions.all()
            ],
        }
        for a in attempts
    ]


def erase(user) -> list[str]:
    return []
