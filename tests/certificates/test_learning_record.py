"""The learning record: outcomes of an unfinished course are in progress, not achieved; labels
keep to their rows in Spanish; and each record carries its own code, accepted by /verify/."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from certificates import learning_record
from certificates.models import LearningRecord
from lms.models import Profile
from privacy import learning_records as privacy_records
from tests import factories

pytestmark = pytest.mark.django_db

SHORT_CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}\b")


def _text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def learner():
    return factories.LearnerFactory(profile__printed_name="Ana García López")


def _enrol(learner, title, **course):
    course.setdefault("learning_outcomes", [("outcome", f"Outcome of {title}")])
    return factories.EnrolmentFactory(
        learner=learner,
        cohort=factories.CohortFactory(
            course=factories.make_certifiable_course(title=title, lessons=0, **course)
        ),
    )


def test_unfinished_course_outcomes_are_in_progress_and_certified_ones_achieved(learner):
    factories.certificate_issue_now(_enrol(learner, "Artisan Baking"))
    _enrol(learner, "Organic Farming")  # still active

    text = _text(learning_record.learning_record_pdf(learner=learner))

    baking, farming = text.split("Organic Farming", 1)
    assert "Learning outcomes achieved" in baking
    assert "in progress, not yet achieved" not in baking
    assert "Learning outcomes: in progress, not yet achieved" in farming
    assert "Learning outcomes achieved" not in farming


def test_spanish_labels_stay_on_one_line(learner):
    Profile.objects.filter(user=learner).update(preferred_language="es")
    learner.refresh_from_db()
    _enrol(learner, "Artisan Baking", eqf_level=3)

    text = _text(learning_record.learning_record_pdf(learner=learner))

    # Floated labels used to wrap "Forma de / participación" into the next row's label.
    assert "Forma de participación" in text
    assert "Learning outcomes" not in text


def test_each_record_is_kept_with_its_code_and_verify_accepts_the_printed_one(client, learner):
    factories.certificate_issue_now(_enrol(learner, "Artisan Baking"))
    client.force_login(learner)

    content = client.get(reverse("certificates:learning_record")).content

    record = LearningRecord.objects.get(learner=learner)
    printed = SHORT_CODE.findall(_text(content))
    assert len(printed) == 1
    assert record.snapshot["entries"][0]["course_title"] == "Artisan Baking"
    client.logout()
    response = client.post(reverse("verify:lookup"), {"code": printed[0].lower()})
    assert response.status_code == 302
    assert response["Location"] == reverse("verify:detail", args=[record.verification_code])
    page = client.get(response["Location"]).text
    assert "Authentic learning record" in page
    assert "Ana García López" in page
    assert "Artisan Baking" in page


def test_an_employer_drops_the_record_on_verify_and_it_is_recognised(client, learner):
    """The record's PDF tells employers to check it at /verify/: dropped there as a file, an
    unaltered copy is recognised (it was called "may have been altered"), a changed one not."""
    _enrol(learner, "Artisan Baking")
    client.force_login(learner)
    content = client.get(reverse("certificates:learning_record")).content
    client.logout()

    def dropped(data: bytes) -> str:
        upload = SimpleUploadedFile("record.pdf", data, content_type="application/pdf")
        return client.post(reverse("verify:lookup"), {"file": upload}).text

    page = dropped(content)
    assert "This PDF is an unaltered copy of a learning record we issued." in page
    assert "Authentic learning record" in page
    assert "Ana García López" in page
    page = dropped(content.replace(b"%%EOF", b"%%EOF\n", 1))
    assert "does not match any certificate or learning record we issued" in page
    assert "Ana García López" not in page


def test_a_new_download_is_a_new_record(client, learner):
    client.force_login(learner)
    client.get(reverse("certificates:learning_record"))
    client.get(reverse("certificates:learning_record"))
    codes = set(LearningRecord.objects.values_list("verification_code", flat=True))
    assert len(codes) == 2


def test_erasure_withholds_the_name_and_the_record_still_checks(client, learner):
    _enrol(learner, "Artisan Baking")
    learning_record.learning_record_pdf(learner=learner)
    record = LearningRecord.objects.get(learner=learner)

    privacy_records.erase(learner)

    page = client.get(reverse("verify:detail", args=[record.verification_code])).text
    assert "Ana García" not in page
    assert "Withheld" in page
    assert "Artisan Baking" in page


def test_unknown_record_code_is_unknown(client):
    response = client.get(reverse("verify:detail", args=["AAAA-BBBB-CCCC"]))
    assert response.status_code == 404
