"""A coordinator lands on "My caseload", opens the people behind a cohort's count, then reads the
indicators, filters them by a region and downloads a table as XLSX.

Other journeys may change the demo's figures (a certificate, a roll call): this one compares
figures read in the same run, never with numbers written down here."""

import re

from openpyxl import load_workbook
from playwright.sync_api import Locator, Page, expect

from tests.e2e.helpers import Journey, login, open_menu_link

COHORT = "Artisan Baking: Bakery Morning Group"
REGION = "South"
RESULTS_HEADER = [
    "Region",
    "Enrolments",
    "Completion rate",
    "Certification rate",
    "Mean attendance rate",
    "Share of women",
]


def _enrolments(table: Locator, row: str) -> int:
    """The Enrolments figure of a row of an indicators table (a number: never hidden, as the
    demo's regions have at least five people)."""
    header = table.page.get_by_role("rowheader", name=row, exact=True)
    cell = table.get_by_role("row").filter(has=header).get_by_role("cell").first
    return int(cell.inner_text())


def test_coordinator_opens_a_count_then_filters_indicators_by_region_and_exports_xlsx(
    page: Page, journey: Journey
):
    login(page, "coordinator", lands_on="My caseload")
    card = page.get_by_role("article", name=COHORT)
    expect(card).to_be_visible()
    active = card.get_by_role("link", name=re.compile(r"^(\d+) active learners? in "))
    number = int(re.match(r"\d+", active.inner_text()).group())
    assert number > 0
    journey.arrive("my-caseload")
    with page.expect_navigation():
        active.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Active")
    people = page.get_by_role("table", name=re.compile(r"^Active in Bakery Morning Group: "))
    expect(people).to_have_accessible_name(
        f"Active in Bakery Morning Group: {number} learner{'s' if number != 1 else ''}"
    )
    expect(people.locator("tbody tr")).to_have_count(number)
    expect(people.get_by_role("rowheader", name="María José Núñez")).to_be_visible()
    journey.arrive("active-learners")

    open_menu_link(page, "Indicators")
    expect(page.get_by_role("heading", level=1)).to_have_text("Indicators")
    summary = page.get_by_role("table", name="Results indicators for the cohorts and period chosen")
    by_region = page.get_by_role("table", name="Results indicators by region of the cohort")
    every_region = _enrolments(summary, "Enrolments")
    in_region = _enrolments(by_region, REGION)
    assert 0 < in_region < every_region
    journey.arrive("indicators")

    filters = page.get_by_role("form", name="Filters")
    filters.get_by_label("Region").select_option(label=REGION)
    with page.expect_navigation():
        filters.get_by_role("button", name="Show").click()
    expect(filters.get_by_label("Region").locator("option:checked")).to_have_text(REGION)
    # Only the region's cohorts now: the summary counts what its row counted before.
    assert _enrolments(summary, "Enrolments") == in_region
    expect(by_region.locator("tbody").get_by_role("rowheader")).to_have_text([REGION])
    journey.arrive("indicators-south")

    export = page.locator("p").filter(has_text="Download “By region” as CSV")
    with page.expect_download() as download:
        export.get_by_role("link", name="as Excel (XLSX)").click()
    name = download.value.suggested_filename
    assert re.fullmatch(r"indicators-by_region-\d{8}-\d{8}\.xlsx", name), name
    saved = journey.folder / name
    download.value.save_as(saved)
    rows = list(load_workbook(saved, read_only=True).active.values)
    assert list(rows[0]) == RESULTS_HEADER
    south = [row for row in rows if row[0] == REGION]
    assert len(south) == 1
    assert south[0][1] == in_region
    journey.finish()
