"""A trainer takes today's roll call on a phone; the learner sees the change in "My attendance"."""

import re
from decimal import Decimal

from playwright.sync_api import Page, expect

from tests.e2e.helpers import ATTENDANCE_TEXT, Journey, login, logout, open_menu_link

COURSE = "Artisan Baking"
COHORT = "Bakery Morning Group"
LEARNER_NAME = "María José Núñez"


def attendance_so_far(page: Page) -> tuple[Decimal, int, int]:
    """(rate, attended, counted) as "Attendance so far" says it."""
    words = page.get_by_role("definition").filter(has_text=ATTENDANCE_TEXT).first
    expect(words).to_be_visible()
    rate, attended, counted = ATTENDANCE_TEXT.search(words.inner_text()).groups()
    return Decimal(rate), int(attended), int(counted)


def open_my_attendance(page: Page, journey: Journey, step: str) -> tuple[Decimal, int, int]:
    open_menu_link(page, "My learning")
    # The hidden ": course" part of the link's name reaches the accessibility tree as " : course".
    page.get_by_role("link", name=re.compile(rf"^My attendance\W+{COURSE}$")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"My attendance: {COURSE}")
    journey.arrive(step)
    return attendance_so_far(page)


def test_trainer_takes_the_roll_call_and_the_learner_sees_it(page: Page, journey: Journey):
    login(page, "learner")
    rate_before, attended_before, counted_before = open_my_attendance(
        page, journey, "my-attendance-before"
    )
    logout(page)

    login(page, "trainer")
    open_menu_link(page, "My cohorts")
    expect(page.get_by_role("heading", level=1)).to_have_text("My cohorts")
    journey.arrive("my-cohorts")
    page.get_by_role("link", name=f"{COURSE}: {COHORT}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{COURSE}: {COHORT}")
    journey.arrive("cohort")

    page.get_by_role("link", name="Take the roll call").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roll call")
    journey.arrive("roll-call")
    # Today's session does not count for the learner until it is recorded; Absent then lowers
    # the rate of a learner who has missed nothing, whatever the demo's figures.
    choices = page.get_by_role("radiogroup", name=f"Attendance of {LEARNER_NAME}")
    choices.locator("label", has_text="Absent").click()
    expect(choices.get_by_role("radio", name="Absent")).to_be_checked()
    with page.expect_navigation():
        page.get_by_role("button", name="Save roll call").click()
    expect(page.get_by_role("alert").or_(page.get_by_role("status")).first).to_be_visible()
    journey.arrive("roll-call-saved")
    expect(
        page.get_by_role("radiogroup", name=f"Attendance of {LEARNER_NAME}").get_by_role(
            "radio", name="Absent"
        )
    ).to_be_checked()
    logout(page)

    login(page, "learner")
    rate_after, attended_after, counted_after = open_my_attendance(
        page, journey, "my-attendance-after"
    )
    assert (attended_after, counted_after) == (attended_before, counted_before + 1)
    assert rate_after < rate_before
    journey.finish()
