"""Every issuance path goes through the services, which decide eligibility again."""

import datetime
import hashlib

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from wagtail.models import ModelLogEntry

from certificates import services
from certificates.models import Certificate, SerialCounter
from courses.models import Enrolment
from courses.services import enrolment_withdraw
from tests import factories
from tests.certificates.helpers import attendance, patch_assessments, practical

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    course = factories.make_certifiable_course(title="Artisan Baking", lessons=2)
    coordinator = factories.CoordinatorFactory(username="coord")
    return factories.CohortFactory(course=course, coordinators=[coordinator])


@pytest.fixture
def coordinator(cohort):
    return cohort.coordinators.get()


def eligible_enrolment(cohort, **profile):
    learner = factories.LearnerFactory(**{f"profile__{k}": v for k, v in profile.items()})
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=learner)
    factories.complete_required_lessons(enrolment)
    return enrolment


def test_issue_creates_a_valid_certificate_with_its_snapshot_pdf_and_email(cohort, coordinator):
    enrolment = eligible_enrolment(cohort, printed_name="María José Núñez")

    certificate, created = services.certificate_issue(enrolment=enrolment, by=coordinator)

    assert created
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.VALID
    assert certificate.issued_by == coordinator
    assert len(certificate.verification_code) >= 22
    snap = certificate.snapshot
    assert snap["printed_name"] == "María José Núñez"
    assert snap["course_title"] == "Artisan Baking"
    assert snap["trade"] == "Baking"
    assert snap["eqf_level"] == 3
    assert snap["notional_hours"] == 40
    assert snap["learning_outcomes"] == ["Prepare and bake bread safely"]
    assert snap["participation_form"] == "in_person"
    assert snap["region"] == cohort.region.name
    assert snap["cohort_start"] == cohort.start_date.isoformat()
    # The PDF was rendered (immediate task backend) and its digest stored.
    assert certificate.render_status == Certificate.Render.RENDERED
    content = certificate.pdf.open("rb").read()
    assert content.startswith(b"%PDF")
    assert certificate.sha256 == hashlib.sha256(content).hexdigest()
    enrolment.refresh_from_db()
    assert enrolment.status == Enrolment.Status.COMPLETED
    assert ModelLogEntry.objects.filter(
        action="certificates.issue", object_id=str(certificate.pk), user=coordinator
    ).exists()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [enrolment.learner.email]
    assert "Artisan Baking" in mail.outbox[0].subject
    assert certificate.serial in mail.outbox[0].body
    assert f"/verify/{certificate.verification_code}/" in mail.outbox[0].body


def test_issuing_twice_returns_the_same_certificate(cohort, coordinator):
    enrolment = eligible_enrolment(cohort)
    first, created_first = services.certificate_issue(enrolment=enrolment, by=coordinator)
    second, created_second = services.certificate_issue(enrolment=enrolment, by=coordinator)
    assert (created_first, created_second) == (True, False)
    assert first.pk == second.pk
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert len(mail.outbox) == 1


def test_database_refuses_a_second_current_certificate(cohort, coordinator):
    enrolment = eligible_enrolment(cohort)
    certificate, _ = services.certificate_issue(enrolment=enrolment, by=coordinator)
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrolment=enrolment,
            serial="1999-000001",
            verification_code="another-code",
            snapshot={},
            issued_at=certificate.issued_at,
        )


def test_ineligible_learner_is_refused_and_nothing_is_written(cohort, coordinator):
    enrolment = factories.EnrolmentFactory(cohort=cohort)  # no lesson done
    with pytest.raises(ValidationError) as error:
        services.certificate_issue(enrolment=enrolment, by=coordinator)
    assert "2 required lessons not done (0 of 2 done)." in error.value.messages[0]
    assert not Certificate.objects.exists()
    assert not SerialCounter.objects.filter(last__gt=0).exists()
    assert mail.outbox == []


def test_withdrawn_learner_cannot_be_certified(cohort, coordinator):
    enrolment = eligible_enrolment(cohort)
    enrolment_withdraw(enrolment=enrolment, reason="Moved away", by=coordinator)
    with pytest.raises(ValidationError, match="Withdrew from the cohort"):
        services.certificate_issue(enrolment=enrolment, by=coordinator)


def test_course_requiring_attendance_without_records_cannot_be_certified(coordinator):
    course = factories.make_certifiable_course(attendance_required=True, lessons=0)
    enrolment = factories.EnrolmentFactory(cohort=factories.CohortFactory(course=course))
    with pytest.raises(ValidationError, match="No attendance has been recorded"):
        services.certificate_issue(enrolment=enrolment, by=coordinator)


def test_attendance_and_practical_facts_decide_with_the_real_selectors_shape(
    monkeypatch, coordinator
):
    course = factories.make_certifiable_course(attendance_required=True, lessons=0)
    cohort = factories.CohortFactory(course=course)
    at_threshold = factories.EnrolmentFactory(cohort=cohort)
    below = factories.EnrolmentFactory(cohort=cohort)
    not_passed = factories.EnrolmentFactory(cohort=cohort)
    patch_assessments(
        monkeypatch,
        attendance_by_enrolment={
            at_threshold.pk: attendance(27, 30),
            below.pk: attendance(26, 29),
            not_passed.pk: attendance(30, 30),
        },
        practicals_by_enrolment={
            at_threshold.pk: [practical(passed=True)],
            below.pk: [practical(passed=True)],
            not_passed.pk: [practical(passed=False, used=0)],
        },
    )
    certificate, _ = services.certificate_issue(enrolment=at_threshold, by=coordinator)
    assert certificate.snapshot["attendance_rate"] == "90.0"
    with pytest.raises(ValidationError, match=r"Attendance is 89\.6%"):
        services.certificate_issue(enrolment=below, by=coordinator)
    with pytest.raises(ValidationError, match="not yet taken"):
        services.certificate_issue(enrolment=not_passed, by=coordinator)


