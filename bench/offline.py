"""Benchmark: what working without a signal weighs and gains (issue 22, item 6; docs/offline.md).

Prints three tables:
1. the app shell the service worker keeps (HTML, CSS, JS, icons), each file's size as sent and
   gzip-compressed, against the budget of 300 KB compressed;
2. what "Save for offline" says a course of 10 lessons, each with a photo, weighs before saving
   (the same figure the course page shows), made in a transaction that is rolled back, with its
   images in a temporary folder;
3. the time to interactive of "My learning" (DOMContentLoaded, after the deferred scripts ran)
   on Chromium's "Slow 3G" profile (CDP network emulation: 400 ms x 5 latency, 500 kbit/s x 0.8
   each way), with the service worker and without it, each after one visit with a signal.

Run against a server with the demo data, with the same database:

    DATABASE_URL=sqlite:////tmp/offline.sqlite3 make run PORT=8123   # in another shell
    DATABASE_URL=sqlite:////tmp/offline.sqlite3 .venv/bin/python bench/offline.py \\
        --url http://127.0.0.1:8123

Not a test; pytest does not collect it.
"""

import argparse
import gzip
import io
import os
import re
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.dev")
# The bench course's photos and renditions go to a folder thrown away afterwards.
MEDIA = tempfile.TemporaryDirectory(prefix="bench-offline-media-")
os.environ["MEDIA_ROOT"] = MEDIA.name

import django  # noqa: E402

django.setup()

import json  # noqa: E402

import requests  # noqa: E402
from django.core.files.images import ImageFile  # noqa: E402
from django.db import transaction  # noqa: E402
from PIL import Image as PillowImage  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from wagtail.images.models import Image  # noqa: E402

from courses.models import CoursePage, LessonPage  # noqa: E402
from courses.offline import offline_pack  # noqa: E402
from lms.models import User  # noqa: E402

SHELL_BUDGET_BYTES = 300 * 1024
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic"]
PHONE = {"width": 390, "height": 844}
# Chrome DevTools' "Slow 3G" preset.
SLOW_3G = {
    "offline": False,
    "latency": 400 * 5,
    "downloadThroughput": 500 * 1000 / 8 * 0.8,
    "uploadThroughput": 500 * 1000 / 8 * 0.8,
}
DEMO_PASSWORD = "lms-demo"  # noqa: S105 - the demo's published password


def shell_sizes(url: str) -> list[tuple[str, int, int]]:
    """(address, bytes, gzip bytes) of everything the worker keeps, and the worker itself."""
    worker = requests.get(f"{url}/sw.js", timeout=30).text
    manifest = json.loads(re.search(r"precacheAndRoute\((\[.*?\])\)", worker).group(1))
    scripts = json.loads(re.search(r"importScripts\(\.\.\.(\[.*?\])\)", worker).group(1))
    addresses = ["/sw.js", *dict.fromkeys([e["url"] for e in manifest] + scripts)]
    addresses += ["/manifest.webmanifest", "/icons/192.png", "/icons/512.png"]
    rows = []
    for address in addresses:
        body = requests.get(f"{url}{address}", timeout=30).content
        rows.append((address, len(body), len(gzip.compress(body, compresslevel=9))))
    return rows


def photo(number: int) -> ImageFile:
    """A phone photo's worth of detail at 1600 x 1200 (noise, which compresses like a photo)."""
    noise = PillowImage.effect_noise((400, 300), 60 + number).convert("RGB")
    out = io.BytesIO()
    noise.resize((1600, 1200), PillowImage.BILINEAR).save(out, format="JPEG", quality=85)
    return ImageFile(out, name=f"bench-offline-{number}.jpg")


class _Rollback(Exception):
    pass


