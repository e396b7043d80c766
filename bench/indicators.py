"""Benchmark: the indicators at 10,000 learners, 400 cohorts and 400,000 attendance records,
next to one hand-written SQL aggregate computing the same figures in the same run (issue 8;
the SQL and the check of agreement are in bench/indicators_sql.py).

Run from the project root: `python bench/indicators.py` (SQLite, a temporary database) or
`DATABASE_URL=postgres://postgres@127.0.0.1:5432/h_indicators python bench/indicators.py`
(an empty scratch database: `createdb h_indicators` before, `dropdb h_indicators` after).
`--learners N --cohorts M` for a smaller run; `--reuse` (with a DATABASE_URL that outlives the
run, e.g. sqlite:////tmp/bench.sqlite3) times again the data a previous run built.
It builds the data with bulk_create (no per-row services; the enrolments' attendance tallies are
then recounted by the service, as after a roll call), checks that the hand-written SQL (which
reads the attendance records themselves, not the tallies) and the selector agree on every figure
by region, and prints a table of median times, wall and CPU, with the load average.
Goals: the page under 1 second on SQLite; at most 2 times the hand-written SQL.
It is not a test and pytest does not collect it.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")
TMP = tempfile.TemporaryDirectory(prefix="lms-bench-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{TMP.name}/bench.sqlite3")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.indicators_sql import check_agreement, hand_written  # noqa: E402

LEARNERS = 10_000
COHORTS = 400
SESSIONS = 40  # per cohort: 400 x 25 learners x 40 = 400,000 attendance records
REGIONS = ("Centre", "East", "North", "South", "West")
BATCH = 5_000
PAGE_GOAL_MS = 1000
RATIO_GOAL = 2.0


def build(today: datetime.date, *, learners: int, cohorts: int, sessions: int) -> None:
    from assessments.attendance import services
    from assessments.models import AttendanceRecord
    from certificates.models import Certificate
    from courses.models import Cohort, Enrolment, Session
    from indicators.models import FollowUp
    from lms.models import Profile, Region, User
    from tests import factories

    rng = random.Random(8)
    now = timezone.now()
    regions = [Region.objects.create(name=n, code=n.lower()) for n in REGIONS]
    courses = [
        factories.make_course(title="Artisan Baking", lessons=1),
        factories.make_course(title="Market Gardening", lessons=1),
        factories.make_course(title="Sales Assistant", lessons=1, awards_certificate=False),
        factories.make_course(title="Mentor Training", lessons=1, kind="mentor"),
    ]
    admin = User.objects.create(username="bench-admin", is_superuser=True, is_staff=True)
    Profile.objects.create(user=admin, printed_name="Bench Admin")

    per_cohort = learners // cohorts
    span = (sessions - 1) * 2  # a session every other day
    cohort_rows = []
    for i in range(cohorts):
        # Most cohorts ended within the last two years; the last tenth is still running.
        start = today - datetime.timedelta(days=730 - (i * 730 // cohorts))
        cohort_rows.append(
            Cohort(
                course=courses[i % len(courses)],
                name=f"Bench {i:03}",
                region=regions[i % len(regions)],
                start_date=start,
                end_date=start + datetime.timedelta(days=span),
                capacity=per_cohort,
            )
        )
    cohort_list = Cohort.objects.bulk_create(cohort_rows, batch_size=BATCH)
    users = User.objects.bulk_create(
        # "!" is an unusable password (no login), as set_unusable_password() stores it.
        (User(username=f"bench-{n:05}", password="!") for n in range(learners)),  # noqa: S106
        batch_size=BATCH,
    )
    genders = ["woman", "woman", "man", "man", "man", "not_said", "self_described", ""]
    Profile.objects.bulk_create(
        (
            Profile(
                user=u,
                printed_name=f"Learner {n:05}",
                gender=rng.choice(genders),
                birth_year=rng.choice([None, *range(1960, 2007)]),
                region=regions[n % len(regions)],
            )
            for n, u in enumerate(users)
        ),
        batch_size=BATCH,
    )
    enrolment_rows = []
    for n, user in enumerate(users):
        cohort = cohort_list[n // per_cohort]
        withdrawn = rng.random() < 0.06
        enrolment_rows.append(
            Enrolment(
                learner=user,
                cohort=cohort,
                enrolled_on=cohort.start_date + datetime.timedelta(days=rng.choice([0, 0, 0, 5])),
                status="withdrawn" if withdrawn else "active",
                withdrawn_on=cohort.start_date + datetime.timedelta(days=30) if withdrawn else None,
                withdrawal_reason="Moved away" if withdrawn else "",
            )
        )
    enrolments = Enrolment.objects.bulk_create(enrolment_rows, batch_size=BATCH)
    session_list = Session.objects.bulk_create(
        (
            Session(
                cohort=cohort,
                topic=f"Session {s}",
                date=cohort.start_date + datetime.timedelta(days=2 * s),
                start_time=datetime.time(9),
                end_time=datetime.time(12),
                cancelled=rng.random() < 0.03,
                cancellation_reason="Trainer ill",
            )
            for cohort in cohort_list
            for s in range(sessions)
        ),
        batch_size=BATCH,
    )
    by_cohort: dict[int, list] = {}
    for session in session_list:
        by_cohort.setdefault(session.cohort_id, []).append(session)
    # A learner's habits: most attend nearly always, some often miss.
    statuses = ["present"] * 14 + ["late", "late", "excused", "absent"]
    batch = []
    for enrolment in enrolments:
        absent_bias = rng.random() < 0.2
        for session in by_cohort[enrolment.cohort_id]:
            if session.date > today:
                continue
            status = rng.choice(statuses)
            if absent_bias and rng.random() < 0.3:
                status = "absent"
            batch.append(
                AttendanceRecord(
                    session=session, enrolment=enrolment, status=status, recorded_at=now
                )
            )
            if len(batch) >= BATCH:
                AttendanceRecord.objects.bulk_create(batch)
                batch = []
    AttendanceRecord.objects.bulk_create(batch)
    # Written in bulk, as the roll call would have written them one session at a time: the
    # enrolments' attendance tallies are counted from them, as after a roll call.
    services.attendance_tallies_refresh(
        enrolments=Enrolment.objects.filter(cohort__in=[c.pk for c in cohort_list])
    )

    certificates, follow_ups = [], []
    for n, enrolment in enumerate(enrolments):
        cohort = cohort_list[n // per_cohort]
        if cohort.end_date >= today or enrolment.status == "withdrawn":
            continue
        if cohort.course.awards_certificate and rng.random() < 0.7:
            issued = datetime.datetime.combine(
                cohort.end_date + datetime.timedelta(days=7), datetime.time(12), tzinfo=datetime.UTC
            )
            certificates.append(
                Certificate(
                    enrolment=enrolment,
                    serial=f"B-{n:06}",
                    verification_code=f"bench{n:06}",
                    snapshot={},
                    issued_by=admin,
                    issued_at=min(issued, now),
                    status="valid",
                )
            )
        for months in (3, 6, 12):
            if cohort.end_date + datetime.timedelta(days=31 * months) <= today:
                follow_ups.append(
                    FollowUp(
                        enrolment=enrolment,
                        months=months,
                        outcome=rng.choice(
                            [
                                "employed_in_trade",
                                "employed_in_trade",
                                "employed_other",
                                "further_training",
                                "seeking_work",
                                "not_known",
                            ]
                        ),
                        recorded_at=now,
                    )
                )
    Certificate.objects.bulk_create(certificates, batch_size=BATCH)
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)


def median_ms(action, runs: int) -> tuple[float, float, int]:
    """Median wall time and median CPU time of this process (which, on SQLite, includes the
    database's work; on PostgreSQL it does not), in ms, and the queries of one run."""
    times, cpu, queries = [], [], 0
    for _ in range(runs):
        with CaptureQueriesContext(connection) as captured:
            started, started_cpu = time.perf_counter(), time.process_time()
            action()
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        queries = len(captured)
    return statistics.median(times), statistics.median(cpu), queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument("--cohorts", type=int, default=COHORTS)
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the data already in DATABASE_URL if a previous run built it (migrations are "
        "still applied); for re-timing after a change without building again",
    )
    args = parser.parse_args()

    from indicators import selectors
    from indicators.rules import add_months
    from lms.models import User

    print(f"Migrating a fresh {connection.vendor} database...", file=sys.stderr)
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    started = time.perf_counter()
    if args.reuse and User.objects.filter(username="bench-admin").exists():
        print("Reusing the data already built.", file=sys.stderr)
    else:
        build(today, learners=args.learners, cohorts=args.cohorts, sessions=SESSIONS)
        print(f"Built the data in {time.perf_counter() - started:.1f} s.", file=sys.stderr)
    from assessments.models import AttendanceRecord

    records = AttendanceRecord.objects.count()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    admin = User.objects.get(username="bench-admin")
    start, end = add_months(today, -24), today
    filters = selectors.Filters(start=start, end=end)
    data = selectors.indicators(user=admin, filters=filters, today=today)
    sql_rows = hand_written(start, end, min(end, today))
    check_agreement(sql_rows, data)

    client = Client()
    client.force_login(admin)
    url = f"/indicators/?start={start}&end={end}"
    assert client.get(url).status_code == 200
    load_before = os.getloadavg()
    sql_ms, sql_cpu, _ = median_ms(lambda: hand_written(start, end, today), args.runs)
    selector_ms, selector_cpu, selector_queries = median_ms(
        lambda: selectors.indicators(user=admin, filters=filters, today=today), args.runs
    )
    page_ms, page_cpu, page_queries = median_ms(lambda: client.get(url), args.runs)
    load_after = os.getloadavg()

    print(
        f"\nDatabase: {connection.vendor}; {args.learners} learners, {args.cohorts} cohorts, "
        f"{records} attendance records; median of {args.runs} runs; the SQL and the selector "
        f"agree on every figure by region. Load average (1, 5, 15 min): "
        f"{' '.join(f'{x:.2f}' for x in load_before)} before, "
        f"{' '.join(f'{x:.2f}' for x in load_after)} after. CPU ms: this process's CPU time "
        f"({'with' if connection.vendor == 'sqlite' else 'without'} the database's).\n"
    )
    page_goal = "met" if page_ms < PAGE_GOAL_MS else "NOT met"
    if connection.vendor != "sqlite":
        page_goal = f"not this database ({page_goal} here)"
    ratio = selector_ms / sql_ms
    ratio_goal = "met" if ratio <= RATIO_GOAL else "NOT met"
    page_ratio = page_ms / sql_ms
    print(f"| {'what':<36} | {'ms':>8} | {'CPU ms':>8} | queries | notes |")
    print(f"|{'-' * 38}|{'-' * 10}|{'-' * 10}|---------|-------|")
    print(
        f"| {'hand-written SQL aggregate':<36} | {sql_ms:>8.1f} | {sql_cpu:>8.1f} | {1:>7} | "
        f"one statement |"
    )
    print(
        f"| {'indicators selector':<36} | {selector_ms:>8.1f} | {selector_cpu:>8.1f} | "
        f"{selector_queries:>7} | {ratio:.2f} x the SQL (goal <= {RATIO_GOAL}: {ratio_goal}) |"
    )
    print(
        f"| {'indicators page (GET, rendered)':<36} | {page_ms:>8.1f} | {page_cpu:>8.1f} | "
        f"{page_queries:>7} | {page_ratio:.2f} x the SQL; goal < {PAGE_GOAL_MS} ms on SQLite: "
        f"{page_goal} |"
    )


if __name__ == "__main__":
    main()
