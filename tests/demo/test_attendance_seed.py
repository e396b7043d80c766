"""The attendance demo, seeded on a small world built like the core demo."""

import datetime
import io

import pytest
from django.utils import timezone

from assessments.attendance.selectors import attendance_summaries
from assessments.models import AttendanceChange, AttendanceRisk
from courses.models import Session
from demo import attendance
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world():
    today = timezone.localdate()
    course = factories.make_course(title="Artisan Baking", slug="artisan-baking-demo", lessons=2)
    trainer = factories.TrainerFactory(username="trainer")
    coordinator = factories.CoordinatorFactory(username="coordinator")
    cohort = factories.CohortFactory(
        course=course,
        name="Spring",
        trainers=[trainer],
        coordinators=[coordinator],
        start_date=today - datetime.timedelta(days=60),
        end_date=today + datetime.timedelta(days=30),
    )
    learner = factories.LearnerFactory(username="learner", profile__printed_name="Lea Learner")
    factories.EnrolmentFactory(learner=learner, cohort=cohort)
    for i in range(12):
        factories.EnrolmentFactory(
            cohort=cohort, learner=factories.LearnerFactory(username=f"demo{i:02}")
        )
    return {
        "today": today,
        "cohort": cohort,
        "learner": learner,
        "trainer": trainer,
        "coordinator": coordinator,
    }


def test_seed_shows_the_whole_range_and_a_session_today(client, demo_world):
    cohort, today = demo_world["cohort"], demo_world["today"]
    out = io.StringIO()
    attendance.seed(today=today, stdout=out)
    assert "Attendance demo:" in out.getvalue()

    summaries = attendance_summaries(cohort=cohort, as_of=today)
    rates = [s.rate_so_far for s in summaries.values()]
    assert any(rate is not None and rate >= 95 for rate in rates)  # well above
    assert any(rate == 90 for rate in rates)  # exactly 90%
    assert any(s.at_risk for s in summaries.values())
    assert any(rate is not None and rate < 90 for rate in rates)  # below
    assert AttendanceRisk.objects.filter(at_risk=True).exists()
    assert AttendanceChange.objects.filter(old_status="absent", new_status="excused").exists()
    assert Session.objects.filter(cohort=cohort, cancelled=True).exists()

    today_session = Session.objects.get(cohort=cohort, date=today)
    client.force_login(demo_world["trainer"])
    page = client.get(f"/attendance/sessions/{today_session.pk}/roll-call/").text
    assert "Lea Learner" in page
    client.force_login(demo_world["coordinator"])
    assert "No learner is at risk" not in client.get("/attendance/at-risk/").text


def test_seed_is_idempotent(demo_world):
    attendance.seed(today=demo_world["today"], stdout=io.StringIO())
    count = Session.objects.count()
    out = io.StringIO()
    attendance.seed(today=demo_world["today"], stdout=out)
    assert Session.objects.count() == count
    assert "already has sessions" in out.getvalue()


def test_seed_without_the_core_demo_does_nothing(db):
    out = io.StringIO()
    attendance.seed(today=timezone.localdate(), stdout=out)
    assert "skipped" in out.getvalue()
    assert not Session.objects.exists()
