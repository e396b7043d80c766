"""Self check-in on phones (issue 19): the trainer opens today's session and shows the rotating QR
code; the learner scans it (the journey decodes the code from a screenshot with zxing-cpp and
opens its URL), logs in, checks in, and appears as "Present (self)" on the trainer's roll call
without a reload; a second learner on the same phone is refused; yesterday's code is refused;
a learner's card, as shown on "My profile", is scanned into the roll call by the "Scan cards"
page's camera (Chromium's fake camera playing a video of the card; html5-qrcode reads it)."""

import datetime
import io
import re
import subprocess
import sys
import zoneinfo
from urllib.parse import urlsplit

import pytest
import zxingcpp
from django.conf import settings
from PIL import Image
from playwright.sync_api import Page, expect

from assessments.attendance import checkin_rules, checkin_tokens
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS, PHONE, REPO_DIR, SERVER_ENV
from tests.e2e.helpers import DEMO_PASSWORD, Journey, login, logout, open_menu_link

COHORT = "Bakery Morning Group"
LEARNER_NAME = "María José Núñez"  # `learner`
SECOND_NAME = "Carmen Ruiz Ortega"  # `aprendiz`, in the same cohort, reading Spanish
STEPS_PER_DAY = 24 * 3600 // checkin_rules.STEP_SECONDS


def decoded(locator) -> str:
    """The text of the QR code shown in `locator`, read from a screenshot as a camera would."""
    image = Image.open(io.BytesIO(locator.screenshot()))
    found = zxingcpp.read_barcodes(image)
    assert found, "no QR code found on the screen"
    return found[0].text


