"""One learner's attendance shows as one figure everywhere: the cohort grid, the learner's own
page, the certify queue and the indicators export (6 of 7 sessions: 85.71%, never 85.7%)."""

import datetime
import re

import pytest
import time_machine

from tests.indicators.conftest import ended_cohort

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)
PERIOD = "start=2026-01-01&end=2026-10-31"
SHOWN = "85.71%"  # 6 of 7, cut to hundredths
RATE = re.compile(r"85[.,]\d*%")


@pytest.fixture
def cohort(world):
    """Five learners (the indicators show no group of fewer), each absent from the first of
    seven sessions."""
    region = world.cohort_x.region
    cohort, enrolments = ended_cohort(
        course=world.course,
        region=region,
        coordinator=world.coordinator_x,
        people=[("woman", 1990)] * 5,
        end_date=datetime.date(2026, 6, 30),
        sessions=7,
        attended=lambda _learner, session: session != 0,
    )
    return cohort, enrolments


def figures(text: str) -> set[str]:
    return set(RATE.findall(text))


@time_machine.travel(TODAY)
def test_the_grid_the_learner_the_certify_queue_and_the_indicators_show_one_figure(
    client, world, cohort
):
    cohort, enrolments = cohort
    client.force_login(world.coordinator_x)
    grid = client.get(f"/attendance/cohorts/{cohort.pk}/")
    queue = client.get(f"/certificates/cohorts/{cohort.pk}/")
    export = client.get(f"/indicators/tables/summary.csv?{PERIOD}")
    client.force_login(enrolments[0].learner)
    mine = client.get(f"/attendance/mine/{enrolments[0].pk}/")

    pages = {"grid": grid, "certify queue": queue, "indicators export": export, "mine": mine}
    shown = {name: figures(page.content.decode()) for name, page in pages.items()}
    assert all(page.status_code == 200 for page in pages.values()), shown
    # The export holds the figure as a number (85.71), the pages with a percent sign.
    shown["indicators export"] = {f"{v}%" for v in re.findall(r"85\.\d+", export.text)}
    assert shown == {name: {SHOWN} for name in pages}
