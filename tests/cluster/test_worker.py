"""The task worker: it runs what the web nodes enqueue, and takes back its unfinished work after
being killed."""

import hashlib
import os
import time
from pathlib import Path

import pytest
import requests
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from courses.models import LessonCompletion, LessonPage
from demo.people import DEMO_PASSWORD
from tests.cluster.conftest import checked_values, eligible_cohort, main_text, wait_until
from tests.cluster.tasks import lessons_complete_batch
from tests.cluster.test_shared_state import lessons_of

ADMIN = "admin"


def test_a_page_published_through_a_web_node_is_indexed_by_the_worker(cluster):
    """Publishing a lesson in the Wagtail admin on node 2 enqueues Wagtail's search-index and
    reference-index tasks in PostgreSQL; the worker, a separate process, runs them."""
    admin = cluster.node(1)
    admin.log_in(ADMIN, DEMO_PASSWORD)
    lesson = LessonPage.objects.live().order_by("pk").first()
    before = set(DBTaskResult.objects.values_list("id", flat=True))

    response = admin.post(f"/admin/bulk/wagtailcore/page/publish/?id={lesson.pk}&next=/admin/")
    assert response.status_code == 302

    new_tasks = DBTaskResult.objects.exclude(id__in=before)
    assert set(new_tasks.values_list("task_path", flat=True)) >= {
        "wagtail.tasks.update_reference_index_task",
        "modelsearch.tasks.insert_or_update_object_task",
    }
    wait_until(
        lambda: not new_tasks.exclude(status=TaskResultStatus.SUCCESSFUL).exists(),
        timeout=30,
        what="the worker to run the indexing tasks",
    )
    health = requests.get(f"{cluster.urls[0]}/health/", timeout=10).json()
    assert health["task_queue"]["status"] == "ok"


def test_a_worker_killed_mid_batch_finishes_it_after_restart_without_duplicates(
    cluster, new_learner
):
    enrolments = [new_learner() for _ in range(3)]
    pairs = [
        [enrolment.pk, lesson.pk]
        for enrolment in enrolments
        for lesson in lessons_of(enrolment.cohort)[:4]
    ]
    completions = LessonCompletion.objects.filter(enrolment__in=enrolments)

    result = lessons_complete_batch.enqueue(pairs, 0.4)
    row = DBTaskResult.objects.filter(id=result.id)
    wait_until(lambda: completions.count() >= 3, timeout=30, what="the batch to be under way")
    cluster.worker_kill()
    time.sleep(1)  # anything the dead worker had in flight has settled by now

    done_before_restart = completions.count()
    assert 0 < done_before_restart < len(pairs)
    # django-tasks-db itself leaves the task RUNNING for ever; only the restart recovers it.
    assert row.get().status == TaskResultStatus.RUNNING

    cluster.worker_start()
    wait_until(
        lambda: (
            row.get().status != TaskResultStatus.RUNNING
            and row.get().status != TaskResultStatus.READY
        ),
        timeout=60,
        what="the restarted worker to finish the batch",
    )
    finished = row.get()
    assert finished.status == TaskResultStatus.SUCCESSFUL, finished.traceback
    assert finished.return_value == len(pairs)
    assert finished.worker_ids == [cluster.worker_id, cluster.worker_id]
    assert sorted(completions.values_list("enrolment_id", "lesson_id")) == sorted(
        (enrolment_id, lesson_id) for enrolment_id, lesson_id in pairs
    )


RENDER_TASK = "certificates.tasks.certificate_render_task"
# Seconds the slow worker holds each rendered PDF before storing it: the kill lands in that pause.
RENDER_PAUSE = 3.0
BATCH_SIZE = 10


@pytest.fixture
def slow_render_worker(cluster):
    """The cluster's worker replaced by one whose certificate PDFs each take RENDER_PAUSE seconds
    longer (tests/cluster/slow_render_worker.py), under the same worker id; an ordinary worker
    is running again afterwards, whatever the test did."""
    cluster.worker_kill()
    cluster.worker_start(render_pause=RENDER_PAUSE)
    yield
    pid = cluster.worker_pid()
    cmdline = Path(f"/proc/{pid}/cmdline") if pid else None
    if cmdline is None or not cmdline.exists() or b"slow_render_worker" in cmdline.read_bytes():
        cluster.worker_kill()
        cluster.worker_start()


def render_tasks_of(certificate_ids: set[int], *, since) -> list[DBTaskResult]:
    return [
        task
        for task in DBTaskResult.objects.filter(task_path=RENDER_TASK, enqueued_at__gte=since)
        if task.args_kwargs["args"][0] in certificate_ids
    ]


