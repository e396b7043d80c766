"""A trainer starts the day on "Today" and takes today's roll call: one tap from Today to the
roll call, then "Save: everyone not marked is present": two taps."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, login, open_menu_link

LEARNER_NAME = "María José Núñez"


def test_trainer_lands_on_today_and_takes_the_roll_call(page: Page, journey: Journey):
    login(page, "trainer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    todays = page.get_by_role("region", name="Today's sessions")
    # Another journey on this server may have added (and cancelled) a session today.
    expect(todays.get_by_text("Today", exact=True).first).to_be_visible()
    journey.arrive("today")

    # Tap one: the session's roll call (already taken if another journey on this server took it).
    todays.get_by_role(
        "link", name=re.compile(r"^(Take the roll call|Roll call taken)")
    ).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roll call")
    journey.arrive("roll-call")
    # Tap two: everyone is here.
    with page.expect_navigation():
        page.get_by_role("button", name="Save: everyone not marked is present").click()
    # Everyone is marked now: present, or what another journey on this server saved before.
    choices = page.get_by_role("radiogroup", name=f"Attendance of {LEARNER_NAME}")
    expect(choices.locator("input:checked")).to_have_count(1)
    expect(page.locator("#roll-summary")).not_to_contain_text("not marked")
    journey.arrive("roll-call-saved")

    open_menu_link(page, "Today")
    expect(page.get_by_role("heading", level=1)).to_have_text("Today")
    taken = page.get_by_role("region", name="Today's sessions").get_by_role(
        "link", name=re.compile(r"^Roll call taken \(\d+ present")
    )
    expect(taken.first).to_be_visible()
    journey.arrive("today-roll-call-taken")
    journey.finish()
