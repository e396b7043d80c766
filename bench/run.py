"""Every benchmark, one table (issue 11; docs/performance.md). Run by `make bench`, which starts
the local cluster with the bare view on and runs this with the cluster's environment (.cluster/env):

    deploy/cluster.sh bench [--duration 10] [--connections 2]

1. Pages under load: Debian's `wrk` against both web nodes at once (one wrk thread per node,
   `--connections` keep-alive connections each), `--duration` seconds per page after a short
   warm-up, logged in as the page's persona. Requests per second and p50/p95 latency for the
   learner dashboard, a course page, a lesson page, the roll call and the certify queue, next to
   the bare view (/bench/bare/: Django's middleware and nothing else) in the same run.
2. Queries per page: the same URLs through Django's test client in this process, against the
   cluster's database and settings, counted with CaptureQueriesContext on the second of two
   requests (the first warms per-process caches such as Wagtail's site root).
3. bench/attendance.py (roll-call save and cohort grid, on its own temporary SQLite database) and
   bench/certificates.py (shortened: --repeat 10 --batch 20), parsed into the table.
4. bench/indicators.py: the indicators page and selector at 10,000 learners next to one
   hand-written SQL aggregate (its own temporary SQLite database), parsed into the table.

Requests go only to the cluster's nodes on 127.0.0.1. It is not a test; pytest does not collect it.
"""

import argparse
import json
import os
import re
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
DASHBOARD_GOAL = 40  # per cent of the bare view's requests per second
CERTIFICATE_GOAL = "1.6"


@dataclass
class Page:
    name: str
    path: str
    persona: str | None  # None: no session cookie
    queries: int | None = None
    load: dict = field(default_factory=dict)


def demo_pages() -> list[Page]:
    """The demo's real URLs (seed_demo): the bakery course, its first lesson, its cohort."""
    from courses.models import Cohort, CoursePage, LessonPage, Session

    course = CoursePage.objects.live().get(title="Artisan Baking")
    lesson = LessonPage.objects.live().child_of(course).order_by("path").first()
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


def own_environment() -> dict:
    """The environment without the cluster's settings: the other benchmarks build their own
    data on a scratch database and must not touch the cluster's."""
    cluster_env = ROOT / ".cluster" / "env"
    names = {line.split("=", 1)[0] for line in cluster_env.read_text().splitlines() if "=" in line}
    return {k: v for k, v in os.environ.items() if k not in names}


def run_script(args: list[str]) -> str:
    print(f"running {' '.join(args)} ...", file=sys.stderr, flush=True)
    result = subprocess.run(  # noqa: S603 - our own bench scripts
        [sys.executable, *args], cwd=ROOT, env=own_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr, file=sys.stderr)
        return ""
    return result.stdout


def attendance_rows() -> list[list[str]]:
    out = run_script(["bench/attendance.py"])
    rows = []
    for match in re.finditer(
        r"^\| (.+?)\s+\|\s+(\d+) \|\s+(\d+) \|\s+([\d.]+) \|\s+(\d+) \|$", out, re.MULTILINE
    ):
        what, learners, sessions, ms, queries = match.groups()
        rows.append(
            [
                f"{what}, {learners} learners x {sessions} sessions",
                "",
                ms,
                "",
                queries,
                "in-process, SQLite, median of 5 (bench/attendance.py)",
            ]
        )
    return rows or [["roll call / grid (bench/attendance.py)", "", "", "", "", "failed"]]


