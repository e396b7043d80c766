"""Mentoring indicators, worked out by hand: hours and contacts per region and month, the
share of mentees with a contact in the last 3 weeks, mentors per 10 mentees, with the same
suppression as every figure, on the page and in the CSV export."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from mentors.models import Assignment, Meeting
from tests import factories
from tests.mentors import conftest as mentor_fixtures
from tests.mentors.conftest import make_mentor

pytestmark = pytest.mark.django_db

training = mentor_fixtures.training  # the mentor course, as in tests/mentors


def mentees(mentor, cohort, n, *, started_on):
    found = []
    for _ in range(n):
        enrolment = factories.EnrolmentFactory(cohort=cohort)
        found.append(
            Assignment.objects.create(
                mentor=mentor, mentee=enrolment.learner, enrolment=enrolment, started_on=started_on
            )
        )
    return found


@pytest.fixture
def mentoring(world, training):
    """Today is 18 Nov 2026 (tests/conftest.py). Region X: 6 mentees met in October (30 min
    each, one also 60 min: 4 hours, 7 contacts) and 5 met in November (5 x 18 min: 1.5 hours);
    region Y: 2 mentees met in November. Two active mentors live in region X."""
    today = timezone.localdate()
    start = today - datetime.timedelta(days=90)
    z = factories.CohortFactory(course=world.course, coordinators=[world.coordinator_x])
    m1 = make_mentor("m1", training=training, region=world.cohort_x.region, on=start)
    make_mentor("m2", training=training, region=world.cohort_x.region, on=start)
    october = mentees(m1, world.cohort_x, 6, started_on=start)
    november = mentees(m1, world.cohort_x, 5, started_on=start)
    elsewhere = mentees(m1, z, 2, started_on=start)

    def meet(assignment, day, minutes):
        Meeting.objects.create(assignment=assignment, author=m1, met_on=day, minutes=minutes)

    for a in october:
        meet(a, datetime.date(2026, 10, 5), 30)
    meet(october[0], datetime.date(2026, 10, 20), 60)
    for a in november:
        meet(a, datetime.date(2026, 11, 10), 18)
    for a in elsewhere:
        meet(a, datetime.date(2026, 11, 12), 30)
    return z


def test_hours_contacts_and_coverage_by_hand(
    client, world, mentoring, django_assert_max_num_queries
):
    client.force_login(world.superuser)
    client.get("/")
    with django_assert_max_num_queries(24):
        response = client.get("/indicators/")
    tables = {t.key: t for t in response.context["mentoring"]}
    rows = {label: [str(c) for c in cells] for label, cells in tables["mentoring_by_month"].rows}
    x, z = world.cohort_x.region.name, mentoring.region.name
    # Region Z's November row (2 mentees) is hidden, and so the next smallest: X in November.
    assert rows[f"{x} · Oct 2026"] == ["4", "7"]
    assert rows[f"{x} · Nov 2026"] == ["fewer than 5", "fewer than 5"]
    assert rows[f"{z} · Nov 2026"] == ["fewer than 5", "fewer than 5"]
    assert [str(c) for c in tables["mentoring_by_month"].total[1]] == ["6.5", "14"]
    by_region = {
        label: [str(c) for c in cells] for label, cells in tables["mentoring_by_region"].rows
    }
    # Z (2 mentees) is hidden; with only two rows, the total would give it away, so X too.
    assert by_region[z] == ["fewer than 5"] * 3
    assert by_region[x] == ["fewer than 5"] * 3


def test_a_region_shown_with_the_share_and_mentors_per_ten(client, world, mentoring, training):
    # A third region with 6 mentees and its own mentor: Z (2) is hidden, and the smallest
    # other row (the new region, 6) with it; X shows. X: 11 mentees, of whom the 5 met on
    # 10 Nov had a contact within 3 weeks of 18 Nov: 45.4% (5/11, cut); 2 mentors living in
    # X per 11 mentees: 1.8 per 10 (cut).
    w = factories.CohortFactory(course=world.course, coordinators=[world.coordinator_x])
    m3 = make_mentor("m3", training=training, region=w.region, on=timezone.localdate())
    mentees(m3, w, 6, started_on=timezone.localdate())
    client.force_login(world.superuser)
    response = client.get("/indicators/", HTTP_ACCEPT_LANGUAGE="es")
    tables = {t.key: t for t in response.context["mentoring"]}
    by_region = {
        label: [str(c) for c in cells] for label, cells in tables["mentoring_by_region"].rows
    }
    assert by_region[world.cohort_x.region.name] == ["11", "45,4\u00a0%", "1,8"]
    csv_text = client.get("/indicators/tables/mentoring_by_region.csv").content.decode()
    exported = {row[0]: row[1:] for row in csv.reader(io.StringIO(csv_text))}
    assert exported[world.cohort_x.region.name] == ["11", "45.4", "1.8"]
    assert exported[mentoring.region.name] == ["fewer than 5"] * 3


def test_a_coordinator_sees_the_mentoring_of_their_cohorts_only(client, world, mentoring):
    client.force_login(world.coordinator_y)
    response = client.get("/indicators/")
    tables = {t.key: t for t in response.context["mentoring"]}
    assert tables["mentoring_by_month"].rows == []
    assert tables["mentoring_by_region"].rows == []
