"""Self check-in through the pages, as the trainer and the learner use them, with query budgets."""

import datetime
import re

import pytest
from django.utils import timezone

from assessments.attendance import checkin_rules, checkin_services, checkin_tokens
from assessments.models import AttendanceRecord, LearnerCard, SelfCheckIn
from tests import factories

pytestmark = pytest.mark.django_db

# The code page and its fragment: the login session and the site's frame, the session in scope,
# the window, the count of check-ins. The check-in: the page's frame, then the service's few
# statements (lock, enrolment, roll call, device, record, history, tally, audit).
CODE_PAGE_BUDGET = 16
CODE_FRAGMENT_BUDGET = 8
SELF_CHECKINS_BUDGET = 8
CHECKIN_BUDGET = 30


@pytest.fixture
def session(world):
    return factories.SessionFactory(
        cohort=world.cohort_x,
        topic="Sourdough",
        start_time=datetime.time(11),
        end_time=datetime.time(14),
    )


def scan_url(window):
    step = checkin_rules.step_at(timezone.now())
    token = checkin_tokens.qr_token(session_id=window.session_id, window_id=window.pk, step=step)
    return f"/attendance/check-in/{token}/"


def test_trainer_opens_check_in_and_sees_a_qr_code_and_typed_code(client, world, session):
    client.force_login(world.trainer_x)
    page = client.get(f"/attendance/sessions/{session.pk}/check-in/").text
    assert "Open check-in" in page
    response = client.post(f"/attendance/sessions/{session.pk}/check-in/open/")
    assert response.status_code == 302
    page = client.get(f"/attendance/sessions/{session.pk}/check-in/").text
    assert "<svg" in page
    url = re.search(r'data-url="([^"]+)"', page).group(1)
    assert (
        url.startswith("http://testserver/attendance/check-in/") or "/attendance/check-in/" in url
    )
    assert re.search(r'id="checkin-typed">\d{3} \d{3}<', page)


def test_learner_scans_logs_in_and_checks_in(client, world, session):
    window = checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    response = client.get(scan_url(window))
    assert response["Location"] == "/attendance/check-in/"
    response = client.get("/attendance/check-in/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/attendance/check-in/")
    client.force_login(world.learner_a)  # keeps the session's data, as the login page does
    page = client.get("/attendance/check-in/").text
    assert "Check me in" in page
    response = client.post("/attendance/check-in/")
    assert "You are checked in." in response.text
    assert response.cookies["lms_device"]["httponly"]
    assert AttendanceRecord.objects.get().self_checked_in
    # The trainer's roll call says so, and its live list too.
    client.force_login(world.trainer_x)
    assert "Present (self)" in client.get(f"/attendance/sessions/{session.pk}/roll-call/").text
    live = client.get(f"/attendance/sessions/{session.pk}/self-check-ins/").text
    assert "Present (self)" in live


def test_a_second_learner_on_the_same_phone_is_refused(client, world, session):
    window = checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    ben = factories.EnrolmentFactory(cohort=world.cohort_x).learner
    client.force_login(world.learner_a)
    client.get(scan_url(window))
    client.post("/attendance/check-in/")
    client.force_login(ben)  # the device cookie stays in the browser
    client.get(scan_url(window))
    response = client.post("/attendance/check-in/")
    assert response.status_code == 400
    assert "already checked someone else in" in response.text
    assert SelfCheckIn.objects.count() == 1


def test_an_old_or_wrong_code_is_refused_in_the_readers_language(client, world, session):
    window = checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    old = checkin_rules.step_at(timezone.now()) - 2
    token = checkin_tokens.qr_token(session_id=session.pk, window_id=window.pk, step=old)
    response = client.get(f"/attendance/check-in/{token}/", HTTP_ACCEPT_LANGUAGE="es")
    assert response.status_code == 400
    assert "Este código ha caducado" in response.text
    response = client.get("/attendance/check-in/1-1-abc/")
    assert response.status_code == 400
    assert not SelfCheckIn.objects.exists()


def test_card_section_pdf_and_reset(client, world):
    client.force_login(world.learner_a)
    page = client.get("/accounts/profile/").text
    assert 'id="profile-checkin_card"' in page
    card = LearnerCard.objects.get(learner=world.learner_a)
    assert world.learner_a.username not in card.token
    pdf = client.get("/attendance/my-card.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    client.post("/attendance/my-card/reset/")
    card.refresh_from_db()
    assert card.revoked_at is not None


def test_scan_card_endpoint(client, world, session):
    card = checkin_services.card_issue(learner=world.learner_a, by=world.learner_a)
    client.force_login(world.trainer_x)
    assert client.get(f"/attendance/sessions/{session.pk}/scan-cards/").status_code == 200
    response = client.post(
        f"/attendance/sessions/{session.pk}/scan-cards/scan/", {"token": card.token}
    )
    assert response.json()["ok"]
    assert world.learner_a.profile.printed_name in response.json()["message"]
    other = checkin_services.card_issue(learner=world.learner_b, by=world.learner_b)
    response = client.post(
        f"/attendance/sessions/{session.pk}/scan-cards/scan/", {"token": other.token}
    )
    assert response.status_code == 400
    assert not response.json()["ok"]


def test_the_scan_endpoint_needs_the_csrf_token(world, session):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.trainer_x)
    response = client.post(f"/attendance/sessions/{session.pk}/scan-cards/scan/", {"token": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize("learners", [3, 120])
def test_query_budgets(client, world, session, django_assert_max_num_queries, learners):
    enrolments = factories.EnrolmentFactory.create_batch(learners, cohort=world.cohort_x)
    window = checkin_services.checkin_window_open(session=session, by=world.trainer_x)
    for i, enrolment in enumerate(enrolments[:-1]):
        checkin_services.checkin_self(
            token=scan_url(window).split("/")[-2],
            scanned_at=timezone.now(),
            learner=enrolment.learner,
            device=f"d{i}",
        )
    client.force_login(world.trainer_x)
    client.get("/")
    with django_assert_max_num_queries(CODE_PAGE_BUDGET):
        assert client.get(f"/attendance/sessions/{session.pk}/check-in/").status_code == 200
    with django_assert_max_num_queries(CODE_FRAGMENT_BUDGET):
        assert client.get(f"/attendance/sessions/{session.pk}/check-in/code/").status_code == 200
    with django_assert_max_num_queries(SELF_CHECKINS_BUDGET):
        live = client.get(f"/attendance/sessions/{session.pk}/self-check-ins/")
    assert live.text.count("badge text-bg-info") == learners - 1
    last = enrolments[-1].learner
    client.force_login(last)
    client.get("/")
    client.get(scan_url(window))
    with django_assert_max_num_queries(CHECKIN_BUDGET):
        response = client.post("/attendance/check-in/")
    assert "You are checked in." in response.text
