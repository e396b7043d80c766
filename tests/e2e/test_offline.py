"""Works without a signal (issue 22, docs/offline.md), on a phone with the browser set offline:
the learner saves Artisan Baking, reads three lessons and marks two done with no signal, and the
marks reach the server when the signal returns; the trainer takes a roll call offline and it is
recorded when back online; the same queue sent again changes nothing; a coordinator's change
made meanwhile comes back as the side-by-side choice; logging out and in as someone else leaves
none of the first person's pages on the phone."""

import datetime
import json
import re
import time
import zoneinfo

import pytest
from django.conf import settings
from PIL import Image
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, server_shell
from tests.e2e.helpers import Journey, log_in_only, login, logout

COURSE = "Artisan Baking"
COURSE_URL = "/courses/artisan-baking/"
COHORT = "Bakery Morning Group"
LEARNER_NAME = "María José Núñez"  # `learner`
SECOND_NAME = "Carmen Ruiz Ortega"  # `aprendiz`
SENT = "Sent: the changes made without a signal are on the server."


def _completions() -> list[int]:
    """The learner's lessons done in Artisan Baking, as the server has them."""
    return json.loads(
        server_shell(
            "import json\n"
            "from courses.models import LessonCompletion\n"
            "print(json.dumps(sorted(LessonCompletion.objects.filter(\n"
            "    enrolment__learner__username='learner',\n"
            f"    enrolment__cohort__course__title={COURSE!r}).values_list('pk', flat=True))))\n"
        )
    )


@pytest.fixture
def learner_lessons():
    """The learner's lessons marked done by this journey are taken back afterwards (there is no
    service that undoes "Mark as done": a learner never needs one), with the keys it left."""
    before = _completions()
    yield before
    server_shell(
        "from courses.models import LessonCompletion\n"
        "from lms.models import ReplayedWrite\n"
        "LessonCompletion.objects.filter(enrolment__learner__username='learner',\n"
        f"    enrolment__cohort__course__title={COURSE!r}).exclude(pk__in={before!r}).delete()\n"
        "ReplayedWrite.objects.filter(user__username='learner').delete()\n"
    )


