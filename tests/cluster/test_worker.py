"""The task worker: it runs what the web nodes enqueue, and takes back its unfinished work after
being killed."""

import time

import requests
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from courses.models import LessonCompletion, LessonPage
from demo.people import DEMO_PASSWORD
from tests.cluster.conftest import wait_until
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
