"""Every benchmark, one table (issues 11 and 16; docs/performance.md). Run by `make bench`, which
starts the local cluster with the bare view on and runs this with the cluster's environment
(.cluster/env):

    deploy/cluster.sh bench [--duration 10] [--connections 2] [--day-seconds 75] [--rounds 5]

1. Pages under load: Debian's `wrk` against both web nodes at once (one wrk thread per node,
   `--connections` keep-alive connections each), `--duration` seconds per page after a short
   warm-up, logged in as the page's persona. Requests per second and p50/p95 latency for the
   learner dashboard, a course page, a lesson page, the roll call and the certify queue, next to
   the bare view (/bench/bare/: Django's middleware and nothing else) in the same run, and the
   floors of a logged-in page: the bare view with a session cookie (the session and the user
   loaded), and an empty page in the site frame (/bench/frame/: every middleware, the session,
   the user and templates/base.html around no content). A goal stated against the bare view is
   out of reach for every logged-in page when that empty page is already below it.
2. Queries per page: the same URLs through Django's test client in this process, against the
   cluster's database and settings, counted with CaptureQueriesContext on the second of two
   requests (the first warms per-process caches such as Wagtail's site root).
3. A realistic day (bench/day.py, bench/locustfile.py): 50 learners, two trainers and a
   coordinator at about 2 s of think time, with Locust, on the cluster; req/s, p50 and p95 of
   each page.
4. The cluster is stopped, and our lesson page is compared with wagtail-lms's (bench/peer.py),
   both on SQLite under the same gunicorn settings, in interleaved wrk rounds on ports 8101/8102,
   with the floors of both sites (bare view, empty logged-in page) in the same rounds.
5. bench/attendance.py (roll-call save and cohort grid, on its own temporary SQLite database) and
   bench/certificates.py (our render against bare WeasyPrint, memory over 1,000 certificates,
   a batch of 100 on one and two workers), parsed into the table.
6. bench/indicators.py: the indicators page and selector at 10,000 learners next to one
   hand-written SQL aggregate (its own temporary SQLite database), parsed into the table.

The goals are printed met or NOT met under the table. Requests go only to 127.0.0.1. It is not a
test; pytest does not collect it.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if "CLUSTER_WEB_URLS" not in os.environ:
    sys.exit("bench/run.py needs the cluster's environment: run `make bench`.")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

PASSWORD = "lms-demo"  # noqa: S105 - the demo logins' published password (seed_demo)
UNCACHED_GOAL = 25  # per cent of the bare view's requests per second: dashboard, course page


@dataclass
class Page:
    name: str
    path: str
    persona: str | None  # None: no session cookie
    queries: int | None = None
    load: dict = field(default_factory=dict)


def demo_lesson():
    """The benchmarked lesson: the first of the demo's bakery course (seed_demo)."""
    from courses.models import CoursePage, LessonPage

    course = CoursePage.objects.live().get(title="Artisan Baking")
    return LessonPage.objects.live().child_of(course).order_by("path").first()


def demo_pages() -> list[Page]:
    """The demo's real URLs (seed_demo): the bakery course, its first lesson, its cohort."""
    from courses.models import Cohort, Session

    lesson = demo_lesson()
    course = lesson.get_parent().specific
    cohort = Cohort.objects.filter(course=course).order_by("pk").first()
    session = (
        Session.objects.filter(cohort=cohort, cancelled=False, date__lte=timezone.localdate())
        .order_by("-date", "-start_time")
        .first()
    )
    if session is None:
        sys.exit(
            "The demo cohort has no session held yet: the cluster's database was seeded before "
            "the attendance demo existed. `dropdb -h 127.0.0.1 -U postgres lms_cluster` and run "
            "`make bench` again."
        )
    return [
        Page("bare Django view (floor)", "/bench/bare/", None),
        # The floors of a logged-in person's page: the bare view with the session and the user
        # loaded (by the middleware), then an empty page in the site frame (templates/base.html).
        Page("bare Django view, logged in", "/bench/bare/", "learner"),
        Page("empty logged-in page (frame floor)", "/bench/frame/", "learner"),
        Page("learner dashboard", "/learning/", "learner"),
        Page("course page", course.get_url(), "learner"),
        Page("lesson page", lesson.get_url(), "learner"),
        Page("roll call (GET)", f"/attendance/sessions/{session.pk}/roll-call/", "trainer"),
        Page("certify queue", f"/certificates/cohorts/{cohort.pk}/", "coordinator"),
    ]


