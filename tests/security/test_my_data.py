"""Issue 17, item 13: "My data" gives out what the site shows the person, not what it withholds
from them: no feedback, marks or photos of an attempt not yet reviewed, no PDF of a revoked or
superseded certificate. From the outside: the download URL."""

import io
import json
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Attempt
from certificates.services import certificate_revoke
from tests import factories


def download(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.post("/my-data/")
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_a_draft_attempts_feedback_and_photos_stay_out(client, world):
    template = factories.make_template(course=world.course)
    client.force_login(world.trainer_x)
    client.post(f"/assessments/start/{world.enrolment_a.pk}/{template.pk}/")
    attempt = Attempt.objects.get(enrolment=world.enrolment_a)
    client.post(
        f"/assessments/attempts/{attempt.pk}/record/",
        {
            "assessed_on": attempt.assessed_on.isoformat(),
            "feedback": "Private draft note about the loaf",
            "evidence": SimpleUploadedFile(
                "loaf.png", factories.png_bytes(), content_type="image/png"
            ),
            "save": "1",
        },
    )
    attempt.refresh_from_db()
    assert attempt.feedback == "Private draft note about the loaf"
    assert attempt.evidence.exists()

    archive = download(client, world.learner_a)
    text = archive.read("data.json").decode()
    assert "Private draft note" not in text
    (exported,) = json.loads(text)["practical_assessments"]
    assert exported["status"] == "draft"
    assert "criteria" not in exported
    assert "evidence" not in exported
    assert archive.namelist() == ["data.json"]


def test_a_revoked_certificates_pdf_stays_out(client, world):
    course = factories.make_certifiable_course(title="Revoked", slug="revoked")
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    factories.complete_required_lessons(enrolment)
    certificate = factories.certificate_issue_now(enrolment, by=world.coordinator_x)
    assert certificate.pdf
    name = f"certificates/{certificate.serial}.pdf"
    assert name in download(client, world.learner_a).namelist()

    certificate_revoke(certificate=certificate, reason="Issued by mistake", by=world.coordinator_x)
    archive = download(client, world.learner_a)
    assert name not in archive.namelist()
    (exported,) = json.loads(archive.read("data.json"))["certificates"]
    assert (exported["serial"], exported["status"], exported["pdf"]) == (
        certificate.serial,
        "revoked",
        None,
    )