def card_video(png: bytes, path) -> None:
    """A few seconds of video (YUV4MPEG2, 4:2:0) of the card held in front of a camera."""
    card = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = 640, 480
    side = height - 80  # held close: the card fills most of the picture
    frame = Image.new("RGB", (width, height), "white")
    card = card.resize((side, side), Image.NEAREST)
    frame.paste(card, ((width - side) // 2, (height - side) // 2))
    luma, blue, red = frame.convert("YCbCr").split()
    planes = [luma.tobytes()] + [c.resize((width // 2, height // 2)).tobytes() for c in (blue, red)]
    with open(path, "wb") as video:
        video.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _frame in range(30):
            video.write(b"FRAME\n" + b"".join(planes))


def log_in_here(page: Page, username: str) -> None:
    """Log in on the login page the site sent us to (it returns to where we were going)."""
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form").filter(has=page.locator("input[name=password]")).locator(
            "[type=submit]"
        ).click()


def session_times() -> tuple[str, str, str]:
    """Today in the site's time zone, from five minutes ago for an hour and a half."""
    now = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    if now.hour >= 22 or (now.hour, now.minute) < (0, 10):
        pytest.skip("a session of today must fit between now and midnight")
    start = now - datetime.timedelta(minutes=5)
    end = now + datetime.timedelta(minutes=90)
    return now.date().isoformat(), f"{start:%H:%M}", f"{end:%H:%M}"


def add_todays_session(page: Page, topic: str) -> None:
    open_menu_link(page, "My cohorts")
    page.get_by_role("link", name=COHORT).first.click()
    page.get_by_role("link", name="Add a session").click()
    day, start, end = session_times()
    page.get_by_label("Topic").fill(topic)
    page.get_by_label("Date").fill(day)
    page.get_by_label("Start time").fill(start)
    page.get_by_label("End time").fill(end)
    with page.expect_navigation():
        page.get_by_role("button", name="Save session").click()


@pytest.fixture
def journey_topic():
    """The session this journey adds, cancelled afterwards through the service (as its trainer):
    the other journeys share the server and expect only the demo's session today."""
    topic = f"Check-in journey {datetime.datetime.now():%H%M%S}"
    yield topic
    code = (
        "from django.contrib.auth import get_user_model\n"
        "from courses.models import Session\n"
        "from courses.services import session_cancel\n"
        "trainer = get_user_model().objects.get(username='trainer')\n"
        f"for session in Session.objects.filter(topic={topic!r}, cancelled=False):\n"
        "    session_cancel(session=session, reason='Browser journey over', by=trainer)\n"
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_DIR,
        env=SERVER_ENV,
        check=True,
        capture_output=True,
    )


def test_learners_check_in_by_qr_code_and_by_card(
    page: Page, journey: Journey, browser, live_url, journey_topic
):
    topic = journey_topic
    login(page, "trainer")
    add_todays_session(page, topic)

    # The trainer opens today's session from "Today" and shows the code.
    open_menu_link(page, "Today")
    session_card = page.locator(".card").filter(has_text=topic)
    session_card.get_by_role("link", name=re.compile("^Check-in code")).click()
    page.get_by_role("button", name="Open check-in").click()
    qr = page.locator(".checkin-qr")
    expect(qr).to_be_visible()
    expect(page.locator("#checkin-typed")).to_have_text(re.compile(r"^\d{3} \d{3}$"))
    journey.arrive("check-in-code")
    session_id = int(re.search(r"/sessions/(\d+)/", page.url).group(1))
    scanned = decoded(qr)
    assert "/attendance/check-in/" in scanned

    # The roll call, open on the trainer's phone while learners check in.
    roll_call = page.context.new_page()
    roll_call.goto(f"/attendance/sessions/{session_id}/roll-call/")
    live = roll_call.locator("#self-checkins")
    expect(live).to_contain_text("Nobody has checked in by themselves yet.")

    # The learner's phone: the camera opens the URL; the learner logs in once and checks in.
    phone = browser.new_context(
        base_url=live_url, viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True
    )
    learner = phone.new_page()
    learner.goto(urlsplit(scanned).path)
    expect(learner).to_have_url(re.compile(r"/accounts/login/\?next=/attendance/check-in/"))
    log_in_here(learner, "learner")
    expect(learner.get_by_role("heading", level=1)).to_have_text("Check in")
    expect(learner.get_by_text(LEARNER_NAME)).to_be_visible()
    journey.page = learner
    journey.arrive("learner-confirm")
    learner.locator("#checkin-confirm").click()
    expect(learner.locator("#checkin-result")).to_contain_text("You are checked in.")
    journey.arrive("learner-checked-in")

    # On the trainer's roll call, without a reload.
    expect(live.get_by_text(LEARNER_NAME)).to_be_visible(timeout=15_000)
    expect(live).to_contain_text("Present (self)")
    journey.page = roll_call
    journey.arrive("roll-call-present-self")

    # A second learner on the same phone (the device cookie stays) is refused, in Spanish.
    logout(learner)
    learner.goto(urlsplit(decoded(qr)).path)
    log_in_here(learner, "aprendiz")
    learner.locator("#checkin-confirm").click()
    expect(learner.locator("#checkin-refusal")).to_contain_text(
        "Este teléfono ya registró la asistencia de otra persona"
    )
    journey.page = learner
    journey.arrive("second-learner-refused")
    roll_call.wait_for_timeout(6_000)  # a poll later: still only the first learner
    expect(live).not_to_contain_text(SECOND_NAME)

    # Yesterday's code of this window (made with the site's key) is refused.
    token = checkin_tokens.parse(urlsplit(scanned).path.rstrip("/").rsplit("/", 1)[1])
    yesterday = checkin_tokens.qr_token(
        session_id=session_id, window_id=token.window_id, step=token.step - STEPS_PER_DAY
    )
    learner.goto(f"/attendance/check-in/{yesterday}/")
    expect(learner.locator("#checkin-refusal")).to_contain_text("Este código ha caducado")
    journey.arrive("yesterdays-code-refused")

    # A card: the second learner's, on "My profile" (as printed), scanned by the trainer.
    learner.goto("/accounts/profile/")
    card = learner.locator(".profile-card-qr")
    card.scroll_into_view_if_needed()
    card_png = card.screenshot()
    card_token = decoded(card)
    assert SECOND_NAME.split()[0] not in card_token
    phone.close()

    # The trainer's phone camera sees the printed card: Chromium's fake camera plays a video of
    # the card as it was on the screen, and html5-qrcode reads it on the "Scan cards" page.
    video = journey.folder / "card.y4m"
    card_video(card_png, video)
    camera_browser = browser.browser_type.launch(
        executable_path=CHROMIUM,
        args=[
            *CHROMIUM_ARGS,
            "--use-fake-device-for-media-stream",
            "--use-fake-ui-for-media-stream",
            f"--use-file-for-fake-video-capture={video}",
        ],
    )
    trainer_phone = camera_browser.new_context(
        base_url=live_url, viewport=PHONE, is_mobile=True, has_touch=True, bypass_csp=True
    )
    trainer_phone.grant_permissions(["camera"], origin=live_url)
    scanner = trainer_phone.new_page()
    login(scanner, "trainer")
    scanner.goto(f"/attendance/sessions/{session_id}/roll-call/")
    scanner.get_by_role("link", name="Scan cards").click()
    expect(scanner.get_by_role("heading", level=1)).to_contain_text("Scan cards")
    log = scanner.locator("#scan-log")
    # The decoder reads a frame or two a second; on a busy two-core machine the first readable
    # frame can take well over 20 seconds (a clean-clone CI run timed out there once).
    expect(log).to_contain_text(f"{SECOND_NAME}: Present", timeout=60_000)
    journey.page = scanner
    journey.arrive("card-scanned-by-camera")
    # A card that is not one of ours, as the camera would send it: refused.
    scanner.evaluate(
        """() => {
            document.getElementById("card-token").value = "not-a-card";
            document.getElementById("scan-form").requestSubmit();
        }"""
    )
    expect(log).to_contain_text("This is not a check-in card of this site.")
    camera_browser.close()

    journey.page = roll_call
    roll_call.reload()
    row = roll_call.get_by_role("radiogroup", name=f"Attendance of {SECOND_NAME}")
    expect(row.locator("input[value=present]")).to_be_checked()
    journey.finish()
