"""The certify queue, coordinators' actions and the learner's pages, through real URLs (public
verification: test_verify.py)."""

import hashlib

import pytest
from django.urls import reverse

from certificates import services
from certificates.models import Certificate
from courses.models import Enrolment
from tests import factories
from tests.certificates.helpers import attendance, patch_assessments, practical

pytestmark = pytest.mark.django_db


def add_learners(cohort, count):
    return [factories.EnrolmentFactory(cohort=cohort) for _ in range(count)]


def queue_url(cohort):
    return reverse("certificates:queue", args=[cohort.pk])


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
    assert "Attendance is 89.6% (26 of 29 sessions); 90% is required." in page
    assert "Practical assessment “Bread dough” not yet passed and reviewed (3 of 3" in page

    response = client.post(queue_url(world.cohort_x), {"enrolment": [ready.pk]}, follow=True)
    certificate = Certificate.objects.get(enrolment=ready)
    assert response.redirect_chain[-1][0] == reverse(
        "certificates:batch", args=[certificate.batch_id]
    )
    assert "1 of 1 PDFs ready." in response.text
    assert certificate.serial in response.text


def test_after_a_refusal_the_boxes_stay_as_the_coordinator_left_them(client, world, monkeypatch):
    """Everyone eligible is ticked at first. A coordinator unticks them all and presses Certify:
    the refusal must not tick them again, or the next press certifies people they had left out."""
    second = factories.EnrolmentFactory(cohort=world.cohort_x)
    for enrolment in (world.enrolment_a, second):
        factories.complete_required_lessons(enrolment)
    patch_assessments(
        monkeypatch,
        attendance_by_enrolment={e.pk: attendance(10, 10) for e in (world.enrolment_a, second)},
        practicals_by_enrolment={
            e.pk: [practical(passed=True)] for e in (world.enrolment_a, second)
        },
    )
    client.force_login(world.coordinator_x)
    box = 'name="enrolment" value="{}" id="enrolment-{}"'
    page = client.get(queue_url(world.cohort_x)).text
    for enrolment in (world.enrolment_a, second):
        assert box.format(enrolment.pk, enrolment.pk) + " checked>" in page

    refused = client.post(queue_url(world.cohort_x), {}).text
    assert "Select at least one eligible learner" in refused
    for enrolment in (world.enrolment_a, second):
        assert box.format(enrolment.pk, enrolment.pk) + ">" in refused
    # One of two kept, and a garbage value beside it: refused, and only that one stays ticked.
    refused = client.post(queue_url(world.cohort_x), {"enrolment": [second.pk, "abc"]}).text
    assert "not in the cohort" in refused
    assert box.format(second.pk, second.pk) + " checked>" in refused
    assert box.format(world.enrolment_a.pk, world.enrolment_a.pk) + ">" in refused
    assert not Certificate.objects.exists()


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


def test_revoking_asks_first_naming_the_learner_and_the_consequence(client, world, certified):
    client.force_login(world.coordinator_x)
    url = reverse("certificates:revoke", args=[certified.pk])
    name = certified.printed_name
    # The detail page's box posts the reason: the answer is the question, not the change.
    response = client.post(url, {"reason": "Issued in error"})
    assert response.status_code == 200
    page = response.text
    assert f"Revoke {name}'s certificate?" in page
    assert "The public verify page will say the certificate is revoked" in page
    assert f"{name} is told the reason" in page
    assert "Issued in error</textarea>" in page
    assert 'name="confirm"' in page
    certified.refresh_from_db()
    assert certified.status == Certificate.Status.VALID
    # A GET asks too.
    assert f"Revoke {name}'s certificate?" in client.get(url).text

    # Confirming without a reason: said next to the box, nothing changes.
    response = client.post(url, {"reason": " ", "confirm": "1"})
    assert "This field is required." in response.text
    certified.refresh_from_db()
    assert certified.status == Certificate.Status.VALID

    response = client.post(url, {"reason": "Issued in error", "confirm": "1"}, follow=True)
    assert f"Certificate {certified.serial} is revoked." in response.text
    certified.refresh_from_db()
    assert (certified.status, certified.status_reason) == (
        Certificate.Status.REVOKED,
        "Issued in error",
    )
    # Revoked: there is nothing left to confirm.
    response = client.get(url, follow=True)
    assert "Only a valid certificate can be revoked." in response.text


def test_reissuing_asks_first_then_replaces_the_certificate(client, world, certified):
    client.force_login(world.coordinator_x)
    url = reverse("certificates:reissue", args=[certified.pk])
    response = client.post(url, {"reason": "Name correction"})
    page = response.text
    assert f"Re-issue {certified.printed_name}'s certificate?" in page
    assert f"Certificate {certified.serial} is marked superseded" in page
    assert not Certificate.objects.filter(supersedes=certified).exists()

    response = client.post(url, {"reason": "Name correction", "confirm": "1"}, follow=True)
    new = Certificate.objects.get(supersedes=certified)
    assert f"Certificate {new.serial} was issued." in response.text
    assert response.redirect_chain[-1][0] == reverse("certificates:detail", args=[new.pk])
    certified.refresh_from_db()
    assert certified.status == Certificate.Status.SUPERSEDED


def test_the_detail_page_says_a_confirmation_follows(client, world, certified):
    client.force_login(world.coordinator_x)
    page = client.get(reverse("certificates:detail", args=[certified.pk])).text
    assert "Revoke…" in page
    assert "Re-issue…" in page
    assert page.count("You are asked to confirm on the next page.") == 2


@pytest.mark.parametrize("who", ["coordinator_y", "learner_a", "trainer_x"])
def test_others_cannot_revoke_reissue_or_see_details(client, world, certified, who):
    client.force_login(getattr(world, who))
    for name in ("revoke", "reissue", "retry"):
        url = reverse(f"certificates:{name}", args=[certified.pk])
        assert client.post(url, {"reason": "x", "confirm": "1"}).status_code == 404
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
