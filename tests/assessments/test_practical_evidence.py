"""Evidence of a practical attempt through the services: who may add and remove it, how it is
stored, and the checks of its content and size."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Evidence
from assessments.practical import rules, services
from tests import factories
from tests.assessments.practical import actions, bread_template, recorded


@pytest.fixture
def bread(world):
    return bread_template(world.course)


def upload(content: bytes, name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


@pytest.fixture
def draft(world, bread):
    return recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)


def test_adding_and_removing_evidence_is_audited_and_checked_first(world, draft, private_media):
    evidence = services.evidence_add(
        attempt=draft, upload=upload(factories.png_bytes(), "bread.png"), by=world.trainer_x
    )
    with pytest.raises(ValidationError):  # only the assessor, before anything is removed
        services.evidence_remove(evidence=evidence, by=world.coordinator_x)
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    services.evidence_remove(evidence=evidence, by=world.trainer_x)
    assert actions(draft)[-2:] == ["assessments.evidence.add", "assessments.evidence.remove"]


def test_png_evidence_is_stored_privately_under_a_random_name(world, draft, private_media):
    evidence = services.evidence_add(
        attempt=draft, upload=upload(factories.png_bytes(), "Maria's bread.png"), by=world.trainer_x
    )
    assert evidence.content_type == "image/png"
    assert evidence.original_name == "Maria's bread.png"
    assert "Maria" not in evidence.file.name
    assert evidence.file.name.endswith(".png")
    stored = private_media / evidence.file.name
    assert stored.read_bytes() == factories.png_bytes()


def test_pdf_and_jpeg_evidence_accepted(world, draft):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (3, 3), "white").save(buffer, format="JPEG")
    jpeg = services.evidence_add(
        attempt=draft, upload=upload(buffer.getvalue(), "a.jpg"), by=world.trainer_x
    )
    pdf = services.evidence_add(
        attempt=draft, upload=upload(b"%PDF-1.4\n%%EOF\n", "notes.pdf"), by=world.trainer_x
    )
    assert (jpeg.content_type, pdf.content_type) == ("image/jpeg", "application/pdf")


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"<script>alert(1)</script>", "photo.png", "is not a JPEG or PNG photo or a PDF"),
        (b"GIF89a\x01\x00", "photo.jpg", "is not a JPEG or PNG photo or a PDF"),
        (b"\x89PNG\r\n\x1a\nnot really an image", "photo.png", "cannot be opened"),
        (b"", "empty.pdf", "is empty"),
    ],
)
def test_evidence_checked_by_content_not_name(world, draft, content, name, message):
    with pytest.raises(ValidationError) as error:
        services.evidence_add(attempt=draft, upload=upload(content, name), by=world.trainer_x)
    assert message in error.value.messages[0]
    assert not Evidence.objects.exists()


def test_evidence_over_10_mb_refused(world, draft):
    big = b"%PDF-1.4\n" + b"0" * rules.EVIDENCE_MAX_BYTES
    with pytest.raises(ValidationError) as error:
        services.evidence_add(attempt=draft, upload=upload(big, "big.pdf"), by=world.trainer_x)
    assert "larger than 10 MB" in error.value.messages[0]
    exactly = b"%PDF-1.4\n" + b"0" * (rules.EVIDENCE_MAX_BYTES - 9)
    assert services.evidence_add(
        attempt=draft, upload=upload(exactly, "ok.pdf"), by=world.trainer_x
    )


def test_no_evidence_added_to_a_submitted_attempt(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True] * 3)
    with pytest.raises(ValidationError):
        services.evidence_add(
            attempt=attempt, upload=upload(factories.png_bytes(), "late.png"), by=world.trainer_x
        )
