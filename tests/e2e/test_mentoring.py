"""Issue 23's story at phone size: Elena Vidal logs a meeting with a mentee in under a minute
and flags it; `coordinator` finds it on "My caseload" (Mentoring that needs you), opens the
alerts, sees the mentee who has had no contact for weeks, and marks the flag dealt with; a
mentee who stops sharing their attendance is obeyed at the mentor's next request; the
indicators show mentoring hours by region and month, last year's in figures and the small
cells as "fewer than 5".

The demo (demo/mentoring.py, demo/mentoring_history.py): Elena mentors Nguyễn Văn An (who
shares everything) and Marco Russo (a demo login, overdue). The journey logs a meeting with An,
not Marco, so that Marco stays overdue for any journey after it, gives Marco his sharing back
at the end, and removes the meeting it logged (a fixture), so the demo's flagged meeting is
the only one waiting for the coordinator again."""

import re
import subprocess
import sys
import time

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, REPO_DIR, SERVER_ENV
from tests.e2e.helpers import Journey, login, logout, open_menu_link

MENTOR = "elena.vidal"
MENTEE = "Nguyễn Văn An"
OVERDUE = "Marco Russo"
OVERDUE_LOGIN = "marco.russo"
NEXT_STEP = "Phone him on Monday about the bakery shifts"
DEALT_WITH = "Spoke with the bakery about his shifts"


@pytest.fixture
def journey_meeting():
    """The meeting this journey logs, removed afterwards: no service deletes a logged meeting
    (a person never may), so the server's shell does, as test_quiz.py lets a day pass."""
    yield NEXT_STEP
    code = (
        "from mentors.models import Meeting\n"
        f"Meeting.objects.filter(next_step={NEXT_STEP!r}).delete()\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_DIR,
        env=SERVER_ENV,
        check=True,
        capture_output=True,
    )


def test_mentor_logs_and_flags_coordinator_sees_alerts_consent_is_obeyed_indicators(
    page: Page, journey: Journey, browser, live_url, journey_meeting
):
    login(page, MENTOR)
    open_menu_link(page, "Mentoring")
    expect(page.get_by_role("heading", name="My mentees")).to_be_visible()
    card = page.locator("li.card").filter(has_text=MENTEE)
    expect(card).to_contain_text("Attendance")
    expect(page.locator("li.card").filter(has_text=OVERDUE)).to_contain_text("Overdue")
    journey.arrive("my-mentees")

    started = time.monotonic()
    with page.expect_navigation():
        card.get_by_role("link", name="Log a meeting").click()
    journey.arrive("log-a-meeting")
    # Today, in person and 30 minutes come filled in: a phone call of 15 minutes, one topic,
    # a next step and the flag.
    page.get_by_label("Phone").check()
    page.get_by_label("How long (minutes)").fill("15")
    page.get_by_label("Work and job search").check()
    page.get_by_label("Next step").fill(NEXT_STEP)
    page.get_by_label("Private note").fill("Tired; says the night shifts are too much.")
    page.get_by_label("Needs coordinator attention").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Log the meeting").click()
    assert time.monotonic() - started < 60
    expect(page.get_by_role("status")).to_contain_text("Meeting logged. Your coordinator")
    journey.arrive("meeting-logged")
    logout(page)

    login(page, "coordinator", lands_on="My caseload")
    caseload = page.get_by_role("region", name="Mentoring that needs you")
    flagged = caseload.locator("[data-alert=flagged]").filter(has_text=NEXT_STEP)
    expect(flagged).to_contain_text(MENTEE)
    expect(caseload.locator("[data-alert-count=no_contact]")).to_contain_text("1")
    expect(caseload).not_to_contain_text("night shifts")  # the note is read on the alerts
    journey.arrive("caseload-mentoring")
    with page.expect_navigation():
        caseload.get_by_role("link", name="See them and deal with them").click()
    alerts = page.get_by_role("region", name="Mentoring that needs you")
    flagged = alerts.locator("[data-alert=flagged]").filter(has_text=NEXT_STEP)
    expect(flagged).to_contain_text(MENTEE)
    expect(flagged).to_contain_text("night shifts")  # flagged: the note is for the coordinator
    expect(alerts.locator("[data-alert=no_contact]").filter(has_text=OVERDUE)).to_be_visible()
    journey.arrive("coordinator-alerts")
    flagged.get_by_label("What was done (optional)").fill(DEALT_WITH)
    with page.expect_navigation():
        flagged.get_by_role("button", name=re.compile("^Mark as dealt with")).click()
    expect(page.get_by_role("status")).to_contain_text("Marked as dealt with")
    expect(alerts.locator("[data-alert=flagged]").filter(has_text=NEXT_STEP)).to_have_count(0)
    # The demo's own flagged meeting still waits; the overdue mentee is still listed.
    expect(alerts.locator("[data-alert=flagged]")).to_have_count(1)
    expect(alerts.locator("[data-alert=no_contact]").filter(has_text=OVERDUE)).to_be_visible()
    journey.arrive("flag-dealt-with")

    # The indicators: mentoring hours by region and month; last year's months in figures,
    # the months and regions where fewer than 5 mentees met suppressed.
    open_menu_link(page, "Indicators")
    hours = page.get_by_role("region", name="Logged mentoring meetings, by region")
    expect(hours).to_contain_text("Hours")
    expect(hours.locator("tbody td").filter(has_text="fewer than 5").first).to_be_visible()
    figure = re.compile(r"^\s*\d+([.,]\d)?\s*$")
    expect(hours.locator("tbody td").filter(has_text=figure).first).to_be_visible()
    hours.scroll_into_view_if_needed()
    journey.arrive("indicators-mentoring")
    logout(page)

    # Marco shares his attendance; Elena, in her own browser, sees it; he stops sharing it;
    # her next request no longer shows it.
    login(page, OVERDUE_LOGIN)
    open_menu_link(page, "My profile")
    sharing = page.locator("form[action$='/mentors/sharing/']")
    sharing.get_by_label("My attendance").check()
    with page.expect_navigation():
        sharing.get_by_role("button", name="Save what my mentor sees").click()
    expect(page.get_by_role("status")).to_contain_text("Your mentor sees only what you chose")
    journey.arrive("mentee-shares")

    mentor_context = browser.new_context(
        base_url=live_url, viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True
    )
    mentor_page = mentor_context.new_page()
    try:
        login(mentor_page, MENTOR)
        mentor_page.goto("/mentors/")
        marco = mentor_page.locator("li.card").filter(has_text=OVERDUE)
        expect(marco.locator("[data-shared=attendance]")).to_be_visible()

        sharing = page.locator("form[action$='/mentors/sharing/']")
        sharing.get_by_label("My attendance").uncheck()
        with page.expect_navigation():
            sharing.get_by_role("button", name="Save what my mentor sees").click()
        journey.arrive("mentee-withholds")

        mentor_page.reload()
        expect(marco.locator("[data-shared=next_session]")).to_be_visible()
        expect(marco.locator("[data-shared=attendance]")).to_have_count(0)
    finally:
        mentor_context.close()
    logout(page)
    journey.finish()
