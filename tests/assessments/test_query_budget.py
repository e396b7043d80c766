"""Roll call and the cohort grid run a fixed number of queries: the same bound for a handful of
learners and for 200 learners by 40 sessions."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import AttendanceRecord
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
# not.) Learners newly at risk are told (lms.services.notifications_send): their enrolments read
# once and their notifications inserted in bulk, in two batches at 200 on SQLite, and the
# cohort's coordinators read once to name them in the warning: 35.
ROLL_CALL_POST_BUDGET = 35

SIZES = [pytest.param(5, 4, id="5x4"), pytest.param(200, 40, id="200x40")]


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
    factories.fill_cohort(big_cohort, learners=learners, sessions=sessions)
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
    _enrolments, session_list = factories.fill_cohort(
        big_cohort, learners=learners, sessions=sessions
    )
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
    enrolments, session_list = factories.fill_cohort(
        big_cohort, learners=learners, sessions=sessions
    )
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
