"""One learner's attendance is one figure everywhere: the cohort grid, the certify queue, the
caseload and the indicators export show 85.7 (6 of 7 sessions, cut to one decimal, never 85.71
or 85.8), each page in the reader's way ("85.7%", "85,7 %"), the export with a dot; the learner's
own page shows the whole number below it, 85%, never 86%."""

import datetime
import re

import pytest
import time_machine

from tests.indicators.conftest import ended_cohort

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)
PERIOD = "start=2026-01-01&end=2026-10-31"
NBSP = "\u00a0"
# Any figure of the 85s on a page, with whatever separator and spacing: so that a second, differing
# figure (85.71%, 85,71 %) would be found too.
RATE = re.compile(r"\b8[56](?:[.,]\d+)?(?:\u00a0| )?%")


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


def staff_pages(client, cohort) -> dict:
    return {
        "grid": client.get(f"/attendance/cohorts/{cohort.pk}/"),
        "certify queue": client.get(f"/certificates/cohorts/{cohort.pk}/"),
        "caseload": client.get(f"/workspace/cohorts/{cohort.pk}/at-risk/"),
    }


@pytest.mark.parametrize(
    ("language", "staff_figure", "learner_figure"),
    [("en", "85.7%", "85%"), ("es", f"85,7{NBSP}%", f"85{NBSP}%")],
)
@time_machine.travel(TODAY)
def test_five_pages_show_one_figure(client, world, cohort, language, staff_figure, learner_figure):
    cohort, enrolments = cohort
    client.cookies["django_language"] = language
    client.force_login(world.coordinator_x)
    pages = staff_pages(client, cohort)
    export = client.get(f"/indicators/tables/summary.csv?{PERIOD}")
    client.force_login(enrolments[0].learner)
    mine = client.get(f"/attendance/mine/{enrolments[0].pk}/")

    assert all(p.status_code == 200 for p in [*pages.values(), export, mine])
    shown = {name: figures(page.content.decode()) for name, page in pages.items()}
    assert shown == {name: {staff_figure} for name in pages}
    # The export is machine-readable: the same figure with a dot, whatever the language.
    assert re.findall(r"\b85[.,]\d+", export.content.decode()) == ["85.7"]
    # The learner reads the whole number at or below it.
    assert figures(mine.content.decode()) == {learner_figure}