def test_batch_is_all_or_nothing(cohort, coordinator):
    good = eligible_enrolment(cohort)
    bad = factories.EnrolmentFactory(cohort=cohort)
    with pytest.raises(ValidationError) as error:
        services.certificates_issue(cohort=cohort, enrolment_ids=[good.pk, bad.pk], by=coordinator)
    assert bad.learner.display_name in error.value.messages[0]
    assert not Certificate.objects.exists()


def test_batch_refuses_enrolments_of_another_cohort(cohort, coordinator):
    other = eligible_enrolment(factories.CohortFactory(course=cohort.course))
    with pytest.raises(ValidationError, match="not in the cohort"):
        services.certificates_issue(cohort=cohort, enrolment_ids=[other.pk], by=coordinator)
    assert not Certificate.objects.exists()


def test_serial_numbers_are_sequential_per_year(cohort, coordinator):
    enrolments = [eligible_enrolment(cohort) for _ in range(3)]
    with time_machine.travel(datetime.datetime(2026, 12, 31, 10, tzinfo=datetime.UTC)):
        first = factories.certificate_issue_now(enrolments[0], by=coordinator)
        second = factories.certificate_issue_now(enrolments[1], by=coordinator)
    with time_machine.travel(datetime.datetime(2027, 1, 2, 10, tzinfo=datetime.UTC)):
        third = factories.certificate_issue_now(enrolments[2], by=coordinator)
    assert [first.serial, second.serial, third.serial] == [
        "2026-000001",
        "2026-000002",
        "2027-000001",
    ]


def test_revoke_needs_a_reason_and_is_logged(cohort, coordinator):
    certificate = factories.certificate_issue_now(eligible_enrolment(cohort), by=coordinator)
    with pytest.raises(ValidationError):
        services.certificate_revoke(certificate=certificate, reason="  ", by=coordinator)
    services.certificate_revoke(certificate=certificate, reason="Issued in error", by=coordinator)
    certificate.refresh_from_db()
    assert certificate.status == Certificate.Status.REVOKED
    assert certificate.status_reason == "Issued in error"
    assert certificate.status_changed_by == coordinator
    assert certificate.status_changed_at is not None
    assert ModelLogEntry.objects.filter(
        action="certificates.revoke", object_id=str(certificate.pk)
    ).exists()
    with pytest.raises(ValidationError, match="Only a valid certificate"):
        services.certificate_revoke(certificate=certificate, reason="Again", by=coordinator)
    # Certifying again does not bring a revoked certificate back, nor create another.
    again, created = services.certificate_issue(enrolment=certificate.enrolment, by=coordinator)
    assert (again.pk, created) == (certificate.pk, False)


def test_reissue_corrects_the_name_and_supersedes_the_old_certificate(cohort, coordinator):
    enrolment = eligible_enrolment(cohort, printed_name="Maria Jose Nunez")
    old = factories.certificate_issue_now(enrolment, by=coordinator)
    profile = enrolment.learner.profile
    profile.printed_name = "María José Núñez"
    profile.save()

    new = services.certificate_reissue(certificate=old, reason="Name correction", by=coordinator)

    old.refresh_from_db()
    new.refresh_from_db()
    assert old.status == Certificate.Status.SUPERSEDED
    assert old.status_reason == "Name correction"
    assert new.status == Certificate.Status.VALID
    assert new.supersedes == old
    assert new.serial != old.serial
    assert new.verification_code != old.verification_code
    assert new.snapshot["printed_name"] == "María José Núñez"
    assert old.snapshot["printed_name"] == "Maria Jose Nunez"
    assert new.render_status == Certificate.Render.RENDERED
    assert Certificate.objects.filter(enrolment=enrolment).count() == 2
    assert ModelLogEntry.objects.filter(
        action="certificates.supersede", object_id=str(old.pk)
    ).exists()
    with pytest.raises(ValidationError, match="Only a valid certificate"):
        services.certificate_reissue(certificate=old, reason="Again", by=coordinator)


def test_render_failure_is_recorded_and_retry_succeeds(cohort, coordinator, monkeypatch):
    from certificates import pdf

    real = pdf.certificate_pdf

    def broken(**kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pdf, "certificate_pdf", broken)
    certificate = factories.certificate_issue_now(eligible_enrolment(cohort), by=coordinator)
    assert certificate.render_status == Certificate.Render.FAILED
    assert certificate.render_error == "OSError: disk full"
    assert certificate.status == Certificate.Status.VALID  # the decision stands
    assert mail.outbox == []

    monkeypatch.setattr(pdf, "certificate_pdf", real)
    certificate = services.certificate_render_retry(certificate=certificate, by=coordinator)
    assert certificate.render_status == Certificate.Render.RENDERED
    assert certificate.render_error == ""
    assert len(mail.outbox) == 1
    with pytest.raises(ValidationError):
        services.certificate_render_retry(certificate=certificate, by=coordinator)
