"""Issue 9's demo story: a certified learner volunteers for mentor training; the coordinator
accepts her into a mentor-training cohort; she sees the answer on "My learning"; the coordinator
reads the mentor register and the coverage page, where the regions without an active mentor come
first.

`aprendiz` is the demo login holding a certificate of a vocational course from the start (no other
journey certifies her or volunteers for her). Her profile says Spanish: the journey reads English
and gives her Spanish back at the end, so that the languages journey finds it in any order."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, choose_language, login, logout, open_menu_link

VOLUNTEER = "aprendiz"
VOLUNTEER_NAME = "Carmen Ruiz Ortega"
MOTIVATION = "Retail gave me a job. I would like to help the next group through the course."
MENTOR_COURSE = "Mentor Training"


def test_learner_volunteers_the_coordinator_accepts_and_reads_register_and_coverage(
    page: Page, journey: Journey
):
    login(page, VOLUNTEER)
    card = page.get_by_role("complementary", name="Become a mentor")
    expect(card).to_be_visible()
    journey.arrive("my-learning-become-a-mentor")
    with page.expect_navigation():
        card.get_by_role("link", name="Volunteer for mentor training").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer for mentor training")
    journey.arrive("volunteer-form")
    page.get_by_label("Why do you want to be a mentor?").fill(MOTIVATION)
    with page.expect_navigation():
        page.get_by_role("button", name="Send my request").click()
    expect(page.get_by_text(re.compile(r"You volunteered for mentor training on"))).to_be_visible()
    journey.arrive("request-sent")
    logout(page)

    login(page, "coordinator", lands_on="My caseload")
    open_menu_link(page, "Mentoring")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentoring")
    journey.arrive("mentoring-coordinator")
    page.get_by_role("link", name="Volunteer requests").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer requests")
    waiting = page.get_by_role("listitem").filter(has_text=VOLUNTEER_NAME)
    expect(waiting).to_contain_text(MOTIVATION)
    journey.arrive("requests")
    waiting.get_by_role("link", name=VOLUNTEER_NAME).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VOLUNTEER_NAME)
    expect(page.locator("dt:has-text('Motivation') + dd")).to_have_text(MOTIVATION)
    journey.arrive("request")
    cohort_choice = page.get_by_label("Mentor-training cohort")
    chosen = cohort_choice.locator("option:checked").inner_text()
    assert chosen.startswith(f"{MENTOR_COURSE} · ")
    cohort_name = chosen.split(" · ")[1]
    with page.expect_navigation():
        page.get_by_role("button", name="Accept", exact=True).click()
    expect(page.get_by_role("status")).to_have_text("Accepted and enrolled. The person is told.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Volunteer requests")
    answered = page.get_by_role("listitem").filter(
        has=page.get_by_role("link", name=VOLUNTEER_NAME, exact=True)
    )
    expect(answered).to_contain_text("Accepted")
    journey.arrive("request-accepted")
    answered.get_by_role("link", name=VOLUNTEER_NAME).click()
    status = page.locator("dt:has-text('Status') + dd")
    expect(status).to_contain_text("Accepted")
    expect(status).to_contain_text(cohort_name)
    logout(page)

    login(page, VOLUNTEER)
    card = page.get_by_role("complementary", name="Become a mentor")
    expect(card).to_contain_text("Accepted")
    expect(card).to_contain_text(f"You are enrolled in {MENTOR_COURSE} ({cohort_name})")
    expect(page.get_by_role("heading", name=MENTOR_COURSE)).to_be_visible()
    journey.arrive("my-learning-accepted")
    # Her own language back (kept in her profile), for whoever logs in as her next.
    choose_language(page, "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi aprendizaje")
    page.context.clear_cookies()

    login(page, "coordinator", lands_on="My caseload")
    open_menu_link(page, "Mentoring")
    page.get_by_role("link", name="Mentor register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor register")
    register = page.get_by_role("table", name="Certified mentors in your regions")
    elena = register.get_by_role("row").filter(has_text="Elena Vidal")
    expect(elena).to_contain_text("Active")
    expect(register.get_by_role("row").filter(has_text="Peter Lindqvist")).to_contain_text("Lapsed")
    # Not a mentor yet: she is only starting the training.
    expect(register).not_to_contain_text(VOLUNTEER_NAME)
    journey.arrive("register")

    open_menu_link(page, "Mentoring")
    page.get_by_role("link", name="Coverage by region").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentor coverage by region")
    coverage = page.get_by_role("table", name="Mentees and active mentors per region")
    # Regions without an active mentor first, East among them (a card each, on a phone).
    first = coverage.locator("tbody tr").first
    expect(first).to_contain_text("No active mentor")
    expect(first).to_have_class(re.compile(r"\btable-warning\b"))
    east = coverage.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="East"))
    expect(east).to_contain_text("No active mentor")
    expect(east).to_have_class(re.compile(r"\btable-warning\b"))
    journey.arrive("coverage")
    journey.finish()
