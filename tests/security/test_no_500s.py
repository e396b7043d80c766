"""Issue 17, item 14: three inputs that answered 500 now get a clear message or a 404. From
the outside: the test client on the real URLs."""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from assessments.models import Attempt, Evidence
from courses.models import Enrolment
from lms.spreadsheets import sheet_title
from tests import factories


def png_bomb(side: int = 15000) -> bytes:
    """A black 1-bit PNG of side x side pixels (225 megapixels by default), about 27 KB."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" * (1 + (side + 7) // 8)  # filter byte, then the row's bits
    packer = zlib.compressobj(9)
    compressed = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", compressed)
        + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_with_a_message(client, world):
    template = factories.make_template(course=world.course)
    client.force_login(world.trainer_x)
    client.post(f"/assessments/start/{world.enrolment_a.pk}/{template.pk}/")
    attempt = Attempt.objects.get(enrolment=world.enrolment_a)
    bomb = png_bomb()
    assert len(bomb) < 40_000
    response = client.post(
        f"/assessments/attempts/{attempt.pk}/record/",
        {
            "assessed_on": attempt.assessed_on.isoformat(),
            "feedback": "",
            "evidence": SimpleUploadedFile("bomb.png", bomb, content_type="image/png"),
            "save": "1",
        },
    )
    assert response.status_code == 200
    assert "too large to open" in response.text
    assert not Evidence.objects.exists()


@pytest.mark.parametrize("name", ["A/B: [first] *week* ?", "'quoted'", "History", "x" * 60])
def test_xlsx_export_of_a_cohort_with_any_name(client, world, name):
    world.cohort_x.name = name
    world.cohort_x.save()
    client.force_login(world.coordinator_x)
    response = client.get(f"/attendance/cohorts/{world.cohort_x.pk}/attendance.xlsx")
    assert response.status_code == 200
    title = load_workbook(io.BytesIO(response.content)).active.title
    assert title == sheet_title(name)
    assert len(title) <= 31
    assert not set(title) & set("\\/?*[]:")


def test_sheet_titles_follow_excels_rules():
    assert sheet_title("A/B: [first] *week* ?") == "A B first week"
    assert sheet_title("'quoted'") == "quoted"
    assert sheet_title("History") == "History (2)"
    assert sheet_title("") == "Sheet"
    assert sheet_title("x" * 40) == "x" * 31
    assert sheet_title("x" * 40, taken=["X" * 31]) == "x" * 27 + " (2)"
    assert sheet_title("Cohort", taken=["cohort", "Cohort (2)"]) == "Cohort (3)"


@pytest.mark.parametrize(
    "model", ["courses/enrolment", "assessments/assessmenttemplate", "courses/cohort"]
)
def test_chooser_create_urls_answer_404_and_create_nothing(client, world, model):
    client.force_login(world.superuser)
    before = Enrolment.objects.count()
    url = f"/admin/snippets/choose/{model}/create/"
    assert client.get(url).status_code == 404
    response = client.post(url, {"cohort": world.cohort_x.pk, "learner": world.learner_b.pk})
    assert response.status_code == 404
    assert Enrolment.objects.count() == before
