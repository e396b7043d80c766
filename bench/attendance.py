"""Benchmark: roll-call save for 30 and 300 learners, the cohort grid for 200 by 40.

Run from the project root: `python bench/attendance.py`. It sets up Django with the test settings
on a temporary SQLite database (or DATABASE_URL if set), builds the data, and prints milliseconds
(median of several runs) and query counts. It is not a test and pytest does not collect it.
"""

import datetime
import os
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

RUNS = 5


def build(*, learners: int, sessions: int, course, trainer):
    """A cohort of `trainer`'s, filled as the query budget tests fill theirs."""
    from courses.models import Cohort
    from lms.models import Region
    from tests import factories

    today = timezone.localdate()
    region, _created = Region.objects.get_or_create(code="bench", defaults={"name": "Bench"})
    cohort = Cohort.objects.create(
        course=course,
        name=f"{learners}x{sessions}",
        region=region,
        start_date=today - datetime.timedelta(days=sessions - 1),
        end_date=today + datetime.timedelta(days=30),
        capacity=learners,
    )
    cohort.trainers.add(trainer)
    enrolments, session_list = factories.fill_cohort(cohort, learners=learners, sessions=sessions)
    return cohort, enrolments, session_list


def measure(action) -> tuple[float, int]:
    """Median milliseconds over RUNS, and the query count of the last run."""
    times, queries = [], 0
    for run in range(RUNS):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            action(run)
            times.append((time.perf_counter() - started) * 1000)
        queries = len(captured)
    return statistics.median(times), queries


def main() -> None:
    print("Migrating a fresh database...", file=sys.stderr)
    call_command("migrate", verbosity=0)
    from tests import factories

    course = factories.make_course(title="Artisan Baking", lessons=1)
    trainer = factories.TrainerFactory(username="bench-trainer")
    client = Client()
    client.force_login(trainer)

    rows = []
    for learners in (30, 300):
        _cohort, enrolments, sessions = build(
            learners=learners, sessions=10, course=course, trainer=trainer
        )
        today = sessions[-1]
        url = f"/attendance/sessions/{today.pk}/roll-call/"
        statuses = ["present", "absent"]

        def save(run, enrolments=enrolments, url=url, statuses=statuses):
            # Every run changes every learner's status, so every run writes every record.
            data = {}
            for e in enrolments:
                data[f"status-{e.pk}"] = statuses[run % 2]
                data[f"version-{e.pk}"] = str(run)
                data[f"note-{e.pk}"] = ""
            response = client.post(url, data)
            assert response.status_code == 302, response.status_code

        ms, queries = measure(save)
        rows.append(("roll call save (POST)", learners, 10, ms, queries))
        ms, queries = measure(lambda run, url=url: client.get(url))
        rows.append(("roll call page (GET)", learners, 10, ms, queries))

    cohort, _enrolments, _sessions = build(
        learners=200, sessions=40, course=course, trainer=trainer
    )
    grid_url = f"/attendance/cohorts/{cohort.pk}/"
    ms, queries = measure(lambda run: client.get(grid_url))
    rows.append(("cohort grid (GET)", 200, 40, ms, queries))
    ms, queries = measure(lambda run: client.get(f"{grid_url}attendance.xlsx"))
    rows.append(("grid export XLSX", 200, 40, ms, queries))

    print(f"\nDatabase: {connection.vendor}; median of {RUNS} runs\n")
    print(f"| {'what':<22} | learners | sessions | {'ms':>8} | queries |")
    print(f"|{'-' * 24}|----------|----------|{'-' * 10}|---------|")
    for what, learners, sessions, ms, queries in rows:
        print(f"| {what:<22} | {learners:>8} | {sessions:>8} | {ms:>8.1f} | {queries:>7} |")


if __name__ == "__main__":
    main()