@pytest.fixture
def journey_session():
    """A session of today for this journey, cancelled afterwards through the service (as its
    trainer): the other journeys expect only the demo's session today."""
    now = datetime.datetime.now(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    topic = f"Offline journey {now:%H%M%S}"
    session_id = server_shell(
        "import datetime\n"
        "from django.contrib.auth import get_user_model\n"
        "from courses.models import Cohort\n"
        "from courses.services import session_create\n"
        "trainer = get_user_model().objects.get(username='trainer')\n"
        f"cohort = Cohort.objects.get(name={COHORT!r})\n"
        f"session = session_create(cohort=cohort, topic={topic!r},\n"
        f"    date=datetime.date.fromisoformat({now.date().isoformat()!r}),\n"
        "    start_time=datetime.time(6, 0), end_time=datetime.time(7, 0), by=trainer)\n"
        "print(session.pk)\n"
    )
    yield int(session_id)
    server_shell(
        "from django.contrib.auth import get_user_model\n"
        "from courses.models import Session\n"
        "from courses.services import session_cancel\n"
        "from lms.models import ReplayedWrite\n"
        "trainer = get_user_model().objects.get(username='trainer')\n"
        f"session = Session.objects.get(pk={session_id})\n"
        "if not session.cancelled:\n"
        "    session_cancel(session=session, reason='Browser journey over', by=trainer)\n"
        "ReplayedWrite.objects.filter(user__username='trainer').delete()\n"
    )


def eventually(read, expected, *, seconds: float = 10):
    """Wait until `read()` gives `expected` (what the phone does after a page has loaded)."""
    deadline = time.monotonic() + seconds
    while (value := read()) != expected and time.monotonic() < deadline:
        time.sleep(0.2)
    assert value == expected


def worker_ready(page: Page) -> None:
    """The service worker is installed and looks after this page."""
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.controller")


def user_caches(page: Page) -> list[str]:
    return page.evaluate(
        "async () => (await caches.keys()).filter((name) => name.startsWith('lms-user-'))"
    )


def queue(page: Page) -> list[dict]:
    return page.evaluate("async () => (await self.lmsOffline.db()).getAll('queue')")


def send_again(page: Page, items: list[dict]) -> None:
    """Put the queue's items back as they were before they were sent, and send them again: the
    first alone, and the others while that sending is under way (put back, and the signal back
    again, just as the sending asks for its token), which the sending picks up once it is over
    rather than leaving them for the next page."""
    page.evaluate(
        """async (items) => {
            const db = await self.lmsOffline.db();
            const [first, ...rest] = items;
            const fetchOfPage = self.fetch;
            self.fetch = async (url, options) => {
                if (String(url).includes('/offline/csrf/')) {
                    self.fetch = fetchOfPage;
                    for (const item of rest) await db.put('queue', item);
                    self.dispatchEvent(new Event('online'));
                }
                return fetchOfPage(url, options);
            };
            await db.put('queue', first);
            self.dispatchEvent(new Event('online'));
        }""",
        items,
    )


@pytest.mark.parametrize("where", ["my learning", "course"])
def test_progress_shown_agrees_with_what_the_phone_has_just_sent(
    page: Page, learner_lessons, where
):
    """ "My learning", or the course's page, opened with a signal while the phone still holds a
    lesson marked done without one: once it is sent, the page is drawn again by the server, so
    its progress agrees with what it says was sent (it showed the progress from before)."""
    login(page, "learner")
    page.goto(COURSE_URL)
    lessons = page.get_by_role("region", name="Lessons").get_by_role("listitem")
    lessons.filter(has_not_text="✓ Done").first.get_by_role("link").click()
    done_url = page.locator("form[data-offline-queue=lesson]").get_attribute("action")
    if where == "course":
        page.goto(COURSE_URL)
        card = page.get_by_role("region", name="Your progress")
    else:
        page.goto("/learning/")
        card = page.get_by_role("article").filter(has_text=COURSE)
    before = int(re.search(r"(\d+) of \d+ required lessons done", card.inner_text()).group(1))
    # The write as the lesson page queues it without a signal, then the signal back.
    page.evaluate(
        """async (url) => {
            const db = await self.lmsOffline.db();
            await db.add('queue', {
                user: document.querySelector('meta[name=offline-user]').content,
                key: crypto.randomUUID(), url: new URL(url, location.href).href, body: '',
                label: 'A lesson', state: 'waiting', madeAt: Date.now(),
            });
            self.dispatchEvent(new Event('online'));
        }""",
        done_url,
    )
    expect(page.get_by_text(SENT)).to_be_visible()
    expect(card).to_contain_text(f"{before + 1} of ")
    assert len(_completions()) == len(learner_lessons) + 1


def test_learner_reads_and_marks_lessons_without_a_signal(
    page: Page, journey: Journey, learner_lessons
):
    login(page, "learner")
    page.goto(COURSE_URL)
    worker_ready(page)
    saver = page.get_by_role("region", name="Read without a signal")
    expect(saver).to_contain_text(re.compile(r"About \d+\.\d MB on this phone"))
    journey.arrive("course-before-saving")
    saver.get_by_role("button", name="Save for offline").click()
    expect(saver).to_contain_text("Saved on this phone on")
    expect(saver.get_by_role("button", name="Remove")).to_be_visible()
    # "Remove" appears under the finger that pressed "Save": the check reads the page once its
    # colours have settled, not halfway through the button's hover transition.
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)
    journey.arrive("course-saved")

    lessons = page.get_by_role("region", name="Lessons").get_by_role("listitem")
    not_done = lessons.filter(has_not_text="✓ Done")
    titles = [item.get_by_role("link").inner_text() for item in not_done.all()[:2]]
    done_titles = [item.get_by_role("link").inner_text() for item in lessons.all()]
    assert len(titles) == 2, "The demo learner should have two lessons left to do"
    read = list(dict.fromkeys([*titles, *done_titles]))[:3]

    page.context.set_offline(True)
    for title in read:
        page.goto(COURSE_URL)  # the saved copy
        page.get_by_role("link", name=title, exact=True).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text("Saved on this phone on")).to_be_visible()
        if title in titles:
            page.get_by_role("button", name="Mark as done", exact=True).click()
            expect(
                page.get_by_text("Marked as done on this phone; will send when online.")
            ).to_be_visible()
        journey.arrive(f"offline-{read.index(title)}")
    expect(page.get_by_text("Changes on this phone waiting for a signal: 2")).to_be_visible()
    queued = queue(page)
    assert [item["state"] for item in queued] == ["waiting", "waiting"]

    page.context.set_offline(False)
    expect(page.get_by_text(SENT)).to_be_visible()
    journey.arrive("back-online")
    after = _completions()
    assert len(after) == len(learner_lessons) + 2
    page.goto(COURSE_URL)
    for title in titles:
        expect(lessons.filter(has_text=title)).to_contain_text("✓ Done")

    # The same queue sent a second time: the server knows the keys, and nothing changes.
    send_again(page, queued)
    expect(page.get_by_text(SENT)).to_be_visible()
    eventually(lambda: len(queue(page)), 0)
    assert _completions() == after

    # A shared phone: after logging out, and another person logging in, none of the learner's
    # saved pages are left.
    assert user_caches(page)
    logout(page)
    eventually(lambda: user_caches(page), [])
    # She reads Spanish (the journey leaves her language as it is): so does the offline page.
    log_in_only(page, "aprendiz")
    eventually(lambda: user_caches(page), [])
    expect(page.locator("html")).to_have_attribute("lang", "es")
    # The phone notes her language once her first page has loaded: only then is she offline.
    eventually(
        lambda: page.evaluate("async () => (await self.lmsOffline.db()).get('meta', 'lang')"),
        "es",
    )
    page.context.set_offline(True)
    page.goto(COURSE_URL)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sin cobertura")
    journey.arrive("second-person-offline")
    page.context.set_offline(False)
    journey.finish()


