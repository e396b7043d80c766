"""The roll call on a phone (issue 18, item 6), at 390 and 360 px: each learner's four choices in
one row, nothing sideways, a summary that follows the taps, no fill left on the choice before, the
note behind "+ note", nothing floating over the save button, about three screens for 30 learners,
and cancelling kept apart and asked first."""

import re
import statistics

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, login, open_menu_link, sideways_overflow

COURSE = "Artisan Baking"
COHORT = "Bakery Morning Group"
# The roll call journey of test_roll_call.py marks this learner: leave her alone.
OTHER_JOURNEYS_LEARNER = "María José Núñez"
COHORT_SIZE_BUDGET = 30  # learners whose roll call must fit in about three screens
SCREENS = 3


def open_roll_call(page: Page, journey: Journey) -> None:
    login(page, "trainer")
    open_menu_link(page, "My cohorts")
    page.get_by_role("link", name=f"{COURSE}: {COHORT}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{COURSE}: {COHORT}")
    journey.arrive("cohort")
    # Cancelling is no longer a button beside "Take the roll call".
    expect(page.get_by_role("link", name=re.compile(r"^Cancel\b"))).to_have_count(0)
    page.get_by_role("link", name="Take the roll call").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roll call")


def unmarked_rows(page: Page):
    """The rows the trainer may mark that nobody has marked or noted yet, other than the other
    journey's learner (the server is shared by the whole session)."""
    rows = page.locator("fieldset.roll-row:not([disabled])")
    return [
        row
        for row in (rows.nth(i) for i in range(rows.count()))
        if row.locator("legend").inner_text() != OTHER_JOURNEYS_LEARNER
        and row.locator("input[type=radio]:checked").count() == 0
        and row.locator("details[open]").count() == 0
    ]


def label_background(label) -> str:
    return label.evaluate("element => getComputedStyle(element).backgroundColor")


def assert_save_button_uncovered(page: Page) -> None:
    button = page.get_by_role("button", name="Save roll call")
    expect(button).to_be_in_viewport()
    box = button.bounding_box()
    hit = page.evaluate(
        """([x, y]) => {
            const element = document.elementFromPoint(x, y);
            return element?.closest("button")?.textContent ?? null;
        }""",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    assert (hit or "").strip() == "Save roll call", f"something covers the save button: {hit}"


@pytest.mark.parametrize("width", [390, 360])
def test_the_roll_call_fits_a_phone(page: Page, journey: Journey, width: int):
    page.set_viewport_size({"width": width, "height": 844})
    open_roll_call(page, journey)
    journey.arrive(f"roll-call-{width}")
    assert sideways_overflow(page) == 0

    # Each learner's four choices stand in one row.
    groups = page.get_by_role("radiogroup", name=re.compile("^Attendance of "))
    for i in range(groups.count()):
        tops = {
            round(box["y"])
            for box in (lab.bounding_box() for lab in groups.nth(i).locator("label").all())
        }
        assert len(tops) == 1, f"row {i} wraps onto {len(tops)} lines"

    # About three screens for 30 learners: what one row takes, times 30, plus the rest of the page.
    rows = page.locator("fieldset.roll-row")
    heights = [rows.nth(i).bounding_box()["height"] for i in range(rows.count())]
    # A row with its note open is taller: the typical row is the budget's unit.
    row_px = statistics.median(heights)
    page_px = page.evaluate("() => document.documentElement.scrollHeight")
    rest_px = page_px - sum(heights)
    screen_px = page.viewport_size["height"]
    assert COHORT_SIZE_BUDGET * row_px <= SCREENS * screen_px, f"{row_px} px a row"
    assert (COHORT_SIZE_BUDGET * row_px + rest_px) / screen_px <= SCREENS + 0.5

    assert_save_button_uncovered(page)

    # The summary follows the taps; the choice tapped before keeps no fill.
    first, second = unmarked_rows(page)[:2]
    summary = page.locator("#roll-summary")
    before = summary.inner_text()
    assert "not marked yet" in before
    present = first.locator("label", has_text="Present")
    absent = first.locator("label", has_text="Absent")
    unchosen = label_background(first.locator("label", has_text="Excused"))
    present.click()
    expect(first.get_by_role("radio", name="Present")).to_be_checked()
    expect(summary).not_to_have_text(before)
    assert label_background(present) != unchosen
    absent.click()
    expect(first.get_by_role("radio", name="Absent")).to_be_checked()
    assert label_background(present) == unchosen, "the choice before keeps its colour"
    second.locator("label", has_text="Late").click()
    expect(summary).to_contain_text(re.compile(r"\b\d+ late\b.*\b\d+ absent\b"))
    journey.arrive(f"roll-call-marked-{width}")

    # The note is behind "+ note".
    note = second.get_by_role("textbox")
    expect(note).to_be_hidden()
    second.locator("summary").click()
    expect(note).to_be_visible()
    note.fill("Bus was late")
    journey.arrive(f"roll-call-note-{width}")
    assert_save_button_uncovered(page)

    with page.expect_navigation():
        page.get_by_role("button", name="Save roll call").click()
    message = page.get_by_role("status").filter(has_text="Roll call saved:")
    expect(message).to_contain_text(re.compile(r"\d+ late"))
    # "Saved by" is said once, at the top.
    expect(page.get_by_text(re.compile(r"^Last saved by "))).to_have_count(1)
    journey.arrive(f"roll-call-saved-{width}")

    # Cancelling is apart from the save button, and asks first naming the session.
    page.get_by_role("link", name="Cancel this session…").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Cancel “.+” on .+\?$"))
    expect(
        page.get_by_text("a roll call already taken for it is kept, but no longer counts")
    ).to_be_visible()
    journey.arrive(f"cancel-question-{width}")
    with page.expect_navigation():
        page.get_by_role("link", name="No, keep it").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{COURSE}: {COHORT}")
    journey.finish()