def test_a_worker_killed_mid_batch_of_certificates_finishes_it_after_restart(
    cluster, logged_in, new_cohort, certifiable_course, slow_render_worker
):
    staffed = eligible_cohort(new_cohort, certifiable_course, learners=BATCH_SIZE)
    coordinator = logged_in(0, staffed.coordinator.username)
    queue_path = f"/certificates/cohorts/{staffed.cohort.pk}/"
    ticked = checked_values(coordinator.get(queue_path), "enrolment")
    assert len(ticked) == BATCH_SIZE
    before = timezone.now()
    certify = coordinator.post(queue_path, {"enrolment": ticked})
    assert certify.status_code == 302
    batch_path = certify.headers["Location"]

    certificates = Certificate.objects.filter(enrolment__cohort=staffed.cohort)
    ids = set(certificates.values_list("pk", flat=True))
    assert len(ids) == BATCH_SIZE
    rendered = certificates.filter(render_status=Certificate.Render.RENDERED)

    def running() -> list[DBTaskResult]:
        """The render tasks running whose certificate's PDF is not stored yet. (A task whose PDF
        is stored is still RUNNING for a moment, while the learner's email goes out.)"""
        pending = set(
            certificates.filter(render_status=Certificate.Render.PENDING).values_list(
                "pk", flat=True
            )
        )
        return [
            task
            for task in render_tasks_of(ids, since=before)
            if task.status == TaskResultStatus.RUNNING and task.args_kwargs["args"][0] in pending
        ]

    # Kill the worker while it holds a rendered PDF, once at least one other PDF is stored.
    wait_until(
        lambda: rendered.exists() and running(),
        timeout=90,
        what="the first PDF stored and the next one being rendered",
    )
    cluster.worker_kill()
    time.sleep(1)  # anything the dead worker had in flight has settled by now

    done_before_restart = rendered.count()
    assert 0 < done_before_restart < BATCH_SIZE
    [interrupted] = running()
    assert certificates.get(pk=interrupted.args_kwargs["args"][0]).render_status == "pending"
    progress = logged_in(1, staffed.coordinator.username)
    assert f"{done_before_restart} of {BATCH_SIZE} PDFs ready." in progress.get(batch_path).text

    cluster.worker_start()
    wait_until(
        lambda: f"{BATCH_SIZE} of {BATCH_SIZE} PDFs ready." in progress.get(batch_path).text,
        timeout=120,
        what="the restarted worker to finish the batch",
    )
    assert "failed" not in main_text(progress.get(batch_path)).lower()

    # Every learner of the batch has exactly one certificate, valid, with its PDF.
    assert sorted(certificates.values_list("enrolment_id", flat=True)) == sorted(
        enrolment.pk for enrolment in staffed.enrolments
    )
    assert set(certificates.values_list("status", "render_status")) == {("valid", "rendered")}
    # Serial numbers come from one locked counter in the batch's transaction: consecutive.
    serials = sorted(certificates.values_list("serial", flat=True))
    numbers = [int(serial.split("-")[1]) for serial in serials]
    assert numbers == list(range(numbers[0], numbers[0] + BATCH_SIZE))
    # One stored file per certificate, the one whose SHA-256 was recorded: the interrupted
    # render left no stray copy behind.
    # (This process's settings point at a temporary folder: tests/conftest.py.)
    private_media = Path(os.environ["PRIVATE_MEDIA_ROOT"])
    for certificate in certificates:
        stored = private_media / certificate.pdf.name
        assert hashlib.sha256(stored.read_bytes()).hexdigest() == certificate.sha256
        assert list(stored.parent.glob(f"{certificate.serial}*")) == [stored]
    assert len(set(certificates.values_list("sha256", flat=True))) == BATCH_SIZE

    # One render task per certificate, every one successful; only the interrupted one ran twice.
    tasks = render_tasks_of(ids, since=before)
    assert sorted(task.args_kwargs["args"][0] for task in tasks) == sorted(ids)
    assert {task.status for task in tasks} == {TaskResultStatus.SUCCESSFUL}
    sha256_of = dict(certificates.values_list("pk", "sha256"))
    assert all(task.return_value == sha256_of[task.args_kwargs["args"][0]] for task in tasks)
    twice = [task for task in tasks if len(task.worker_ids) == 2]
    assert [(task.id, task.worker_ids) for task in twice] == [
        (interrupted.id, [cluster.worker_id, cluster.worker_id])
    ]
    health = requests.get(f"{cluster.urls[1]}/health/", timeout=10).json()
    assert health["task_queue"]["status"] == "ok"