def roll_call_row(page: Page, name: str):
    return page.get_by_role("radiogroup", name=f"Attendance of {name}")


def mark(page: Page, name: str, status: str) -> None:
    roll_call_row(page, name).locator("label", has_text=status).click()


def test_trainer_takes_the_roll_call_without_a_signal(
    browser, page: Page, journey: Journey, journey_session, live_url
):
    roll_call = f"/attendance/sessions/{journey_session}/roll-call/"
    login(page, "trainer")
    page.goto(roll_call)
    worker_ready(page)
    # Opened once with a signal: kept on the phone.
    expect(page.locator("html[data-offline-kept]")).to_be_attached()

    page.context.set_offline(True)
    page.goto(roll_call)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Roll call")
    mark(page, LEARNER_NAME, "Present")
    mark(page, SECOND_NAME, "Late")
    page.get_by_role("button", name="Save roll call").click()
    expect(page.get_by_text("Saved on this phone; will send when online.")).to_be_visible()
    journey.arrive("roll-call-saved-offline")
    queued = queue(page)

    page.context.set_offline(False)
    expect(page.get_by_text(SENT)).to_be_visible()
    page.goto(roll_call)
    expect(roll_call_row(page, LEARNER_NAME).get_by_role("radio", name="Present")).to_be_checked()
    expect(roll_call_row(page, SECOND_NAME).get_by_role("radio", name="Late")).to_be_checked()
    journey.arrive("roll-call-on-the-server")

    # The same queue again: one effect (a replay without the key would now be a conflict).
    send_again(page, queued)
    expect(page.get_by_text(SENT)).to_be_visible()
    page.goto(roll_call)
    expect(page.get_by_text("Changed by someone else meanwhile.")).to_have_count(0)

    # Offline again, with the page as saved just now; meanwhile the coordinator changes a row.
    expect(page.locator("html[data-offline-kept]")).to_be_attached()
    page.context.set_offline(True)
    page.goto(roll_call)
    mark(page, LEARNER_NAME, "Late")
    page.get_by_role("button", name="Save roll call").click()
    expect(page.get_by_text("Saved on this phone; will send when online.")).to_be_visible()

    coordinator = browser.new_context(base_url=live_url, viewport=PHONE, is_mobile=True)
    other = coordinator.new_page()
    login(other, "coordinator")
    other.goto(roll_call)
    mark(other, LEARNER_NAME, "Excused")
    with other.expect_navigation():
        other.get_by_role("button", name="Save roll call").click()
    expect(other.get_by_text("Roll call saved")).to_be_visible()
    coordinator.close()

    page.context.set_offline(False)
    status = page.locator("#offline-status")
    expect(status).to_contain_text("Someone else changed it meanwhile:")
    journey.arrive("roll-call-conflict-reported")
    with page.expect_navigation():
        status.get_by_role("button", name="Open and choose").click()
    expect(page.get_by_text("Changed by someone else meanwhile.")).to_be_visible()
    row = page.locator(".roll-conflict")
    expect(row).to_contain_text("saved “Excused”")
    expect(row).to_contain_text("You had chosen “Late”")
    journey.arrive("roll-call-side-by-side")
    mark(page, LEARNER_NAME, "Late")
    with page.expect_navigation():
        page.get_by_role("button", name="Save roll call").click()
    expect(roll_call_row(page, LEARNER_NAME).get_by_role("radio", name="Late")).to_be_checked()
    journey.finish()


