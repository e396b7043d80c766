"""The grid, its exports, the at-risk list and the learner's own attendance, as people see them."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone
from openpyxl import load_workbook

from assessments.attendance.services import RollCallEntry, roll_call_save
from assessments.models import AttendanceRisk
from courses.services import session_cancel
from tests import factories

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def history(world, django_capture_on_commit_callbacks):
    """Ten sessions for cohort X: eight held (up to yesterday), today's, and one to come.
    Learner A missed two (at risk at 90%); learner 'Eve' attended all so far."""
    today = timezone.localdate()
    sessions = [
        factories.SessionFactory(cohort=world.cohort_x, date=today - (8 - i) * DAY, topic=f"T{i}")
        for i in range(10)
    ]
    eve = factories.EnrolmentFactory(
        cohort=world.cohort_x,
        learner=factories.LearnerFactory(profile__printed_name='=HYPERLINK("http://evil")'),
    )
    with django_capture_on_commit_callbacks(execute=True):
        for i, session in enumerate(sessions[:8]):
            roll_call_save(
                session=session,
                entries=[
                    RollCallEntry(world.enrolment_a.pk, "absent" if i in (2, 5) else "present"),
                    RollCallEntry(eve.pk, "late" if i == 0 else "present"),
                ],
                by=world.trainer_x,
            )
    return {"sessions": sessions, "eve": eve}


def test_grid_shows_rates_and_marks_at_risk_rows_in_words(client, world, history):
    client.force_login(world.trainer_x)
    response = client.get(f"/attendance/cohorts/{world.cohort_x.pk}/")
    assert response.status_code == 200
    page = response.text
    assert "1 learner is at risk." in page
    assert page.count("At risk</span>") == 1
    assert "75%" in page  # learner A: 6 of 8 so far
    assert "80%" in page  # learner A: best reachable 8 of 10
    assert "100%" in page  # Eve so far


@pytest.mark.parametrize("who", ["trainer_y", "coordinator_y", "learner_a", "outsider"])
def test_grid_and_exports_are_404_outside_my_cohorts(client, world, history, who):
    client.force_login(getattr(world, who))
    for suffix in ("", "attendance.csv", "attendance.xlsx"):
        assert client.get(f"/attendance/cohorts/{world.cohort_x.pk}/{suffix}").status_code == 404


def test_csv_export_neutralises_formulas(client, world, history):
    client.force_login(world.coordinator_x)
    response = client.get(f"/attendance/cohorts/{world.cohort_x.pk}/attendance.csv")
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    header, *learners = rows
    assert header[0] == "Learner"
    assert len(header) == 4 + 10 + 9
    names = [row[0] for row in learners]
    assert '\'=HYPERLINK("http://evil")' in names
    row_a = next(row for row in learners if row[1] == "learner_a")
    assert row_a[4:14] == [
        "Present",
        "Present",
        "Absent",
        "Present",
        "Present",
        "Absent",
        "Present",
        "Present",
        "Upcoming",
        "Upcoming",
    ]
    assert row_a[-3:] == ["90", "no", "yes"]


def test_xlsx_export_neutralises_formulas(client, world, history):
    client.force_login(world.coordinator_x)
    response = client.get(f"/attendance/cohorts/{world.cohort_x.pk}/attendance.xlsx")
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    cells = [cell for row in sheet.iter_rows() for cell in row]
    assert all(cell.data_type != "f" for cell in cells)
    assert '\'=HYPERLINK("http://evil")' in [row[0] for row in values]
    row_a = next(row for row in values if row[1] == "learner_a")
    assert row_a[-9] == 6  # attended, as a number


def test_coordinator_sees_the_at_risk_list_and_got_one_email(client, world, history):
    # One to the coordinator; learners are told too (tests/lms/test_notifications.py).
    [email] = [m for m in mail.outbox if m.to == [world.coordinator_x.email]]
    assert world.learner_a.profile.printed_name in email.body
    client.force_login(world.coordinator_x)
    page = client.get("/attendance/at-risk/").text
    assert world.learner_a.profile.printed_name in page
    assert "80%" in page
    client.force_login(world.coordinator_y)
    page = client.get("/attendance/at-risk/").text
    assert world.learner_a.profile.printed_name not in page
    assert "No learner is at risk" in page


def test_learner_sees_rates_and_a_plain_warning(client, world, history):
    client.force_login(world.learner_a)
    page = client.get("/learning/").text
    assert "your attendance in Artisan Baking is at risk" in page
    assert "at most 80%" in page
    assert "T8" in page  # today's session is among the next sessions
    page = client.get(f"/attendance/mine/{world.enrolment_a.pk}/").text
    assert "Warning: you are at risk" in page
    assert "75%" in page  # so far
    assert "6 of 8 sessions" in page
    assert "Best you can still reach" in page
    assert "Absent" in page


def test_learner_on_track_gets_no_warning(client, world, history):
    client.force_login(history["eve"].learner)
    page = client.get(f"/attendance/mine/{history['eve'].pk}/").text
    assert "at risk" not in page
    assert "Attend at least 1 of the 2 remaining sessions to reach 90%." in page
    assert "100%" in page


def test_learner_cannot_see_someone_elses_attendance(client, world, history):
    client.force_login(world.learner_b)
    assert client.get(f"/attendance/mine/{world.enrolment_a.pk}/").status_code == 404


def test_cancelling_a_remaining_session_can_put_a_learner_at_risk(
    world, django_capture_on_commit_callbacks
):
    """Ten sessions, one missed: best 90%. Cancel one to come: best 8 of 9, at risk, and told."""
    today = timezone.localdate()
    sessions = [
        factories.SessionFactory(cohort=world.cohort_x, date=today + (i - 1) * DAY)
        for i in range(10)
    ]
    with django_capture_on_commit_callbacks(execute=True):
        roll_call_save(
            session=sessions[0],
            entries=[RollCallEntry(world.enrolment_a.pk, "absent")],
            by=world.trainer_x,
        )
    assert not AttendanceRisk.objects.filter(at_risk=True).exists()
    # (The learner was told they cannot miss another session: tests/assessments/test_nudges.py.)
    told_before = len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        session_cancel(session=sessions[5], reason="Public holiday", by=world.coordinator_x)
    risk = AttendanceRisk.objects.get(enrolment=world.enrolment_a)
    assert risk.at_risk
    assert risk.best_reachable == Decimal("88.8")  # 8 of 9, cut to one decimal
    assert len(mail.outbox) - told_before == 2  # the coordinator and the learner
