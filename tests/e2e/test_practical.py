"""A trainer records a learner's re-sit with a photo on a phone, a coordinator confirms it, and
the learner sees the outcome."""

import re

from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, login, logout, open_menu_link
from tests.factories import png_bytes

LEARNER_NAME = "María José Núñez"
ASSESSMENT = "Bake a batch of bread"


def test_trainer_records_a_resit_the_coordinator_confirms_the_learner_sees_it(
    page: Page, journey: Journey, tmp_path
):
    login(page, "learner")
    open_menu_link(page, "Practical assessments")
    expect(page.get_by_role("heading", level=1)).to_have_text("My practical assessments")
    card = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=ASSESSMENT, exact=True)
    )
    expect(card).to_contain_text("You can re-sit this assessment")
    expect(card.get_by_text("✓ Passed")).to_have_count(0)
    used_before = int(re.search(r"(\d+) of \d+ attempts used", card.inner_text()).group(1))
    journey.arrive("my-results-before")
    logout(page)

    login(page, "trainer")
    open_menu_link(page, "Practical assessments")
    expect(page.get_by_role("heading", level=1)).to_have_text("Practical assessments")
    journey.arrive("assessor-queue")
    resits = page.get_by_role("region", name=re.compile("^Awaiting a re-sit"))
    with page.expect_navigation():
        # The hidden ": learner, assessment" part of the name reads " : learner, assessment".
        resits.get_by_role(
            "button", name=re.compile(rf"^Start re-sit\W+{LEARNER_NAME}, {ASSESSMENT}$")
        ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ASSESSMENT)
    journey.arrive("record")

    criteria = page.locator("fieldset.criterion")
    for i in range(criteria.count()):
        criteria.nth(i).locator("label.btn-outline-success").click()
    page.get_by_label("Feedback for the learner").fill("Even loaves this time, well shaped.")
    photo = tmp_path / "loaves.png"
    photo.write_bytes(png_bytes((64, 48)))
    page.get_by_label("Add photos or PDFs").set_input_files(photo)
    journey.arrive("record-filled")
    with page.expect_navigation():
        page.get_by_role("button", name="Submit for review").click()
    expect(page.get_by_text("Submitted. A second person will now review it.")).to_be_visible()
    journey.arrive("submitted")
    logout(page)

    login(page, "coordinator", lands_on="My caseload")
    open_menu_link(page, "Practical assessments")
    to_review = page.get_by_role("region", name=re.compile("^Awaiting your review"))
    to_review.get_by_role(
        "link", name=re.compile(rf"^Review\W+{LEARNER_NAME}, {ASSESSMENT}$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(ASSESSMENT)
    photo_shown = page.get_by_role("img", name="Evidence 1")
    expect(photo_shown).to_be_visible()
    # The photo is served (to staff of the cohort) and is the one the trainer uploaded.
    assert page.request.get(photo_shown.get_attribute("src")).body() == photo.read_bytes()
    journey.arrive("review")
    with page.expect_navigation():
        page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("Confirmed. The learner can now see the result.")).to_be_visible()
    journey.arrive("confirmed")
    logout(page)

    login(page, "learner")
    open_menu_link(page, "Practical assessments")
    card = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=ASSESSMENT, exact=True)
    )
    expect(card.get_by_text("✓ Passed")).to_be_visible()
    expect(card).to_contain_text(f"{used_before + 1} of ")
    expect(card).to_contain_text("Even loaves this time, well shaped.")
    journey.arrive("my-results-after")
    journey.finish()
