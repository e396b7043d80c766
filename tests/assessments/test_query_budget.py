"""Roll call and the cohort grid run a fixed number of queries: the same bound for a handful of
learners and for 200 learners by 40 sessions."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import AttendanceRecord
from assessments.services import attendance_tallies_refresh
from courses.models import Enrolment, Session
from lms.models import Profile, User
from tests import factories

pytestmark = pytest.mark.django_db

# One bound per page, for every size. Of the grid's, six are the page's own (cohort, sessions,
# enrolments, records, two aggregates); the rest are the login session and the site's layout
# (site settings, navigation, permissions), the same on every page.
GRID_BUDGET = 21
ROLL_CALL_GET_BUDGET = 18
# Saving also locks, writes records and their history in bulk, recounts the learners' attendance
# tallies (lock, count, write) and re-evaluates risks (locking the cohort first, as the nightly
# refresh must): 28 or 29 statements on PostgreSQL at any size. SQLite caps a statement at 999
# parameters, so Django splits a bulk insert of 200 rows in two: four such inserts make the
# bound 31 there. (At thousands of learners SQLite would need more batches; PostgreSQL would
# not.)
ROLL_CALL_POST_BUDGET = 31

SIZES = [pytest.param(5, 4, id="5x4"), pytest.param(200, 40, id="200x40")]


def build(cohort, *, learners: int, sessions: int):
    """`learners` enrolled learners and `sessions` sessions up to today, all recorded, in bulk."""
    today = timezone.localdate()
    users = User.objects.bulk_create(
        User(username=f"bulk{cohort.pk}-{i}", first_name="L", last_name=str(i))
        for i in range(learners)
    )
    Profile.objects.bulk_create(
        Profile(user=u, printed_name=f"Learner {i:03}") for i, u in enumerate(users)
    )
    start = today - datetime.timedelta(days=sessions - 1)
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(learner=u, cohort=cohort, enrolled_on=start) for u in users
    )
    session_list = Session.objects.bulk_create(
        Session(
            cohort=cohort,
            topic=f"Session {i}",
            date=start + datetime.timedelta(days=i),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
        )
        for i in range(sessions)
    )
    statuses = ["present", "present", "present", "late", "absent", "excused"]
    AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=s,
            enrolment=e,
            status=statuses[(i + j) % len(statuses)],
            recorded_at=timezone.now(),
        )
        for i, s in enumerate(session_list[:-1])  # today's roll call is not taken yet
        for j, e in enumerate(enrolments)
    )
    attendance_tallies_refresh(enrolments=Enrolment.objects.filter(cohort=cohort))
    return enrolments, session_list


@pytest.fixture
def big_cohort(world):
    cohort = factories.CohortFactory(
        course=world.course,
        name="Big",
        trainers=[world.trainer_x],
        coordinators=[world.coordinator_x],
        start_date=timezone.localdate() - datetime.timedelta(days=60),
    )
    return cohort


@pytest.mark.parametrize(("learners", "sessions"), SIZES)
def test_cohort_grid(client, world, big_cohort, django_assert_max_num_queries, learners, sessions):
    build(big_cohort, learners=learners, sessions=sessions)
    client.force_login(world.coordinator_x)
    client.get("/")  # once-per-session effects (settings row, session touch) stay out
    with django_assert_max_num_queries(GRID_BUDGET):
        response = client.get(f"/attendance/cohorts/{big_cohort.pk}/")
    assert response.status_code == 200
    assert response.text.count('<th scope="row">') == learners
    assert response.text.count('class="session"') == sessions


@pytest.mark.parametrize(("learners", "sessions"), SIZES)
def test_roll_call_get(
    client, world, big_cohort, django_assert_max_num_queries, learners, sessions
):
    _enrolments, session_list = build(big_cohort, learners=learners, sessions=sessions)
    client.force_login(world.trainer_x)
    client.get("/")  # once-per-session effects (settings row, session touch) stay out
    with django_assert_max_num_queries(ROLL_CALL_GET_BUDGET):
        response = client.get(f"/attendance/sessions/{session_list[-2].pk}/roll-call/")
    assert response.status_code == 200
    assert response.text.count('class="roll-row') == learners


@pytest.mark.parametrize(("learners", "sessions"), SIZES)
def test_roll_call_post(
    client, world, big_cohort, django_assert_max_num_queries, learners, sessions
):
    enrolments, session_list = build(big_cohort, learners=learners, sessions=sessions)
    # Yesterday's roll call (recorded) changes for everyone; today's (not taken) is created.
    yesterday, today = session_list[-2], session_list[-1]
    client.force_login(world.trainer_x)
    client.get("/")  # once-per-session effects (settings row, session touch) stay out
    for session, versions in ((yesterday, 1), (today, 0)):
        data = {}
        for e in enrolments:
            data[f"status-{e.pk}"] = "absent"
            data[f"note-{e.pk}"] = "checked"
            data[f"version-{e.pk}"] = str(versions)
        with django_assert_max_num_queries(ROLL_CALL_POST_BUDGET):
            response = client.post(f"/attendance/sessions/{session.pk}/roll-call/", data)
        assert response.status_code == 302
        assert AttendanceRecord.objects.filter(session=session, status="absent").count() == learners
