"""task_worker: a restarted worker takes back the tasks it left RUNNING, and only its own."""

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from lms.management.commands.task_worker import tasks_requeue_abandoned

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_queue(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def claimed(*worker_ids: str, status=TaskResultStatus.RUNNING) -> DBTaskResult:
    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="wagtail.tasks.update_reference_index_task",
        backend_name="default",
        status=status,
        worker_ids=list(worker_ids),
    )


def test_only_the_tasks_left_running_under_this_id_are_queued_again(database_queue):
    mine = claimed("host-1")
    retried_by_me = claimed("host-2", "host-1")
    another_live_worker = claimed("host-1", "host-2")
    finished = claimed("host-1", status=TaskResultStatus.SUCCESSFUL)
    other_backend = claimed("host-1")
    DBTaskResult.objects.filter(pk=other_backend.pk).update(backend_name="reports")

    requeued = tasks_requeue_abandoned(worker_id="host-1", backend_name="default")

    assert sorted(requeued) == sorted([str(mine.pk), str(retried_by_me.pk)])
    statuses = dict(DBTaskResult.objects.values_list("pk", "status"))
    assert statuses[mine.pk] == statuses[retried_by_me.pk] == TaskResultStatus.READY
    assert statuses[another_live_worker.pk] == TaskResultStatus.RUNNING
    assert statuses[finished.pk] == TaskResultStatus.SUCCESSFUL
    assert statuses[other_backend.pk] == TaskResultStatus.RUNNING
    mine.refresh_from_db()
    assert mine.started_at is None
    assert mine.worker_ids == ["host-1"]  # the history of who tried it stays


def test_a_requeued_task_is_picked_up_again(database_queue):
    task = claimed("host-1")
    assert not DBTaskResult.objects.ready().filter(pk=task.pk).exists()
    tasks_requeue_abandoned(worker_id="host-1", backend_name="default")
    assert DBTaskResult.objects.ready().filter(pk=task.pk).exists()


def test_the_command_recovers_then_exits_with_recover_only(database_queue, capsys):
    task = claimed("host-1")
    call_command("task_worker", "--worker-id", "host-1", "--recover-only")
    assert "Queued again 1 task(s) left unfinished by host-1." in capsys.readouterr().out
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY


def test_the_command_refuses_to_run_without_a_stable_worker_id(database_queue):
    with pytest.raises(CommandError, match="stable --worker-id"):
        call_command("task_worker", "--recover-only")


def test_the_worker_warms_the_certificate_renderer_before_its_first_task(
    database_queue, monkeypatch
):
    from certificates import pdf
    from lms.management.commands import task_worker

    assert settings.TASK_WORKER_WARM_UP == ["certificates.pdf.warm_up"]
    calls = []
    monkeypatch.setattr(pdf, "warm_up", lambda: calls.append("warm up"))
    monkeypatch.setattr(
        task_worker.DBWorkerCommand, "handle", lambda self, *args, **kwargs: calls.append("run")
    )
    call_command("task_worker", "--worker-id", "host-1", "--recover-only")
    assert calls == []  # recovery alone renders nothing
    call_command("task_worker", "--worker-id", "host-1")
    assert calls == ["warm up", "run"]