def log_in(base_url: str, username: str) -> str:
    """Log in through the login form once; returns the Cookie header for the load generator."""
    http = requests.Session()
    http.get(f"{base_url}/accounts/login/", timeout=30)
    response = http.post(
        f"{base_url}/accounts/login/",
        data={
            "csrfmiddlewaretoken": http.cookies["csrftoken"],
            "username": username,
            "password": PASSWORD,
        },
        allow_redirects=False,
        timeout=30,
    )
    if response.status_code != 302 or "sessionid" not in http.cookies:
        sys.exit(f"Logging in as {username} failed ({response.status_code}).")
    return "; ".join(f"{name}={value}" for name, value in http.cookies.items())


def check_answers(urls: list[str], page: Page, cookie: str | None) -> None:
    """Every node serves the page itself with 200 (wrk would count a redirect to the login page
    as a success)."""
    headers = {"Cookie": cookie} if cookie else {}
    for base_url in urls:
        for attempt in range(3):
            # gunicorn recycles a worker after GUNICORN_MAX_REQUESTS (production behaviour): a
            # connection it drops while doing so is tried again.
            try:
                response = requests.get(
                    base_url + page.path, headers=headers, allow_redirects=False, timeout=30
                )
                break
            except requests.ConnectionError:
                if attempt == 2:
                    raise
                time.sleep(1)
        if response.status_code != 200:
            sys.exit(f"{base_url}{page.path} answered {response.status_code}, not 200.")


def count_queries(page: Page) -> int:
    from lms.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    if page.persona:
        client.force_login(User.objects.get(username=page.persona))
    client.get(page.path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.path)
    assert response.status_code == 200, (page.path, response.status_code)
    return len(captured)