def ten_lesson_course_bytes() -> tuple[int, int, int]:
    """(lessons, images, bytes) that "Save for offline" reports for a course of 10 lessons,
    each with a paragraph and a photo; nothing of it is kept."""
    result = None
    try:
        with transaction.atomic():
            demo = CoursePage.objects.live().filter(locale__language_code="en").first()
            course = demo.copy(
                update_attrs={"title": "Bench offline", "slug": "bench-offline"},
                copy_revisions=False,
                keep_live=True,
            ).specific
            for child in LessonPage.objects.child_of(course):
                child.delete()
            for number in range(10):
                image = Image.objects.create(title=f"Bench {number}", file=photo(number))
                body = [
                    ("paragraph", "<p>" + "Knead the dough until it is smooth. " * 40 + "</p>"),
                    ("image", {"image": image, "caption": "", "alt_text": "Dough"}),
                ]
                course.add_child(instance=LessonPage(title=f"Lesson {number + 1}", body=body))
            pack = offline_pack(course=course, user=User.objects.filter(is_superuser=True)[0])
            result = (len(pack.page_urls) - 1, len(pack.image_urls), pack.bytes)
            raise _Rollback
    except _Rollback:
        pass
    return result


def throttle_service_workers(browser) -> int:
    """The same emulation for the service worker, which fetches the page itself: the page's own
    session does not reach it. Through the browser's session, attached to each worker."""
    session = browser.new_browser_cdp_session()
    targets = session.send("Target.getTargets")["targetInfos"]
    workers = [t for t in targets if t["type"] == "service_worker"]
    for number, target in enumerate(workers):
        attached = session.send(
            "Target.attachToTarget", {"targetId": target["targetId"], "flatten": False}
        )
        for step, (method, params) in enumerate(
            [("Network.enable", {}), ("Network.emulateNetworkConditions", SLOW_3G)]
        ):
            message = {"id": 1000 + number * 10 + step, "method": method, "params": params}
            session.send(
                "Target.sendMessageToTarget",
                {"sessionId": attached["sessionId"], "message": json.dumps(message)},
            )
    return len(workers)


def time_to_interactive(url: str, *, worker: bool, runs: int) -> list[float]:
    """DOMContentLoaded of "My learning" on Slow 3G, in ms, after one visit with a signal."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            base_url=url,
            viewport=PHONE,
            is_mobile=True,
            service_workers="allow" if worker else "block",
        )
        page = context.new_page()
        page.goto("/accounts/login/")
        page.fill("input[name=username]", "learner")
        page.fill("input[name=password]", DEMO_PASSWORD)
        with page.expect_navigation():
            page.click("form:has(input[name=password]) [type=submit]")
        page.goto("/learning/")
        if worker:
            page.wait_for_function("navigator.serviceWorker.controller")
            page.goto("/learning/")
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_3G)
        if worker:
            throttle_service_workers(browser)
        times = []
        for _run in range(runs):
            page.goto("/learning/", wait_until="domcontentloaded", timeout=120_000)
            times.append(
                page.evaluate(
                    "performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd"
                )
            )
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:8123")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    url = args.url.rstrip("/")

    rows = shell_sizes(url)
    print("\nApp shell kept by the service worker")
    print(f"{'file':<62} {'bytes':>9} {'gzip':>9}")
    for address, size, packed in rows:
        print(f"{address:<62} {size:>9,} {packed:>9,}")
    total = sum(packed for _a, _s, packed in rows)
    verdict = "within" if total <= SHELL_BUDGET_BYTES else "OVER"
    print(f"{'total':<62} {sum(s for _a, s, _p in rows):>9,} {total:>9,}")
    print(f"{total / 1024:.0f} KB compressed: {verdict} the budget of 300 KB")

    lessons, images, size = ten_lesson_course_bytes()
    print("\nA course saved for offline, as reported before saving")
    print(f"{'lessons':>8} {'images':>7} {'MB':>7}")
    print(f"{lessons:>8} {images:>7} {size / 1e6:>7.1f}")

    print(f'\n"My learning" on Slow 3G, DOMContentLoaded in ms ({args.runs} runs)')
    print(f"{'':<24} {'median':>8} {'min':>8} {'max':>8}")
    for label, worker in [("without service worker", False), ("with service worker", True)]:
        times = time_to_interactive(url, worker=worker, runs=args.runs)
        print(f"{label:<24} {statistics.median(times):>8.0f} {min(times):>8.0f} {max(times):>8.0f}")
    MEDIA.cleanup()


if __name__ == "__main__":
    main()