def certificate_rows() -> list[list[str]]:
    out = run_script(["bench/certificates.py", "--repeat", "10", "--batch", "20", "--workers", "2"])

    def row(label: str) -> tuple[str, ...] | None:
        # label, wall ms, CPU ms, wall and CPU ratios to the minimal page
        match = re.search(
            rf"^{re.escape(label)}\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)$", out, re.M
        )
        return match.groups() if match else None

    minimal = row("minimal page")
    details = row("learner's details alone")
    certificate = row("certificate")
    branded = row("certificate, logo+signature")
    serial = re.search(r"batch of \d+, serial:\s+([\d.]+) s wall", out)
    parallel = re.search(r"batch of (\d+), (\d+) workers:\s+([\d.]+) s wall \(([\d.]+)x", out)
    busy = re.search(r"cores busy rendering: ([\d.]+) of", out)
    if not (minimal and details and certificate and branded and serial and parallel and busy):
        return [["certificates (bench/certificates.py)", "", "", "", "", "failed"]]
    batch, workers, wall, speedup = parallel.groups()

    def against_goal(figures: tuple[str, ...]) -> str:
        _, cpu, wall_ratio, cpu_ratio = figures
        met = max(float(wall_ratio), float(cpu_ratio)) <= float(CERTIFICATE_GOAL)
        return (
            f"{wall_ratio} x the minimal page; CPU {cpu} ms, {cpu_ratio} x "
            f"(goal <= {CERTIFICATE_GOAL}: {'met' if met else 'NOT met'})"
        )

    return [
        [
            "minimal WeasyPrint page",
            "",
            minimal[0],
            "",
            "",
            f"median of 10, warm process; CPU {minimal[1]} ms",
        ],
        [
            "learner's name and one line alone (floor for a stamped design)",
            "",
            details[0],
            "",
            "",
            f"{details[2]} x the minimal page; CPU {details[1]} ms, {details[3]} x",
        ],
        [
            "certificate PDF (2 pages, QR code)",
            "",
            certificate[0],
            "",
            "",
            against_goal(certificate),
        ],
        ["certificate PDF with logo and signature", "", branded[0], "", "", against_goal(branded)],
        [
            f"batch of {batch} certificates",
            "",
            "",
            "",
            "",
            f"1 process {serial.group(1)} s; {workers} processes {wall} s ({speedup}x, ideal "
            f"{workers}x); cores busy {busy.group(1)} of {workers}",
        ],
    ]


def indicator_rows() -> list[list[str]]:
    out = run_script(["bench/indicators.py", "--runs", "3"])
    rows = []
    for match in re.finditer(
        r"^\| (hand-written SQL aggregate|indicators selector|indicators page \(GET, rendered\))"
        r"\s+\|\s+([\d.]+) \|\s+([\d.]+) \|\s+(\d+) \| (.+?) \|$",
        out,
        re.MULTILINE,
    ):
        what, ms, cpu, queries, notes = match.groups()
        rows.append(
            [
                f"{what}, 10,000 learners",
                "",
                ms,
                "",
                queries,
                f"{notes}; CPU {cpu} ms; in-process, SQLite, median of 3 (bench/indicators.py)",
            ]
        )
    return rows or [["indicators (bench/indicators.py)", "", "", "", "", "failed"]]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per page")
    parser.add_argument("--connections", type=int, default=2, help="connections per node")
    parser.add_argument("--warmup", type=int, default=2, help="seconds of warm-up per page")
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

    bare = pages[0].load["rps"]
    rows = []
    for page in pages:
        load = page.load
        notes = []
        if page.name == "learner dashboard":
            share = 100 * load["rps"] / bare
            met = "met" if share >= DASHBOARD_GOAL else "NOT met"
            notes.append(f"{share:.0f}% of the bare view (goal >= {DASHBOARD_GOAL}%: {met})")
        elif page is not pages[0]:
            notes.append(f"{100 * load['rps'] / bare:.0f}% of the bare view")
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
    rows += attendance_rows()
    rows += certificate_rows()
    rows += indicator_rows()

    header = ["what", "req/s", "p50 ms", "p95 ms", "queries", "notes"]
    print()
    print(
        f"Load: wrk, {args.duration} s per page after {args.warmup} s of warm-up, "
        f"{args.connections} connections on each of {len(urls)} nodes ({', '.join(urls)}). "
        f"Non-load rows: the ms column is the median time of one operation."
    )
    print(
        f"Load average (1, 5, 15 min): {load_before} before, {load_after_pages} after the "
        f"load, {load_average()} at the end; {time.monotonic() - started:.0f} s in all."
    )
    print()
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["---:"] * 4 + ["---"]) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
