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
