"""Issue 17 item 8: an upload larger than any form accepts is refused before it is read, and no
file past 10 MB is written anywhere, on every form; the sender gets a page saying what to do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.test import Client

pytestmark = pytest.mark.django_db

MB = 1024 * 1024


@pytest.fixture
def written(monkeypatch, settings):
    """Bytes the site wrote to disk for uploads (every file goes to a temporary file)."""
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 0
    counts = {"bytes": 0}
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        counts["bytes"] += len(raw_data)
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    return counts


def pdf_of(size: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (size - 5), "application/pdf")


def test_a_huge_anonymous_upload_is_refused_on_its_content_length(client, written):
    body = b"--x\r\nContent-Disposition: form-data; name=file; filename=a.pdf\r\n\r\n%PDF-"
    response = client.generic(
        "POST",
        "/verify/",
        body,
        content_type="multipart/form-data; boundary=x",
        CONTENT_LENGTH=str(1536 * MB),  # what the client claims it will send
    )
    assert response.status_code == 413
    assert "The file is too large" in response.text
    assert written["bytes"] == 0


def test_a_file_over_10_mb_is_not_read_past_the_limit(world, written):
    client = Client()
    client.force_login(world.coordinator_x)  # allowed several files: the total passes
    response = client.post("/verify/", {"file": pdf_of(12 * MB)})
    assert response.status_code == 413
    assert "The file is too large" in response.text
    assert written["bytes"] <= 10 * MB


def test_the_refusal_is_in_the_readers_language(client, written):
    client.cookies["django_language"] = "es"
    response = client.post("/verify/", {"file": pdf_of(11 * MB)}, HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 413
    assert "El archivo es demasiado grande" in response.text


def test_a_file_within_the_limit_reaches_the_form(client, written):
    response = client.post("/verify/", {"file": pdf_of(2 * MB)})
    assert response.status_code == 200
    assert "Not an authentic file." in response.text


def test_evidence_over_10_mb_is_refused_on_the_assessors_form(world, practical, written):
    client = Client()
    client.force_login(world.trainer_x)
    url = f"/assessments/attempts/{practical.attempt.pk}/record/"
    photo = SimpleUploadedFile("p.jpg", b"\xff\xd8\xff" + b"0" * (11 * MB), "image/jpeg")
    response = client.post(url, {"evidence": photo})
    assert response.status_code == 413
    assert written["bytes"] <= 10 * MB