ASSESSMENT = "Bake a batch of bread"


@pytest.fixture
def draft_attempt():
    """A draft practical attempt of the learner with the trainer as assessor, discarded
    afterwards through the service (it then uses up none of her attempts)."""
    attempt_id = server_shell(
        "from django.contrib.auth import get_user_model\n"
        "from assessments.models import AssessmentTemplate\n"
        "from assessments.practical.services import attempt_start\n"
        "from courses.models import Enrolment\n"
        "trainer = get_user_model().objects.get(username='trainer')\n"
        f"template = AssessmentTemplate.objects.get(name={ASSESSMENT!r})\n"
        "enrolment = Enrolment.objects.filter(learner__username='learner',\n"
        "    cohort__course=template.course).order_by('status', '-enrolled_on').first()\n"
        "print(attempt_start(enrolment=enrolment, template=template, assessor=trainer).pk)\n"
    )
    yield int(attempt_id)
    server_shell(
        "from django.contrib.auth import get_user_model\n"
        "from assessments.models import Attempt\n"
        "from assessments.practical.services import attempt_discard\n"
        "from lms.models import ReplayedWrite\n"
        "trainer = get_user_model().objects.get(username='trainer')\n"
        f"for attempt in Attempt.objects.filter(pk={attempt_id}, status='draft'):\n"
        "    attempt_discard(attempt=attempt, by=trainer)\n"
        "ReplayedWrite.objects.filter(user__username='trainer').delete()\n"
    )


def test_trainer_records_a_practical_with_a_photo_without_a_signal(
    page: Page, journey: Journey, draft_attempt, tmp_path
):
    record = f"/assessments/attempts/{draft_attempt}/record/"
    login(page, "trainer")
    page.goto(record)
    worker_ready(page)
    expect(page.locator("html[data-offline-kept]")).to_be_attached()

    page.context.set_offline(True)
    page.goto(record)
    expect(page.get_by_role("heading", level=1)).to_have_text(ASSESSMENT)
    criteria = page.locator("fieldset.criterion")
    for i in range(criteria.count()):
        criteria.nth(i).locator("label.btn-outline-success").click()
    page.get_by_label("Feedback for the learner").fill("Shaped in the field, no signal.")
    # A phone camera's photo: 4000 x 3000 pixels, several megabytes.
    photo = tmp_path / "loaves.jpg"
    noise = Image.effect_noise((1000, 750), 80).convert("RGB")
    noise.resize((4000, 3000), Image.BILINEAR).save(photo, quality=95)
    assert photo.stat().st_size > 3_000_000
    page.get_by_label("Take a photo").set_input_files(photo)
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Saved on this phone; will send when online.")).to_be_visible()
    journey.arrive("practical-saved-offline")

    page.context.set_offline(False)
    expect(page.get_by_text(SENT)).to_be_visible()
    expect(page.get_by_text("The draft is saved.")).to_be_visible()
    journey.arrive("practical-sent")
    kept = json.loads(
        server_shell(
            "import json\n"
            "from PIL import Image\n"
            "from assessments.models import Evidence\n"
            f"evidence = Evidence.objects.get(attempt_id={draft_attempt})\n"
            "with evidence.file.open() as f:\n"
            "    size = Image.open(f).size\n"
            "print(json.dumps([evidence.content_type, evidence.size, *size]))\n"
        )
    )
    content_type, size, width, height = kept
    assert content_type == "image/jpeg"
    assert max(width, height) == 1600
    assert size < 2_000_000  # well under the 10 MB limit
    page.goto(record)
    expect(page.get_by_label("Feedback for the learner")).to_have_value(
        "Shaped in the field, no signal."
    )
    journey.finish()
