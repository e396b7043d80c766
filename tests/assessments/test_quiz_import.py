"""Importing questions in the admin: a file with one bad question is refused whole, with its
line named; a good one is previewed, then imported on confirmation; the bank exports as GIFT."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessments.models import Question, QuestionCategory
from assessments.quizzes import gift

pytestmark = pytest.mark.django_db

GOOD = """$CATEGORY: Hygiene
Where do raw meats go? {=Bottom shelf ~Top shelf}

Wash hands after raw eggs. {T}
"""
BAD = GOOD + "\nWhat is the safe temperature? {~3 °C ~12 °C}\n"


def _upload(client, world, name, text):
    url = reverse("assessments_question_import")
    return client.post(
        url,
        {"course": world.course.pk, "file": SimpleUploadedFile(name, text.encode("utf-8"))},
    )


def test_one_bad_question_refuses_the_whole_file(client, world):
    client.force_login(world.coordinator_x)
    response = _upload(client, world, "bank.gift", BAD)
    assert response.status_code == 200
    assert "Line 6: No right answer" in response.text
    assert "Import these questions" not in response.text
    assert not Question.objects.exists()


def test_preview_then_import_then_export(client, world):
    client.force_login(world.coordinator_x)
    response = _upload(client, world, "bank.gift", GOOD)
    assert "2 questions will be added" in response.text
    assert not Question.objects.exists()
    fingerprint = response.context["fingerprint"]
    url = reverse("assessments_question_import")
    client.post(url, {"confirm": "1", "fingerprint": fingerprint})
    assert Question.objects.filter(course=world.course).count() == 2
    assert QuestionCategory.objects.get().name == "Hygiene"
    # Confirming the same preview twice imports nothing more.
    client.post(url, {"confirm": "1", "fingerprint": fingerprint})
    assert Question.objects.count() == 2
    exported = client.get(reverse("assessments_question_export", args=[world.course.pk]))
    parsed = gift.parse(exported.content.decode())
    assert [q.text for q in parsed.questions] == [
        "Where do raw meats go?",
        "Wash hands after raw eggs.",
    ]


def test_csv_template_imports_and_learners_cannot(client, world):
    from assessments.quizzes.csv_template import SAMPLE_CSV

    client.force_login(world.learner_a)
    assert _upload(client, world, "bank.csv", SAMPLE_CSV).status_code in (302, 403)
    client.force_login(world.coordinator_x)
    response = _upload(client, world, "bank.csv", SAMPLE_CSV)
    assert "3 questions will be added" in response.text


def test_bank_round_trip_keeps_every_kind_and_scoring(world):
    """Imported, exported, imported again into another course: the same questions, scoring and
    all (the `// lms:scoring=` comment carries what GIFT cannot say)."""
    from assessments.quizzes import imports
    from tests import factories
    from tests.assessments.test_quiz_gift import EVERY_KIND

    imports.questions_import(course=world.course, questions=EVERY_KIND, by=None)
    exported = imports.bank_export(course=world.course)
    parsed = gift.parse(exported)
    assert parsed.problems == []
    other = factories.make_course(title="Organic Farming", slug="organic-farming", lessons=0)
    imports.questions_import(course=other, questions=parsed.questions, by=None)

    def bank(course):
        return [
            (
                q.kind,
                q.text,
                q.feedback,
                q.partial_credit,
                q.true_is_correct,
                *((o.text, o.correct, o.feedback) for o in q.options.all()),
            )
            for q in Question.objects.filter(course=course).order_by("pk")
        ]

    assert bank(other) == bank(world.course)
    assert [row[3] for row in bank(other) if row[0] == "multiple"] == [False, True, False, True]
