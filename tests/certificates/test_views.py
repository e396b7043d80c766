"""The certify queue, the learner's pages and public verification, through real URLs."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import escape

from certificates import selectors, services
from certificates.forms import MSG_NOT_A_PDF
from certificates.models import Certificate
from courses.models import Enrolment
from tests import factories
from tests.certificates.helpers import attendance, patch_assessments, practical

pytestmark = pytest.mark.django_db


def add_learners(cohort, count):
    return [factories.EnrolmentFactory(cohort=cohort) for _ in range(count)]


def queue_url(cohort):
    return reverse("certificates:queue", args=[cohort.pk])


# --- The certify queue ----------------------------------------------------------------------


def test_queue_shows_eligible_learners_and_what_the_others_miss(client, world, monkeypatch):
    ready = world.enrolment_a
    short = factories.EnrolmentFactory(cohort=world.cohort_x)
    failed = factories.EnrolmentFactory(cohort=world.cohort_x)
    for enrolment in (ready, short, failed):
        factories.complete_required_lessons(enrolment)
    patch_assessments(
        monkeypatch,
        attendance_by_enrolment={
            ready.pk: attendance(9, 10),
            short.pk: attendance(26, 29),
            failed.pk: attendance(10, 10),
        },
        practicals_by_enrolment={
            ready.pk: [practical(passed=True)],
            short.pk: [practical(passed=True)],
            failed.pk: [practical(passed=False, used=3)],
        },
    )
    client.force_login(world.coordinator_x)
    response = client.get(queue_url(world.cohort_x))
    assert response.status_code == 200
    page = response.text
    assert "1 learner can be certified" in page
    assert f'name="enrolment" value="{ready.pk}"' in page
    assert f'value="{short.pk}"' not in page
    assert "Attendance is 89.65% (26 of 29 sessions); 90% is required." in page
    assert "Practical assessment “Bread dough” not yet passed and reviewed (3 of 3" in page

    response = client.post(queue_url(world.cohort_x), {"enrolment": [ready.pk]}, follow=True)
    certificate = Certificate.objects.get(enrolment=ready)
    assert response.redirect_chain[-1][0] == reverse(
        "certificates:batch", args=[certificate.batch_id]
    )
    assert "1 of 1 PDFs ready." in response.text
    assert certificate.serial in response.text


def test_posting_an_ineligible_learner_certifies_nobody(client, world):
    # The course requires attendance and there is none: nobody is eligible, whatever is posted.
    client.force_login(world.coordinator_x)
    response = client.post(queue_url(world.cohort_x), {"enrolment": [world.enrolment_a.pk]})
    assert response.status_code == 200
    assert "cannot be certified yet" in response.text
    assert "No attendance has been recorded" in response.text
    assert not Certificate.objects.exists()


def test_posting_nothing_or_garbage_gives_a_message_not_a_500(client, world):
    client.force_login(world.coordinator_x)
    response = client.post(queue_url(world.cohort_x), {})
    assert "Select at least one eligible learner" in response.text
    response = client.post(queue_url(world.cohort_x), {"enrolment": ["abc"]})
    assert response.status_code == 200
    assert "not in the cohort" in response.text
    response = client.post(queue_url(world.cohort_x), {"enrolment": [world.enrolment_b.pk]})
    assert "not in the cohort" in response.text
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("garbage", ["²", "٣", "9" * 30, f"{2**63}"])
def test_posting_odd_digits_or_huge_ids_gives_a_message_not_a_500(client, world, garbage):
    client.force_login(world.coordinator_x)
    response = client.post(queue_url(world.cohort_x), {"enrolment": [garbage]})
    assert response.status_code == 200
    assert "not in the cohort" in response.text
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("who", ["coordinator_y", "trainer_x", "learner_a", "outsider"])
def test_queue_is_only_for_the_cohorts_coordinators(client, world, who):
    client.force_login(getattr(world, who))
    assert client.get(queue_url(world.cohort_x)).status_code == 404
    response = client.post(queue_url(world.cohort_x), {"enrolment": [world.enrolment_a.pk]})
    assert response.status_code == 404


def test_queue_needs_login(client, world):
    response = client.get(queue_url(world.cohort_x))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_cohort_list_shows_only_coordinated_cohorts(client, world):
    client.force_login(world.coordinator_x)
    page = client.get(reverse("certificates:cohorts")).text
    assert queue_url(world.cohort_x) in page
    assert queue_url(world.cohort_y) not in page


@pytest.mark.parametrize("size", [2, 25])
def test_queue_query_count_does_not_grow_with_the_cohort(
    client, world, monkeypatch, size, django_assert_max_num_queries
):
    enrolments = add_learners(world.cohort_x, size)
    for enrolment in enrolments[::2]:
        factories.complete_required_lessons(enrolment)
    patch_assessments(
        monkeypatch,
        attendance_by_enrolment={e.pk: attendance(9, 10) for e in enrolments},
        practicals_by_enrolment={e.pk: [practical(passed=True)] for e in enrolments},
    )
    certified = enrolments[0]
    services.certificate_issue(enrolment=certified, by=world.coordinator_x)
    client.force_login(world.coordinator_x)
    client.get("/")  # once-per-session effects stay out of the count
    with django_assert_max_num_queries(21):  # the same at 2 and 25 learners
        response = client.get(queue_url(world.cohort_x))
    assert response.status_code == 200
    assert response.text.count('name="enrolment"') == len(enrolments[2::2])


# --- Coordinator actions --------------------------------------------------------------------


@pytest.fixture
def certified(world):
    course = factories.make_certifiable_course(title="Organic Farming", lessons=0)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    return factories.certificate_issue_now(enrolment, by=world.coordinator_x)


def test_coordinator_revokes_with_a_reason(client, world, certified):
    client.force_login(world.coordinator_x)
    url = reverse("certificates:revoke", args=[certified.pk])
    response = client.post(url, {"reason": ""}, follow=True)
    assert "Give a reason." in response.text
    response = client.post(url, {"reason": "Issued in error"}, follow=True)
    assert f"Certificate {certified.serial} is revoked." in response.text
    certified.refresh_from_db()
    assert certified.status == Certificate.Status.REVOKED


def test_coordinator_reissues(client, world, certified):
    client.force_login(world.coordinator_x)
    response = client.post(
        reverse("certificates:reissue", args=[certified.pk]),
        {"reason": "Name correction"},
        follow=True,
    )
    new = Certificate.objects.get(supersedes=certified)
    assert f"Certificate {new.serial} was issued." in response.text
    assert response.redirect_chain[-1][0] == reverse("certificates:detail", args=[new.pk])


@pytest.mark.parametrize("who", ["coordinator_y", "learner_a", "trainer_x"])
def test_others_cannot_revoke_reissue_or_see_details(client, world, certified, who):
    client.force_login(getattr(world, who))
    for name in ("revoke", "reissue", "retry"):
        url = reverse(f"certificates:{name}", args=[certified.pk])
        assert client.post(url, {"reason": "x"}).status_code == 404
    assert client.get(reverse("certificates:detail", args=[certified.pk])).status_code == 404
    certified.refresh_from_db()
    assert certified.status == Certificate.Status.VALID


def test_failed_pdf_is_visible_and_retryable(client, world, monkeypatch):
    from certificates import pdf

    real = pdf.certificate_pdf
    monkeypatch.setattr(pdf, "certificate_pdf", lambda **kw: (_ for _ in ()).throw(OSError("x")))
    course = factories.make_certifiable_course(lessons=0)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort)
    client.force_login(world.coordinator_x)
    response = client.post(queue_url(cohort), {"enrolment": [enrolment.pk]}, follow=True)
    assert "0 of 1 PDFs ready." in response.text
    assert "1 failed." in response.text
    assert "OSError: x" in response.text
    certificate = Certificate.objects.get(enrolment=enrolment)
    monkeypatch.setattr(pdf, "certificate_pdf", real)
    response = client.post(reverse("certificates:retry", args=[certificate.pk]), follow=True)
    assert "The PDF is being prepared again." in response.text
    certificate.refresh_from_db()
    assert certificate.render_status == Certificate.Render.RENDERED


# --- Learners -------------------------------------------------------------------------------


def test_learner_downloads_own_certificate_and_learning_record(client, world, certified):
    client.force_login(world.learner_a)
    page = client.get(reverse("certificates:mine")).text
    assert "Organic Farming" in page
    assert certified.serial in page
    response = client.get(reverse("certificates:download", args=[certified.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    assert hashlib.sha256(content).hexdigest() == certified.sha256
    response = client.get(reverse("certificates:learning_record"))
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")
    assert "attachment" in response["Content-Disposition"]


@pytest.mark.parametrize("who", ["learner_b", "outsider", "coordinator_y", "trainer_x"])
def test_others_cannot_download_a_certificate(client, world, certified, who):
    client.force_login(getattr(world, who))
    assert client.get(reverse("certificates:download", args=[certified.pk])).status_code == 404


@pytest.mark.parametrize("action", ["revoke", "reissue"])
def test_holder_cannot_download_a_copy_that_is_no_longer_valid(client, world, certified, action):
    if action == "revoke":
        services.certificate_revoke(certificate=certified, reason="Fraud", by=world.coordinator_x)
    else:
        services.certificate_reissue(
            certificate=certified, reason="Name corrected", by=world.coordinator_x
        )
    client.force_login(world.learner_a)
    response = client.get(reverse("certificates:download", args=[certified.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("certificates:mine")
    assert f"Certificate {certified.serial} is no longer valid" in response.text
    assert response.get("Content-Type", "").startswith("text/html")

    # Its coordinator keeps the copy on record.
    client.force_login(world.coordinator_x)
    response = client.get(reverse("certificates:download", args=[certified.pk]))
    assert response.status_code == 200
    assert hashlib.sha256(b"".join(response.streaming_content)).hexdigest() == certified.sha256


def test_certificate_pdfs_are_not_in_public_media(certified, settings, private_media):
    assert str(private_media) in certified.pdf.path
    assert not certified.pdf.path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError, match="no public URL"):
        certified.pdf.url  # noqa: B018


# --- Public verification --------------------------------------------------------------------


def verify_url(certificate):
    return reverse("verify:detail", args=[certificate.verification_code])


FORBIDDEN_WORDS = ("recovery", "addiction", "substance", "rehab", "therap", "drug")


def test_valid_certificate_shows_the_public_facts_only(client, world, certified):
    response = client.get(verify_url(certified))
    assert response.status_code == 200
    page = response.text
    assert "Valid certificate" in page
    assert world.learner_a.display_name in page
    assert "Organic Farming" in page
    assert "Training Centre" in page
    assert date_format(timezone.localtime(certified.issued_at), "DATE_FORMAT") in page
    assert world.learner_a.email not in page
    assert certified.enrolment.cohort.name not in page
    assert certified.enrolment.cohort.region.name not in page
    assert not any(word in page.lower() for word in FORBIDDEN_WORDS)


def test_revoked_certificate_says_so_with_the_date(client, world, certified):
    services.certificate_revoke(certificate=certified, reason="Fraud", by=world.coordinator_x)
    certified.refresh_from_db()
    page = client.get(verify_url(certified)).text
    revoked_on = date_format(timezone.localtime(certified.status_changed_at), "DATE_FORMAT")
    assert f"Revoked on {revoked_on}" in page
    assert "Valid certificate" not in page
    assert "Fraud" not in page  # the reason stays internal


def test_superseded_certificate_is_no_longer_valid(client, world, certified):
    new = services.certificate_reissue(certificate=certified, reason="Name", by=world.coordinator_x)
    page = client.get(verify_url(certified)).text
    assert "replaced by a newer one" in page
    assert "Valid certificate" not in page
    assert "Valid certificate" in client.get(verify_url(new)).text


def test_unknown_code_is_unknown(client, world):
    response = client.get(reverse("verify:detail", args=["not-a-real-code-at-all"]))
    assert response.status_code == 404
    assert "Unknown certificate." in response.text


def test_code_with_a_nul_character_is_unknown_not_a_server_error(
    client, world, certified, django_assert_num_queries
):
    # PostgreSQL refuses NUL in a query (a 500 on the public page); SQLite accepts it, so the
    # lookup must not reach the database at all.
    with django_assert_num_queries(0):
        assert selectors.certificate_by_lookup(text=f"{certified.verification_code}\x00") is None
    response = client.get(f"/verify/{certified.verification_code[:10]}%00/")
    assert response.status_code == 404
    assert "Unknown certificate." in response.text


def test_lookup_by_code_or_serial(client, world, certified):
    response = client.post(reverse("verify:lookup"), {"code": certified.serial})
    assert response["Location"] == verify_url(certified)
    response = client.post(reverse("verify:lookup"), {"code": f" {certified.verification_code} "})
    assert response["Location"] == verify_url(certified)
    response = client.post(reverse("verify:lookup"), {"code": "2026-999999"})
    assert response.status_code == 404
    assert "Unknown certificate." in response.text
    response = client.post(reverse("verify:lookup"), {"code": ""})
    assert response.status_code == 400


def test_uploaded_original_pdf_is_authentic(client, world, certified):
    content = certified.pdf.open("rb").read()
    upload = SimpleUploadedFile("c.pdf", content, content_type="application/pdf")
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert "Authentic file." in response.text
    assert "Valid certificate" in response.text
    assert world.learner_a.display_name in response.text


def test_tampered_pdf_is_not_authentic(client, world, certified):
    content = bytearray(certified.pdf.open("rb").read())
    content[len(content) // 2] ^= 0x01  # one bit changed
    upload = SimpleUploadedFile("c.pdf", bytes(content), content_type="application/pdf")
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert "Not an authentic file." in response.text
    assert world.learner_a.display_name not in response.text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("certificate.txt", b"Certificate of Artisan Baking, serial 2026-000001"),
        ("certificate.pdf", b"\x89PNG\r\n\x1a\n a photo renamed .pdf"),
        ("certificate.pdf", b"%PD"),
    ],
)
def test_a_file_that_is_not_a_pdf_is_told_so(client, world, certified, name, content):
    response = client.post(reverse("verify:lookup"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert escape(str(MSG_NOT_A_PDF)) in response.text
    assert "does not match any certificate" not in response.text
    assert "Not an authentic file." not in response.text


def test_a_pdf_we_did_not_issue_does_not_match(client, world, certified):
    upload = SimpleUploadedFile("other.pdf", b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")
    response = client.post(reverse("verify:lookup"), {"file": upload})
    assert response.status_code == 200
    assert "This PDF does not match any certificate we issued" in response.text
    assert escape(str(MSG_NOT_A_PDF)) not in response.text


def test_verification_is_rate_limited_per_client(client, world, certified, settings):
    settings.CERTIFICATE_VERIFY_RATE = (3, 60)
    for _ in range(3):
        assert client.get(verify_url(certified)).status_code == 200
    response = client.get(verify_url(certified))
    assert response.status_code == 429
    assert "Please wait a minute" in response.text
    assert client.post(reverse("verify:lookup"), {"code": certified.serial}).status_code == 429
    other = client.get(verify_url(certified), REMOTE_ADDR="10.9.8.7")
    assert other.status_code == 200


def test_verify_page_needs_no_login(client, db):
    response = client.get(reverse("verify:lookup"))
    assert response.status_code == 200
    assert "Verification code or serial number" in response.text
    assert "Certificate PDF" in response.text


def test_withdrawn_learner_never_appears_as_certifiable(client, world):
    course = factories.make_certifiable_course(lessons=0)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(
        cohort=cohort,
        status=Enrolment.Status.WITHDRAWN,
        withdrawn_on=cohort.start_date,
        withdrawal_reason="Moved",
    )
    client.force_login(world.coordinator_x)
    page = client.get(queue_url(cohort)).text
    assert f'value="{enrolment.pk}"' not in page
    assert "Withdrew from the cohort on" in page


@pytest.mark.parametrize("who", ["coordinator_y", "learner_a", "trainer_x"])
def test_batch_progress_is_only_for_the_cohorts_coordinators(client, world, certified, who):
    batch = services.certificates_issue(
        cohort=certified.enrolment.cohort,
        enrolment_ids=[
            factories.EnrolmentFactory(cohort=certified.enrolment.cohort).pk,
        ],
        by=world.coordinator_x,
    )
    url = reverse("certificates:batch", args=[batch.pk])
    client.force_login(world.coordinator_x)
    assert "1 of 1 PDFs ready." in client.get(url).text
    client.force_login(getattr(world, who))
    assert client.get(url).status_code == 404


def test_revoke_and_reissue_boxes_have_their_own_ids(client, world, certified):
    client.force_login(world.coordinator_x)
    page = client.get(reverse("certificates:detail", args=[certified.pk])).text
    assert page.count('id="reissue_reason"') == 1
    assert page.count('id="revoke_reason"') == 1
    assert 'for="reissue_reason"' in page
    assert 'for="revoke_reason"' in page
