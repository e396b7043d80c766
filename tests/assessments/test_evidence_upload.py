"""Evidence on a phone and the error summary of the practical assessment record page (issue 18,
item 7): "Take a photo" and "Choose a file", limits said before sending, each problem listed."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Evidence
from tests import factories
from tests.assessments.practical import bread_template, recorded
from tests.assessments.test_practical_views import marks_post


@pytest.fixture
def bread(world):
    return bread_template(world.course)


def test_evidence_is_offered_as_take_a_photo_and_choose_a_file(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    page = client.get(f"/assessments/attempts/{attempt.pk}/record/").text
    photo = re.search(r'<input type="file" name="photo"[^>]*>', page).group(0)
    chosen = re.search(r'<input type="file" name="evidence"[^>]*>', page).group(0)
    assert 'accept="image/*"' in photo
    assert 'capture="environment"' in photo
    assert 'accept="image/*,application/pdf"' in chosen
    assert (
        "capture" not in chosen
    )  # on Android, a field that may open the camera offers nothing else
    for field in (photo, chosen):
        assert 'data-max-bytes="10485760"' in field
        assert "multiple" in field
    assert "Take a photo" in page
    assert "Choose a file" in page
    assert "/static/js/evidence.js" in page
    assert "error-summary" not in page  # nothing wrong yet


def test_a_photo_and_a_pdf_are_both_kept(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    photo = SimpleUploadedFile("bake.png", factories.png_bytes(), content_type="image/png")
    pdf = SimpleUploadedFile("sheet.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    client.post(
        f"/assessments/attempts/{attempt.pk}/record/",
        marks_post(attempt, [True, None, None], photo=photo, evidence=pdf, save="1"),
    )
    assert sorted(Evidence.objects.values_list("content_type", flat=True)) == [
        "application/pdf",
        "image/png",
    ]


def test_the_error_summary_names_each_problem_with_a_link_to_its_field(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    fake = SimpleUploadedFile("bake.png", b"GIF89a\x01\x00\x01\x00", content_type="image/png")
    data = marks_post(attempt, [True, None, None], photo=fake, save="1")
    data["assessed_on"] = "not a date"
    response = client.post(f"/assessments/attempts/{attempt.pk}/record/", data)
    assert response.status_code == 200
    page = response.text
    summary = re.search(
        r'<div class="alert alert-danger" role="alert" id="error-summary"(.*?)</div>', page, re.S
    )
    assert summary, "no error summary"
    assert 'tabindex="-1" autofocus' in summary.group(0)
    assert "Nothing was saved: 2 problems to put right" in summary.group(1)
    links = re.findall(r'<a href="#([^"]+)" class="alert-link">([^<]+)</a>', summary.group(1))
    assert [anchor for anchor, _ in links] == ["id_assessed_on", "id_photo"]
    assert links[0][1].startswith("Date of the assessment: ")
    assert "is not a JPEG or PNG photo or a PDF" in links[1][1]
    # The summary comes before the form it is about.
    assert page.index('id="error-summary"') < page.index('id="record-form"')
    assert not Evidence.objects.exists()


def test_the_page_can_say_too_large_before_sending(client, world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    client.force_login(world.trainer_x)
    page = client.get(f"/assessments/attempts/{attempt.pk}/record/").text
    assert 'data-too-big="“%(name)s” is larger than 10 MB.' in page
    assert 'data-too-many="You chose %(count)s files; at most %(max)s' in page
    assert 'data-max-files="5"' in page
