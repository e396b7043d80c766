"""Learners are told: each trigger through its real service, the email in the recipient's
language, the list and its unread count, and each person seeing only their own."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from assessments.practical import services as practical_services
from certificates.services import certificate_revoke
from lms.models import Notification
from lms.services import notification_send, notifications_mark_read
from privacy.sections import SECTIONS
from tests import factories
from tests.assessments.practical import bread_template, recorded

pytestmark = pytest.mark.django_db


def mine(user):
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def page(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("notifications:list")).text


@pytest.fixture
def submitted(world):
    template = bread_template(world.course)
    return recorded(world.enrolment_a, template, world.trainer_x, [True, True, True])


def test_a_confirmed_attempt_is_told_in_the_learners_language(
    client, world, submitted, django_capture_on_commit_callbacks
):
    world.learner_a.profile.preferred_language = "es"
    world.learner_a.profile.save()
    with django_capture_on_commit_callbacks(execute=True):
        practical_services.attempt_confirm(attempt=submitted, reviewer=world.coordinator_x)
    assert mine(world.learner_a) == ["attempt_confirmed"]
    [email] = mail.outbox
    assert email.to == [world.learner_a.email]
    assert "Bake a batch of bread" in email.subject
    assert "está confirmada" in email.subject  # Spanish, the learner's language
    assert "/assessments/results/" in email.body
    # The list is in the reader's current language: English here.
    text = page(client, world.learner_a)
    assert "Your practical assessment “Bake a batch of bread” (Artisan Baking) is confirmed" in text


def test_a_returned_attempt_is_told(client, world, submitted, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        practical_services.attempt_return(
            attempt=submitted, reviewer=world.coordinator_x, reason="Date is wrong"
        )
    assert mine(world.learner_a) == ["attempt_returned"]
    assert "being checked again" in page(client, world.learner_a)
    # The reviewer's note to the assessor is not the learner's to read.
    assert "Date is wrong" not in page(client, world.learner_a)
    assert "Date is wrong" not in mail.outbox[0].body


@pytest.fixture
def certificate(world):
    course = factories.make_certifiable_course(title="Organic Farming", lessons=1)
    cohort = factories.CohortFactory(course=course, coordinators=[world.coordinator_x])
    enrolment = factories.EnrolmentFactory(cohort=cohort, learner=world.learner_a)
    factories.complete_required_lessons(enrolment)
    return factories.certificate_issue_now(enrolment, by=world.coordinator_x)


def test_an_issued_certificate_is_told_once_by_its_own_email(
    client, world, certificate, django_capture_on_commit_callbacks
):
    assert mine(world.learner_a) == ["certificate_issued"]
    # The certificate's own email (with its verification address), not a second one.
    assert len(mail.outbox) == 1
    assert certificate.serial in mail.outbox[0].body
    text = page(client, world.learner_a)
    assert (
        f"Your certificate for Organic Farming is ready (serial number {certificate.serial})"
        in (text)
    )
    assert 'badge rounded-pill text-bg-danger">1<' in text


def test_a_revoked_certificate_is_told_with_its_reason_and_date(
    client, world, certificate, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        certificate_revoke(
            certificate=certificate, reason="Issued to the wrong cohort.", by=world.coordinator_x
        )
    assert mine(world.learner_a) == ["certificate_revoked", "certificate_issued"]
    [email] = mail.outbox
    assert "was revoked" in email.subject
    assert "Issued to the wrong cohort." in email.body
    text = page(client, world.learner_a)
    assert f"was revoked on {date_format(timezone.localdate(), 'DATE_FORMAT')}." in text
    assert "The reason given: Issued to the wrong cohort." in text
    # "My certificates" says it too.
    mine_page = client.get(reverse("certificates:mine")).text
    assert "Revoked on" in mine_page
    assert "Issued to the wrong cohort." in mine_page


def test_becoming_at_risk_is_told_with_what_it_would_take(
    client, world, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    sessions = [
        factories.SessionFactory(cohort=world.cohort_x, date=today + datetime.timedelta(days=n))
        for n in range(-2, 8)
    ]  # two held, eight to come: ten at 90%, so two absences put learner A at risk
    client.force_login(world.trainer_x)
    for session in sessions[:2]:
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/attendance/sessions/{session.pk}/roll-call/",
                {
                    f"status-{world.enrolment_a.pk}": "absent",
                    f"version-{world.enrolment_a.pk}": "0",
                },
            )
    assert mine(world.learner_a) == ["attendance_at_risk"]
    learner_mail = [m for m in mail.outbox if m.to == [world.learner_a.email]]
    assert len(learner_mail) == 1
    text = page(client, world.learner_a)
    # 8 of 10 at best; 9 needed: one session more than there are left.
    assert "can now reach at most 80%" in text
    assert "You would need 1 more session than there are left" in text
    # Following it leads to the learner's attendance in that course.
    notification = Notification.objects.get(recipient=world.learner_a)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("attendance:mine_detail", args=[world.enrolment_a.pk])


def test_each_person_sees_only_their_own(client, world):
    notification_send(
        recipient=world.learner_a,
        kind="certificate_revoked",
        params={
            "course": "Artisan Baking",
            "serial": "2026-000009",
            "reason": "Private reason",
            "date": "2026-12-01",
            "certificate_id": 1,
        },
    )
    assert "Private reason" in page(client, world.learner_a)
    for other in (world.learner_b, world.coordinator_x, world.superuser):
        assert "Private reason" not in page(client, other)
        assert "No notifications yet." in page(client, other)
    notification = Notification.objects.get()
    client.force_login(world.learner_b)
    response = client.post(reverse("notifications:open", args=[notification.pk]))
    assert response.status_code == 404
    notifications_mark_read(user=world.learner_b)
    notification.refresh_from_db()
    assert notification.read_at is None


def test_the_unread_count_and_reading(client, world):
    for serial in ("2026-000001", "2026-000002"):
        notification_send(
            recipient=world.learner_a,
            kind="certificate_issued",
            params={"course": "Artisan Baking", "serial": serial, "certificate_id": 1},
        )
    client.force_login(world.learner_a)
    text = client.get("/learning/").text
    assert 'text-bg-danger">2<span class="visually-hidden"> unread' in text
    # A GET of the list changes nothing.
    client.get(reverse("notifications:list"))
    assert Notification.objects.filter(read_at__isnull=True).count() == 2
    # Following one marks it read and leads to the thing it is about.
    first = Notification.objects.first()
    response = client.post(reverse("notifications:open", args=[first.pk]))
    assert response["Location"] == reverse("certificates:mine")
    assert 'text-bg-danger">1<' in client.get("/learning/").text
    client.post(reverse("notifications:read_all"))
    text = client.get("/learning/").text
    assert "text-bg-danger" not in text


def test_the_count_costs_no_query_of_its_own_and_is_never_stale(client, world):
    """The count is asked in the navigation's one query of facts (lms/nav.py), not cached: a
    notification sent since the last page shows on the next one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.learner_a)
    client.get("/learning/")
    with CaptureQueriesContext(connection) as queries:
        text = client.get("/learning/").text
    counting = [q["sql"] for q in queries if "lms_notification" in q["sql"]]
    assert len(counting) == 1
    assert "courses_enrolment" in counting[0]  # the same query as the navigation's facts
    assert "text-bg-danger" not in text
    notification_send(
        recipient=world.learner_a,
        kind="certificate_issued",
        params={"course": "X", "serial": "2026-000003", "certificate_id": 1},
    )
    assert 'text-bg-danger">1<' in client.get("/learning/").text


def test_my_data_has_them_and_erasure_deletes_them(world):
    notification_send(
        recipient=world.learner_a,
        kind="certificate_issued",
        params={"course": "Artisan Baking", "serial": "2026-000001", "certificate_id": 1},
    )
    notification_send(
        recipient=world.learner_b,
        kind="certificate_issued",
        params={"course": "Artisan Baking", "serial": "2026-000002", "certificate_id": 2},
    )
    [section] = [s for s in SECTIONS if s.name == "notifications"]
    [exported] = section.export(world.learner_a)
    assert exported["kind"] == "certificate_issued"
    assert exported["details"]["serial"] == "2026-000001"
    section.erase(world.learner_a)
    assert list(Notification.objects.values_list("recipient", flat=True)) == [world.learner_b.pk]
