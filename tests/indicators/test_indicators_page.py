"""The indicators page as a coordinator sees it: figures, filters, suppression, exports, scope,
and a query count that does not grow with the data."""

import datetime
import io

import pytest
import time_machine
from openpyxl import load_workbook

from indicators.models import FollowUp
from tests import factories
from tests.indicators.conftest import ended_cohort

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)
PERIOD = "start=2026-01-01&end=2026-10-31"


@pytest.fixture
def data(world):
    """Cohort X's coordinator has two ended cohorts: North (6 women and 2 men, 7 attend all
    four sessions, one attends one) and South (4 people: too few to show)."""
    north = factories.RegionFactory(name="North")
    south = factories.RegionFactory(name="South")
    people = [("woman", 1990)] * 6 + [("man", 1960)] * 2
    _north, north_enrolments = ended_cohort(
        course=world.course,
        region=north,
        coordinator=world.coordinator_x,
        people=people,
        end_date=datetime.date(2026, 6, 30),
        attended=lambda i, s: i != 7 or s == 0,
    )
    ended_cohort(
        course=world.course,
        region=south,
        coordinator=world.coordinator_x,
        people=[("woman", 1990)] * 4,
        end_date=datetime.date(2026, 6, 30),
    )
    for i, enrolment in enumerate(north_enrolments[:6]):
        FollowUp.objects.create(
            enrolment=enrolment,
            months=3,
            outcome="employed_in_trade" if i < 3 else "seeking_work",
            recorded_at=TODAY,
        )
    return north, south


def page(client, user, query=PERIOD):
    client.force_login(user)
    return client.get(f"/indicators/?{query}")


@time_machine.travel(TODAY)
def test_the_coordinator_sees_the_figures_with_small_cells_suppressed(client, world, data):
    response = page(client, world.coordinator_x)
    assert response.status_code == 200
    summary = response.context["tables"]["summary"]
    shown = {label: str(cells[0]) for label, cells in summary.rows}
    assert shown["Enrolments"] == "12"
    # North: 7 of 8 met 90% attendance; South: 4 of 4. Completion 11 of 12.
    assert shown["Completion rate"] == "91.6%"
    assert shown["Mean attendance rate"] == "93.7%"  # (11 x 100% + 25%) / 12 = 93.75, cut
    assert shown["Share of women"] == "83.3%"
    assert shown["In work at 3 months"] == "50%"
    by_region = dict(response.context["tables"]["by_region"].rows)
    # South has 4 people; North goes too (secondary suppression: total - North = South).
    assert all(cell.suppressed for cell in by_region["South"])
    assert all(cell.suppressed for cell in by_region["North"])
    assert "fewer than 5" in response.text
    assert '<svg class="indicator-chart' in response.text
    # Both regions suppressed: the completion chart is a sentence, not two empty bars.
    assert '<title id="chart-completion_by_region-title">' not in response.text
    assert "Every figure here is about fewer than 5 people, so no bar is drawn" in response.text