def wrk(urls: list[str], page: Page, cookie: str | None, *, seconds: int, connections: int):
    ports = " ".join(str(urlsplit(u).port) for u in urls)
    threads = len(urls)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{threads * connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "-s",
        str(ROOT / "bench" / "wrk.lua"),
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    command.append(urls[0] + page.path)
    result = subprocess.run(  # noqa: S603 - wrk with our own arguments
        command,
        env={**os.environ, "BENCH_PORTS": ports},
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(x for x in result.stdout.splitlines() if x.startswith("BENCH_JSON "))
    figures = json.loads(line.removeprefix("BENCH_JSON "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1_000_000)
    return figures


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def page_cache_note() -> str:
    """The page cache is being removed (issue 16): say whether this code still has one."""
    if (ROOT / "lms" / "page_cache.py").exists():
        return (
            "This code still has the per-person page cache (lms/page_cache.py); its hit rate is "
            "not measured here."
        )
    return "No page cache in this code: every page is rendered for every request."


def main() -> None:
    import day
    import peer
    import scripts

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=2, help="connections per node")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
    parser.add_argument("--day-warmup", type=int, default=20, help="mixed load: warm-up seconds")
    parser.add_argument("--day-seconds", type=int, default=75, help="mixed load: measured seconds")
    parser.add_argument("--rounds", type=int, default=5, help="lesson vs peer: wrk rounds")
    parser.add_argument("--round-seconds", type=int, default=8, help="lesson vs peer: s a round")
    parser.add_argument(
        "--quick", action="store_true", help="a trial of the script: short certificate runs"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed (apt-get install wrk; `make bench` does it).")

    urls = os.environ["CLUSTER_WEB_URLS"].split(",")
    load_before = load_average()
    started = time.monotonic()
    pages = demo_pages()
    cookies = {p.persona: log_in(urls[0], p.persona) for p in pages if p.persona}

    for page in pages:
        cookie = cookies.get(page.persona)
        check_answers(urls, page, cookie)
        page.queries = count_queries(page)
        print(f"loading {page.name} ({page.path}) ...", file=sys.stderr, flush=True)
        wrk(urls, page, cookie, seconds=args.warmup, connections=args.connections)
        page.load = wrk(urls, page, cookie, seconds=args.duration, connections=args.connections)
    load_after_pages = load_average()

    goals = []
    bare = pages[0].load["rps"]
    frame = 100 * pages[2].load["rps"] / bare
    reachable = (
        "reachable"
        if frame >= UNCACHED_GOAL
        else f"blocked: the empty logged-in page alone is {frame:.0f}%"
    )
    rows = []
    for page in pages:
        load = page.load
        notes = []
        share = 100 * load["rps"] / bare
        if page.name in ("learner dashboard", "course page"):
            met = share >= UNCACHED_GOAL
            goals.append(
                (
                    f"{page.name} >= {UNCACHED_GOAL}% of the bare view",
                    met,
                    f"{share:.0f}%; {reachable}",
                )
            )
            notes.append(
                f"{share:.0f}% of the bare view "
                f"(goal >= {UNCACHED_GOAL}%: {'met' if met else 'NOT met'}); "
                f"{100 * load['rps'] / pages[2].load['rps']:.0f}% of the empty logged-in page"
            )
        elif page is pages[2]:
            notes.append(
                f"{share:.0f}% of the bare view: the most any logged-in page can reach "
                f"({'above' if frame >= UNCACHED_GOAL else 'below'} the goal of "
                f"{UNCACHED_GOAL}%)"
            )
        elif page is not pages[0]:
            notes.append(f"{share:.0f}% of the bare view")
        errors = load["socket_errors"] + load["status_errors"]
        if errors:
            notes.append(f"errors: {errors}")
        rows.append(
            [
                f"{page.name} `{page.path}`",
                f"{load['rps']:.1f}",
                f"{load['p50_us'] / 1000:.1f}",
                f"{load['p95_us'] / 1000:.1f}",
                str(page.queries),
                "; ".join(notes),
            ]
        )

    # A part that fails (a package missing from PyPI, a server that does not start) is a row
    # saying so and its goal NOT met; the other parts still run.
    try:
        plan = day.prepare_data()
        figures = day.run_locust(urls, plan, warmup=args.day_warmup, seconds=args.day_seconds)
        rows += day.rows(figures, seconds=args.day_seconds)
        worst = max((f["p95"] for n, f in figures.items() if n.startswith("learner")), default=0)
        day_result = (day.goal_met(figures), f"worst p95 {worst:.0f} ms")
    except (Exception, SystemExit) as error:
        rows.append(["mixed load (bench/day.py)", "", "", "", "", f"failed: {error}"])
        day_result = (False, f"failed: {error}")
    goal = f"mixed load, {day.LEARNERS} learners: every learner page p95 <= {day.P95_GOAL_MS} ms"
    goals.append((goal, *day_result))
    load_after_day = load_average()

    # The peer comparison takes the cluster's ports.
    print("stopping the cluster for the lesson page against the peer ...", file=sys.stderr)
    subprocess.run([str(ROOT / "deploy" / "cluster.sh"), "stop"], check=True)  # noqa: S603
    goal = f"lesson page >= {peer.GOAL}x wagtail-lms's req/s"
    try:
        peer_rows, ratios = peer.compare(
            demo_lesson(),
            rounds=args.rounds,
            seconds=args.round_seconds,
            connections=2 * args.connections,
        )
        rows += peer_rows
        ratio, ceiling = ratios["lesson"], ratios["ceiling"]
        goals.append(
            (
                goal,
                ratio >= peer.GOAL,
                f"{ratio:.2f}x; our empty logged-in page reaches {ceiling:.2f}x the peer's "
                f"lesson page, so the goal is "
                + ("reachable" if ceiling >= peer.GOAL else "blocked by that floor"),
            )
        )
    except (Exception, SystemExit) as error:
        rows.append(["lesson page against wagtail-lms (bench/peer.py)", "", "", "", "", "failed"])
        goals.append((goal, False, f"failed: {error}"))

    rows += scripts.attendance_rows()
    rows += scripts.certificate_rows(goals, quick=args.quick)
    rows += scripts.indicator_rows()

    header = ["what", "req/s", "p50 ms", "p95 ms", "queries", "notes"]
    print()
    print(
        f"Load: wrk, {args.duration} s per page after {args.warmup} s of warm-up, "
        f"{args.connections} connections on each of {len(urls)} nodes ({', '.join(urls)}). "
        f"Mixed load: Locust, {day.LEARNERS} learners, {day.TRAINERS} trainers and a "
        f"coordinator, about 2 s of think time, {args.day_seconds} s after {args.day_warmup} s "
        f"of warm-up. Non-load rows: the ms column is the median time of one operation."
    )
    print(page_cache_note())
    print(
        f"Load average (1, 5, 15 min): {load_before} before, {load_after_pages} after the "
        f"pages, {load_after_day} after the mixed load, {load_average()} at the end; "
        f"{time.monotonic() - started:.0f} s in all."
    )
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * 4 + ["---"]) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    print("Goals (issue 16):")
    for what, met, figure in goals:
        print(f"- {what}: {'met' if met else 'NOT met'} ({figure})")


if __name__ == "__main__":
    main()
