"""A coordinator certifies a learner of a finished cohort; the learner downloads the PDF; anyone
can verify it; the coordinator revokes it and the verification page says so. The learner sees
each step on their course card and in their notifications: waiting for certification, then the
certificate ready, then not certified with the reason."""

import re
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, login, logout, menu_settled, open_menu_link

COURSE = "Retail Sales Assistant"
COHORT = "Retail Group Centre"
LEARNER_NAME = "María José Núñez"
REASON = "Certified in error: a session was recorded for the wrong learner."


def course_card(page: Page):
    return page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=COURSE, exact=True)
    )


def open_notifications(page: Page) -> None:
    """Follow "Notifications" in the menu, whose name says that some are unread."""
    nav = page.get_by_role("navigation", name="Main")
    toggler = nav.get_by_role("button", name="Menu")
    if toggler.is_visible():
        menu_settled(nav)
        toggler.click()
        expect(nav.locator(".navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
    link = nav.get_by_role("link", name=re.compile(r"^Notifications"))
    expect(link).to_have_text(re.compile(r"Notifications \d+\s*unread"))
    with page.expect_navigation():
        link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")


def test_coordinator_certifies_the_learner_who_downloads_and_anyone_verifies(
    page: Page, journey: Journey
):
    # Through with the course and eligible: the learner is waiting, with nothing to start.
    login(page, "learner")
    card = course_card(page)
    expect(card).to_contain_text("Waiting for certification")
    expect(card).to_contain_text("Your coordinator will certify you")
    expect(card.get_by_role("link", name=re.compile(r"^(Start|Continue)"))).to_have_count(0)
    card.scroll_into_view_if_needed()
    journey.arrive("learner-waiting")
    logout(page)

    login(page, "coordinator", lands_on="My caseload")
    open_menu_link(page, "Certify")
    expect(page.get_by_role("heading", level=1)).to_have_text("Certify")
    journey.arrive("certify-cohorts")
    page.get_by_role("link", name=f"{COURSE}: {COHORT}", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Certify: {COURSE}")
    journey.arrive("queue")

    # Every eligible learner is ticked; certify only the demo learner.
    learner_box = page.get_by_role("checkbox", name=LEARNER_NAME, exact=True)
    expect(learner_box).to_be_checked()
    for box in page.get_by_role("checkbox").all():
        if box != learner_box and box.get_attribute("id") != learner_box.get_attribute("id"):
            box.uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Certify the selected learners").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Certificates")
    expect(page.get_by_text("1 of 1 PDFs ready.")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("progressbar", name="Certificates prepared")).to_have_attribute(
        "aria-valuenow", "100"
    )
    journey.arrive("batch-finished")
    serial = page.get_by_role("listitem").filter(has_text=LEARNER_NAME).get_by_role("link")
    serial_text = serial.inner_text()
    serial.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Certificate {serial_text}")
    journey.arrive("certificate")
    verify_path = urlsplit(
        page.locator("dt:has-text('Public check') + dd a").get_attribute("href")
    ).path
    assert verify_path.startswith("/verify/")
    logout(page)

    login(page, "learner")
    open_menu_link(page, "My certificates")
    expect(page.get_by_role("heading", level=1)).to_have_text("My certificates")
    journey.arrive("my-certificates")
    item = page.get_by_role("listitem").filter(has_text=COURSE)
    expect(item).to_contain_text(serial_text)
    download = item.get_by_role("link", name=re.compile(r"^Download certificate \(PDF\)"))
    response = page.request.get(download.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF")
    with page.expect_download() as pdf:
        download.click()
    assert pdf.value.suggested_filename == f"certificate-{serial_text}.pdf"
    record = page.get_by_role("link", name="Download my learning record (PDF)")
    response = page.request.get(record.get_attribute("href"))
    assert response.ok
    assert response.headers["content-type"] == "application/pdf"
    open_menu_link(page, "My learning")
    card = course_card(page)
    expect(card).to_contain_text("Certificate ready")
    expect(card.get_by_role("link", name=re.compile(r"^Download certificate"))).to_be_visible()
    card.scroll_into_view_if_needed()
    journey.arrive("learner-certificate-ready")
    open_notifications(page)
    expect(page.get_by_role("listitem").first).to_contain_text(
        f"Your certificate for {COURSE} is ready (serial number {serial_text})"
    )
    journey.arrive("notifications-issued")
    logout(page)

    page.goto(verify_path)
    expect(page.get_by_role("heading", name="Valid certificate")).to_be_visible()
    expect(page.get_by_text(COURSE).first).to_be_visible()
    journey.arrive("verify-valid")

    login(page, "coordinator", lands_on="My caseload")
    open_menu_link(page, "Certify")
    page.get_by_role("link", name=f"{COURSE}: {COHORT}", exact=True).click()
    page.get_by_role("link", name=serial_text, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Certificate {serial_text}")
    revoke = page.locator("form").filter(has=page.get_by_role("button", name="Revoke…"))
    revoke.get_by_role("textbox").fill(REASON)
    with page.expect_navigation():
        revoke.get_by_role("button", name="Revoke…").click()
    # Nothing is revoked yet: the next page names the holder and what revoking does.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        re.compile(r"^Revoke .+'s certificate\?$")
    )
    expect(
        page.get_by_text("The public verify page will say the certificate is revoked")
    ).to_be_visible()
    expect(page.get_by_role("textbox")).to_have_value(REASON)
    journey.arrive("revoke-confirm")
    with page.expect_navigation():
        page.get_by_role("button", name=re.compile(r"^Yes, revoke ")).click()
    expect(page.locator("dt:has-text('Status') + dd")).to_contain_text("Revoked")
    expect(page.locator("dt:has-text('Status') + dd")).to_contain_text(REASON)
    journey.arrive("certificate-revoked")
    logout(page)

    page.goto(verify_path)
    expect(page.get_by_role("heading", name=re.compile(r"^✗ Revoked on"))).to_be_visible()
    expect(page.get_by_text("This certificate is no longer valid.")).to_be_visible()
    journey.arrive("verify-revoked")

    # The learner is told, with the reason, and sees it on the card and in "My certificates".
    login(page, "learner")
    card = course_card(page)
    expect(card).to_contain_text("Not certified")
    expect(card).to_contain_text(REASON)
    card.scroll_into_view_if_needed()
    journey.arrive("learner-not-certified")
    open_notifications(page)
    expect(page.get_by_role("listitem").first).to_contain_text("was revoked on")
    expect(page.get_by_role("listitem").first).to_contain_text(REASON)
    journey.arrive("notifications-revoked")
    open_menu_link(page, "My certificates")
    item = page.get_by_role("listitem").filter(has_text=COURSE)
    expect(item).to_contain_text("Revoked on")
    expect(item).to_contain_text(REASON)
    journey.arrive("my-certificates-revoked")
    journey.finish()
