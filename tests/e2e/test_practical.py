"""A trainer records a learner's re-sit with a photo on a phone, a coordinator confirms it, and
the learner sees the outcome."""

import io
import re

from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.helpers import Journey, login, logout, open_menu_link

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
    # A camera's photo (4000 x 3000, several MB) is made smaller on the phone as it is chosen.
    photo = tmp_path / "loaves.jpg"
    noise = Image.effect_noise((1000, 750), 80).convert("RGB")
    noise.resize((4000, 3000), Image.BILINEAR).save(photo, quality=95)
    # Two controls: the camera, and a file already on the phone (a PDF, an older photo).
    take_photo = page.get_by_label("Take a photo")
    choose_file = page.get_by_label("Choose a file")
    assert take_photo.get_attribute("capture") == "environment"
    assert choose_file.get_attribute("capture") is None
    take_photo.set_input_files(photo)
    thumbnails = page.locator(".evidence-preview img")
    expect(thumbnails).to_have_count(1)
    assert thumbnails.first.get_attribute("src").startswith("blob:")
    # The thumbnail is drawn (the page's policy lets its own script show the photo).
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=thumbnails.first.element_handle()
    )
    # A PDF shows as an icon and its name; one over the limit is said before anything is sent,
    # so nothing typed is lost.
    sheet = tmp_path / "checklist.pdf"
    sheet.write_bytes(b"%PDF-1.4\n%%EOF\n")
    too_big = tmp_path / "scan.pdf"
    too_big.write_bytes(b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024))
    choose_file.set_input_files([sheet, too_big])
    chosen = page.locator(".evidence-preview li").filter(has_text="checklist.pdf")
    expect(chosen.get_by_text("PDF", exact=True)).to_be_visible()
    scan = page.locator(".evidence-preview li").filter(has_text="scan.pdf")
    expect(scan).to_contain_text("Larger than 10 MB")
    journey.arrive("record-too-large")
    page.get_by_role("button", name="Submit for review").click()
    problems = page.locator("#upload-problems")
    expect(problems).to_be_visible()
    expect(problems).to_contain_text("“scan.pdf” is larger than 10 MB.")
    expect(problems).to_be_focused()
    expect(page.get_by_label("Feedback for the learner")).to_have_value(
        "Even loaves this time, well shaped."
    )
    choose_file.set_input_files([])
    expect(problems).to_be_hidden()
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
    # The photo is served (to staff of the cohort): the trainer's, at 1600 pixels, a JPEG well
    # under the size the camera made.
    served = page.request.get(photo_shown.get_attribute("src")).body()
    with Image.open(io.BytesIO(served)) as shown:
        assert (shown.format, shown.size) == ("JPEG", (1600, 1200))
    assert len(served) < photo.stat().st_size / 4
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
