"""Benchmark: 300 learners check in to one session within one minute, on both web nodes of the
local cluster (PostgreSQL), each from their own phone (issue 19, item 6; docs/performance.md).

Run by `make bench` after the other benchmarks, or alone with the cluster running:

    make cluster && deploy/cluster.sh bench-checkin [--learners 300] [--seconds 60]

It makes a cohort of `--learners` learners (no passwords: each gets a logged-in session written
to the cluster's session store, as after logging in once), a session of today around now and
its check-in window. Then each learner, at a random moment of `--seconds`, does what the phone
does: opens the QR code's URL (the code of that moment), opens the check-in page, and taps
"Check me in", on node 1 or 2 in turn. Every tenth learner taps twice at once. Afterwards the
database must hold exactly one check-in and one Present record per learner, and each learner's
tally one present: lost and doubled check-ins are counted, and the latencies printed (p50, p95,
max). Not a test; pytest does not collect it.
"""

import argparse
import datetime
import os
import random
import re
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

if "CLUSTER_WEB_URLS" not in os.environ:
    sys.exit("bench/checkin.py needs the cluster's environment: run `make bench`.")

import django  # noqa: E402

django.setup()

import requests  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db.models import Count, Sum  # noqa: E402
from django.utils import timezone  # noqa: E402

from assessments.attendance import checkin_rules, checkin_services, checkin_tokens  # noqa: E402
from assessments.models import AttendanceRecord, AttendanceTally, SelfCheckIn  # noqa: E402
from courses.models import Cohort, CoursePage, Enrolment, Session  # noqa: E402
from lms.middleware import IdleTimeoutMiddleware  # noqa: E402
from lms.models import Profile, Region, User  # noqa: E402

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
REFUSAL = re.compile(r'id="checkin-refusal">([^<]+)<')


def build(learners: int):
    """A cohort of `learners`, its trainer, a session of today around now, and its window."""
    stamp = f"{time.time_ns():x}"
    course = CoursePage.objects.live().filter(locale__language_code="en").first()
    region = Region.objects.first()
    today = timezone.localdate()
    trainer = User.objects.create_user(username=f"bench-trainer-{stamp}", password=None)
    cohort = Cohort.objects.create(
        course=course,
        name=f"Check-in bench {stamp}",
        region=region,
        start_date=today,
        end_date=today + datetime.timedelta(days=30),
        capacity=learners,
    )
    cohort.trainers.add(trainer)
    users = User.objects.bulk_create(
        User(username=f"bench-learner-{stamp}-{i}", password=make_password(None))
        for i in range(learners)
    )
    Profile.objects.bulk_create(
        Profile(user=u, printed_name=f"Learner {i:03}") for i, u in enumerate(users)
    )
    Enrolment.objects.bulk_create(
        Enrolment(learner=u, cohort=cohort, enrolled_on=today) for u in users
    )
    now = timezone.localtime()
    start = (now - datetime.timedelta(minutes=5)).replace(second=0, microsecond=0)
    end = min(now + datetime.timedelta(hours=1), now.replace(hour=23, minute=59))
    session = Session.objects.create(
        cohort=cohort,
        topic="Check-in benchmark",
        date=today,
        start_time=start.time(),
        end_time=end.time().replace(second=0, microsecond=0),
    )
    window = checkin_services.checkin_window_open(session=session, by=trainer)
    return session, window, users


def logged_in_session(user) -> str:
    """A session as after logging in through the form, in the store every node reads."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[IdleTimeoutMiddleware.SESSION_KEY] = int(time.time())
    store.create()
    return store.session_key


class Phone:
    """One learner's phone: its own cookies (session, CSRF, device), on one node."""

    def __init__(self, node: str, session_key: str):
        self.node = node
        self.http = requests.Session()
        self.http.cookies.set(settings.SESSION_COOKIE_NAME, session_key, domain="127.0.0.1")

    def scan(self, session, window) -> str:
        step = checkin_rules.step_at(timezone.now())
        token = checkin_tokens.qr_token(session_id=session.pk, window_id=window.pk, step=step)
        opened = self.http.get(f"{self.node}/attendance/check-in/{token}/", allow_redirects=False)
        assert opened.status_code == 302, f"scan: {opened.status_code}"
        page = self.http.get(f"{self.node}/attendance/check-in/")
        assert "checkin-confirm" in page.text, f"confirm page: {page.status_code}"
        return CSRF.search(page.text).group(1)

    def tap(self, csrf: str, http=None) -> requests.Response:
        return (http or self.http).post(
            f"{self.node}/attendance/check-in/",
            data={"csrfmiddlewaretoken": csrf},
            headers={"Referer": f"{self.node}/attendance/check-in/"},
        )


