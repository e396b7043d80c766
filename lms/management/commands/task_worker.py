"""Run a task worker: django-tasks-db's `db_worker`, first taking back its own unfinished tasks.

django-tasks-db 0.13 marks a task RUNNING (and commits) before running it, and only a finished
task is marked again. A worker that dies without a chance to clean up (SIGKILL, out of memory, the
machine lost) leaves its task RUNNING for ever: no worker picks it up again.

Every worker slot therefore gets a stable id (`--worker-id`, unique across the pool, the same
after a restart). Only one process runs under an id at a time, so at start-up any task still
RUNNING under this id belongs to the dead process that held the id before: it is put back in the
queue (READY) and run again. Tasks must therefore be idempotent: running one twice, or again after
a crash half-way, gives the same result as running it once.
"""

import logging

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from django.utils.module_loading import import_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger("lms.task_worker")


def tasks_requeue_abandoned(*, worker_id: str, backend_name: str) -> list[str]:
    """Put the tasks left RUNNING under `worker_id` back in the queue; return their ids."""
    with transaction.atomic():
        running = DBTaskResult.objects.select_for_update().filter(
            status=TaskResultStatus.RUNNING, backend_name=backend_name
        )
        # worker_ids is a JSON list with the latest claimant last; read it in Python, the same
        # on every database.
        abandoned = [task for task in running if task.worker_ids[-1:] == [worker_id]]
        for task in abandoned:
            task.status = TaskResultStatus.READY
            task.started_at = None
            task.save(update_fields=["status", "started_at"])
            logger.warning(
                "Task %s (%s) was left running by a previous worker %s: queued again",
                task.id,
                task.task_path,
                worker_id,
            )
    return [str(task.id) for task in abandoned]


class Command(DBWorkerCommand):
    help = (
        "Run a database task worker under a stable --worker-id, first queueing again any task "
        "that a previous process with the same id left unfinished."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--recover-only",
            action="store_true",
            help="Queue the abandoned tasks again, then exit without running any.",
        )
        # db_worker makes up a random id; a restarted worker must find its own tasks again.
        parser.set_defaults(worker_id=None)

    def handle(self, *args, worker_id: str | None, recover_only: bool = False, **options):
        if not worker_id:
            raise CommandError(
                "Give each worker a stable --worker-id (for example <host>-1): a restarted "
                "worker takes back only the tasks left unfinished under its own id."
            )
        self.configure_logging(options["verbosity"])
        requeued = tasks_requeue_abandoned(
            worker_id=worker_id, backend_name=options["backend_name"]
        )
        self.stdout.write(f"Queued again {len(requeued)} task(s) left unfinished by {worker_id}.")
        if recover_only:
            return
        # What the tasks need loaded (the certificate renderer: fonts, stylesheets) is loaded
        # before the first task rather than during it. Named in settings, as lms imports no app.
        for path in getattr(settings, "TASK_WORKER_WARM_UP", []):
            import_string(path)()
        super().handle(*args, worker_id=worker_id, **options)