@time_machine.travel(TODAY)
def test_filtering_by_region_and_exporting_xlsx(client, world, data):
    north, _south = data
    response = page(client, world.coordinator_x, f"{PERIOD}&region={north.pk}")
    by_region = dict(response.context["tables"]["by_region"].rows)
    assert list(by_region) == ["North"]
    assert str(by_region["North"][0]) == "8"
    assert str(by_region["North"][1]) == "87.5%"

    xlsx = client.get(f"/indicators/tables/by_region.xlsx?{PERIOD}&region={north.pk}")
    assert xlsx.status_code == 200
    assert xlsx["Content-Disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0][:3] == ["Region", "Enrolments", "Completion rate"]
    assert rows[1][:3] == ["North", 8, 87.5]

    csv = client.get(f"/indicators/tables/by_gender.csv?{PERIOD}").content.decode()
    assert "Man,fewer than 5" in csv
    assert client.get(f"/indicators/tables/nonsense.csv?{PERIOD}").status_code == 404


@time_machine.travel(TODAY)
def test_a_keyboard_reaches_every_table_that_scrolls_sideways(client, world, data):
    # On a phone the wider tables scroll inside their frame: the frame takes the focus (so the
    # arrow keys scroll it) and is named after its table (axe's scrollable-region-focusable).
    html = page(client, world.coordinator_x).content.decode()
    frames = html.count('<div class="table-responsive"')
    assert frames > 5
    assert (
        html.count(
            '<div class="table-responsive" tabindex="0" role="region" '
            'aria-label="Results indicators by region of the cohort">'
        )
        >= 1
    )
    assert html.count('class="table-responsive" tabindex="0" role="region" aria-label="') == frames


@time_machine.travel(TODAY)
def test_a_coordinator_sees_only_their_cohorts(client, world, data):
    response = page(client, world.coordinator_y)
    assert response.context["tables"]["by_region"].rows == []
    assert "North" not in response.text


@time_machine.travel(TODAY)
def test_bad_filters_say_what_to_do(client, world, data):
    response = page(client, world.coordinator_x, "start=2026-10-01&end=2026-01-01")
    assert response.status_code == 200
    assert "The end of the period must be on or after its start." in response.text
    response = page(client, world.coordinator_x, "region=abc")
    assert "Select a valid choice" in response.text


def test_trainers_and_learners_are_refused(client, world):
    for user in (world.trainer_x, world.learner_a):
        assert page(client, user).status_code == 403


def test_formulas_in_names_are_neutralised_in_exports(client, world):
    region = factories.RegionFactory(name="=cmd|'/c calc'!A1")
    ended_cohort(
        course=world.course,
        region=region,
        coordinator=world.coordinator_x,
        people=[("woman", 1990)] * 5,
        end_date=datetime.date.today() - datetime.timedelta(days=10),
    )
    client.force_login(world.coordinator_x)
    csv = client.get("/indicators/tables/by_region.csv").content.decode()
    assert "'=cmd" in csv


def build(world, cohorts: int, learners: int):
    for c in range(cohorts):
        region = factories.RegionFactory()
        _cohort, enrolments = ended_cohort(
            course=world.course,
            region=region,
            coordinator=world.coordinator_x,
            people=[("woman", 1990), ("man", 1970)] * (learners // 2),
            end_date=datetime.date(2026, 3, 1 + c),
        )
        for e in enrolments:
            FollowUp.objects.create(
                enrolment=e, months=6, outcome="seeking_work", recorded_at=TODAY
            )


@pytest.mark.parametrize(("cohorts", "learners"), [(1, 6), (6, 10)])
@time_machine.travel(TODAY)
def test_the_query_count_does_not_grow_with_the_data(
    client, world, cohorts, learners, django_assert_max_num_queries
):
    build(world, cohorts, learners)
    client.force_login(world.coordinator_x)
    client.get("/")
    # 5 for the figures, 1 for the filter choices; the rest is the session, the user and the
    # site chrome (the navbar, settings, the userbar).
    with django_assert_max_num_queries(15):
        response = client.get(f"/indicators/?{PERIOD}")
    assert response.status_code == 200
    assert str(response.context["tables"]["summary"].rows[0][1][0]) == str(cohorts * learners)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ["between 1 Jan 2026 and 31 Oct 2026", "measured on 31 Oct 2026."]),
        ("es", ["entre el 1 ene 2026 y el 31 oct 2026", "31 oct 2026"]),
    ],
)
@time_machine.travel(TODAY)
def test_the_period_line_is_written_in_the_readers_language(client, world, data, language, words):
    # The period's dates stay ISO in the date inputs (the browser reads them), not in the sentence.
    client.force_login(world.coordinator_x)
    response = client.get(f"/indicators/?{PERIOD}", HTTP_ACCEPT_LANGUAGE=language)
    for text in words:
        assert text in response.text
    assert 'value="2026-01-01"' in response.text