def run(learners: int, seconds: float, threads: int) -> dict:
    nodes = os.environ["CLUSTER_WEB_URLS"].split(",")
    session, window, users = build(learners)
    phones = [Phone(nodes[i % len(nodes)], logged_in_session(u)) for i, u in enumerate(users)]
    starts = sorted(random.uniform(0, seconds) for _ in phones)
    lock = threading.Lock()
    results = {"ok": 0, "already": 0, "refused": 0, "errors": [], "tap": [], "whole": []}
    began = time.monotonic()

    def one(index: int) -> None:
        phone = phones[index]
        time.sleep(max(0.0, began + starts[index] - time.monotonic()))
        t0 = time.monotonic()
        try:
            csrf = phone.scan(session, window)
            t1 = time.monotonic()
            if index % 10 == 0:  # two taps at once: one check-in
                twin = requests.Session()
                twin.cookies.update(phone.http.cookies)
                with ThreadPoolExecutor(2) as pair:
                    answers = list(pair.map(lambda h: phone.tap(csrf, h), (phone.http, twin)))
            else:
                answers = [phone.tap(csrf)]
            t2 = time.monotonic()
        except (AssertionError, requests.RequestException) as error:
            with lock:
                results["errors"].append(str(error))
            return
        with lock:
            results["tap"].append(t2 - t1)
            results["whole"].append(t2 - t0)
            for answer in answers:
                if 'id="checkin-result"' in answer.text and "already" not in answer.text:
                    results["ok"] += 1
                elif 'id="checkin-result"' in answer.text:
                    results["already"] += 1
                elif answer.history and 'id="checkin-confirm"' not in answer.text:
                    # The twin tap came after the first had finished: nothing left to confirm.
                    results["already"] += 1
                else:
                    results["refused"] += 1
                    refusal = REFUSAL.search(answer.text)
                    results["errors"].append(
                        f"{answer.status_code}: {refusal.group(1) if refusal else answer.text[:80]}"
                    )

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(one, range(len(phones))))
    elapsed = time.monotonic() - began
    checkins = SelfCheckIn.objects.filter(session=session)
    records = AttendanceRecord.objects.filter(session=session)
    doubled = (
        records.values("enrolment").annotate(n=Count("pk")).filter(n__gt=1).count()
        + checkins.values("enrolment").annotate(n=Count("pk")).filter(n__gt=1).count()
    )
    present = AttendanceTally.objects.filter(enrolment__cohort=session.cohort).aggregate(
        n=Sum("present")
    )["n"]
    return {
        **results,
        "learners": learners,
        "seconds": elapsed,
        "nodes": len(nodes),
        "checkins": checkins.count(),
        "records": records.filter(status="present", self_checked_in=True).count(),
        "tallied": present or 0,
        "doubled": doubled,
        "lost": learners - checkins.count(),
    }


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def report(r: dict) -> None:
    ms = lambda seconds: f"{seconds * 1000:.0f} ms"  # noqa: E731
    rows = [
        ("learners (each on their own phone)", r["learners"]),
        ("web nodes", r["nodes"]),
        ("time taken", f"{r['seconds']:.1f} s"),
        ("checked in (answers)", r["ok"]),
        ("second taps (nothing more written)", r["already"]),
        ("refused", r["refused"]),
        ("errors", len(r["errors"])),
        ("check-ins in the database", r["checkins"]),
        ("Present (self) records", r["records"]),
        ("present in the tallies", r["tallied"]),
        ("lost", r["lost"]),
        ("doubled", r["doubled"]),
        ("'Check me in' p50", ms(statistics.median(r["tap"])) if r["tap"] else "-"),
        ("'Check me in' p95", ms(percentile(r["tap"], 0.95))),
        ("'Check me in' max", ms(max(r["tap"], default=0))),
        ("scan to checked in (3 requests) p95", ms(percentile(r["whole"], 0.95))),
    ]
    width = max(len(label) for label, _value in rows)
    print(f"\nCheck-in: {r['learners']} learners in one minute on the cluster (PostgreSQL)")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    for error in r["errors"][:5]:
        print(f"  error: {error}")
    met = r["lost"] == 0 and r["doubled"] == 0 and not r["errors"]
    print(f"  goal (none lost, none doubled): {'met' if met else 'NOT met'}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--threads", type=int, default=64)
    args = parser.parse_args()
    report(run(args.learners, args.seconds, args.threads))


if __name__ == "__main__":
    main()
