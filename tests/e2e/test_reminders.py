"""Reminders and the calendar, at a phone's size: the learner chooses text messages with their
mobile number on "My profile", gets their calendar link, copies it, and the feed it opens reads
as a calendar; the coordinator sees the reminders' statuses."""

import re

from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, login, logout, open_menu_link


def test_learner_chooses_reminders_and_takes_the_calendar(page: Page, journey: Journey):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    login(page, "learner")
    open_menu_link(page, "My profile")
    reminders = page.locator("#reminder-choice")
    expect(page.get_by_role("heading", name="Session reminders")).to_be_visible()
    journey.arrive("profile")

    # A number that cannot be one: said next to the field, nothing saved.
    reminders.get_by_label("By text message (SMS)").check()
    reminders.get_by_label("Mobile number for text messages").fill("+34 12")
    with page.expect_navigation():
        reminders.get_by_role("button", name="Save my reminders").click()
    expect(page.get_by_text("This is not a valid phone number.")).to_be_visible()
    journey.arrive("reminders-refused")

    form = page.locator("#reminder-choice")
    form.get_by_label("By text message (SMS)").check()
    form.get_by_label("Mobile number for text messages").fill("+34 612 345 678")
    with page.expect_navigation():
        form.get_by_role("button", name="Save my reminders").click()
    expect(page.get_by_text("Your reminders are saved.")).to_be_visible()
    form = page.locator("#reminder-choice")
    expect(form.get_by_label("By text message (SMS)")).to_be_checked()
    expect(form.get_by_label("Mobile number for text messages")).to_have_value("+34 612 34 56 78")

    # The calendar: a link of one's own, copied with one tap.
    calendar_heading = page.get_by_role("heading", name="My sessions in my calendar")
    calendar_heading.scroll_into_view_if_needed()
    get_link = page.get_by_role("button", name="Get my calendar link")
    if get_link.count():
        with page.expect_navigation():
            get_link.click()
    field = page.get_by_label("Your calendar link")
    expect(field).to_have_value(re.compile(r"/attendance/calendar/[0-9a-f]{64}\.ics$"))
    expect(page.get_by_role("link", name="Add to my phone's calendar")).to_have_attribute(
        "href", re.compile(r"^webcal://")
    )
    page.get_by_role("button", name="Copy link").click()
    expect(page.get_by_role("button", name="Copied")).to_be_visible()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == field.input_value()
    journey.arrive("calendar-link")

    # The feed, as a calendar app fetches it (no login): it reads back as a calendar.
    path = "/" + copied.split("://", 1)[1].split("/", 1)[1]
    logout(page)
    feed = page.request.get(path)
    assert feed.status == 200
    assert "private" in feed.headers["cache-control"]
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert events, "the demo learner's feed has sessions"
    assert all(str(event["uid"]).startswith("session-") for event in events)
    journey.finish()


def test_coordinator_sees_the_reminders_statuses(page: Page, journey: Journey):
    login(page, "coordinator")
    open_menu_link(page, "Session reminders")
    expect(page.get_by_role("heading", level=1)).to_have_text("Session reminders")
    expect(page.locator(".badge", has_text="Sent").first).to_be_visible()
    expect(page.locator(".badge", has_text="Failed").first).to_be_visible()
    journey.arrive("reminder-statuses")
    journey.finish()
