"""Region and trade names on the indicators page are in the reader's language, while the figures
are the same in every language: one region is one row (grouped by the region, not by the words
shown), and the filters choose the same cohorts."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests import factories
from tests.indicators.conftest import ended_cohort

pytestmark = pytest.mark.django_db

TODAY = datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC)
PERIOD = "start=2026-01-01&end=2026-10-31"


@pytest.fixture
def regions(world):
    """Two ended cohorts of coordinator X: North (6 learners, named in Spanish and Italian) and
    Mountains (5 learners, named in Spanish only), the trade named in Spanish."""
    north = factories.RegionFactory(name="North", name_es="Norte", name_it="Nord")
    mountains = factories.RegionFactory(name="Mountains", name_es="Sierra")
    trade = world.course.trade
    trade.name_es = "Panadería"
    trade.save()
    for region, people in ((north, 6), (mountains, 5)):
        ended_cohort(
            course=world.course,
            region=region,
            coordinator=world.coordinator_x,
            people=[("woman", 1990)] * people,
            end_date=datetime.date(2026, 6, 30),
        )
    return north, mountains


def by_region(client, user, language, query=PERIOD):
    client.force_login(user)
    response = client.get(f"/indicators/?{query}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    # The figures as numbers: a page writes them the reader's way ("100 %" in Spanish).
    return response, [
        (label, [str(c.export_value) for c in cells]) for label, cells in _rows(response)
    ]


def _rows(response):
    return response.context["tables"]["by_region"].rows


@time_machine.travel(TODAY)
def test_one_row_per_region_in_every_language_named_in_the_readers(client, world, regions):
    _response, english = by_region(client, world.coordinator_x, "en")
    _response, spanish = by_region(client, world.coordinator_x, "es")
    _response, italian = by_region(client, world.coordinator_x, "it")
    _response, portuguese = by_region(client, world.coordinator_x, "pt")

    assert [label for label, _cells in english] == ["Mountains", "North"]
    # In the order of the names the reader sees: Norte before Sierra.
    assert [label for label, _cells in spanish] == ["Norte", "Sierra"]
    # No Italian name for Mountains, no Portuguese name at all: the original.
    assert [label for label, _cells in italian] == ["Mountains", "Nord"]
    assert [label for label, _cells in portuguese] == ["Mountains", "North"]
    # The same figures, whatever the words.
    figures = dict(english)
    assert dict(spanish) == {"Norte": figures["North"], "Sierra": figures["Mountains"]}
    assert figures["North"][0] == "6"
    assert figures["Mountains"][0] == "5"


@time_machine.travel(TODAY)
def test_filters_offer_the_readers_names_and_choose_the_same_cohorts(client, world, regions):
    north, _mountains = regions
    response, _rows_shown = by_region(client, world.coordinator_x, "es")
    form = response.context["form"]
    assert (north.pk, "Norte") in form.fields["region"].choices
    assert (world.course.trade_id, "Panadería") in form.fields["trade"].choices
    assert f'<option value="{north.pk}">Norte</option>' in response.text

    query = f"{PERIOD}&region={north.pk}&trade={world.course.trade_id}"
    _response, spanish = by_region(client, world.coordinator_x, "es", query)
    _response, english = by_region(client, world.coordinator_x, "en", query)
    assert [label for label, _cells in spanish] == ["Norte"]
    assert [cells for _label, cells in spanish] == [cells for _label, cells in english]


@time_machine.travel(TODAY)
def test_two_regions_that_read_alike_stay_two_rows_told_apart(client, world, regions):
    # A region called "Norte" in every language, next to North, whose Spanish name is "Norte".
    norte = factories.RegionFactory(name="Norte")
    ended_cohort(
        course=world.course,
        region=norte,
        coordinator=world.coordinator_x,
        people=[("man", 1980)] * 7,
        end_date=datetime.date(2026, 6, 30),
    )

    response, spanish = by_region(client, world.coordinator_x, "es")

    rows = dict(spanish)
    assert rows["Norte"][0] == "7"
    assert rows["Norte (North)"][0] == "6"
    assert len(rows) == 3
    choices = dict(response.context["form"].fields["region"].choices)
    assert choices[norte.pk] == "Norte"
    assert choices[regions[0].pk] == "Norte (North)"


@time_machine.travel(TODAY)
def test_region_names_in_the_exported_table_are_the_readers(client, world, regions):
    client.force_login(world.coordinator_x)
    csv = client.get(
        f"/indicators/tables/by_region.csv?{PERIOD}", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    lines = csv.splitlines()
    assert lines[0].startswith("Región,")
    assert [line.split(",")[0] for line in lines[1:3]] == ["Norte", "Sierra"]


@time_machine.travel(TODAY)
def test_the_spanish_page_runs_as_many_queries_as_the_english(client, world, regions):
    client.force_login(world.coordinator_x)
    counts = {}
    for language in ("en", "es", "en", "es"):  # the first of each warms the session up
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/indicators/?{PERIOD}", HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200
        counts[language] = len(queries)
    assert "Norte" in response.text
    # The names come with the figures and the filter choices, not with queries of their own.
    assert counts["es"] == counts["en"] <= 15
