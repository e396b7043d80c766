"""/health/: what a load balancer and a monitor see."""

import datetime

import pytest
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture
def database_queue(settings):
    # django-tasks rebuilds its backends when the setting changes, and again when it is restored.
    settings.TASKS = DATABASE_BACKEND


def queued(*, age_seconds: int, status=TaskResultStatus.READY) -> DBTaskResult:
    row = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="wagtail.tasks.update_reference_index_task",
        backend_name="default",
        status=status,
    )
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - datetime.timedelta(seconds=age_seconds)
    )
    return row


def test_healthy_with_the_immediate_backend_needs_no_login(client):
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": {"status": "ok", "vendor": connection.vendor},
        "task_queue": {"status": "ok", "backend": "ImmediateBackend"},
        "cache": {"status": "ok", "backend": "LocMemCache"},
    }
    assert "no-cache" in response["Cache-Control"]


def test_reports_the_database_queue_and_its_oldest_ready_task(client, database_queue):
    queued(age_seconds=40)
    queued(age_seconds=10)
    queued(age_seconds=500, status=TaskResultStatus.SUCCESSFUL)  # finished: not waiting
    queued(age_seconds=5, status=TaskResultStatus.RUNNING)

    response = client.get("/health/")

    assert response.status_code == 200
    queue = response.json()["task_queue"]
    assert queue["status"] == "ok"
    assert queue["backend"] == "DatabaseBackend"
    assert queue["ready"] == 2
    assert queue["running"] == 1
    assert 40 <= queue["oldest_ready_age_seconds"] < 45


def test_a_queue_nobody_works_on_is_reported_stalled_but_the_node_stays_in(
    client, database_queue, settings
):
    settings.HEALTH_QUEUE_STALL_SECONDS = 60
    queued(age_seconds=59)
    assert client.get("/health/").json()["task_queue"]["status"] == "ok"

    queued(age_seconds=61)
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json()["task_queue"]["status"] == "stalled"


def test_a_database_that_does_not_answer_gives_503(client, monkeypatch):
    from lms import health

    class BrokenCursor:
        def __enter__(self):
            raise DatabaseError("connection refused")

        def __exit__(self, *exc):
            return False

    monkeypatch.setattr(health.connection, "cursor", BrokenCursor)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json() == {
        "status": "error",
        "database": {"status": "error"},
        "task_queue": {"status": "unknown"},
        "cache": {"status": "ok", "backend": "LocMemCache"},
    }


def test_a_missing_queue_table_gives_503(client, database_queue, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError('relation "django_tasks_database_dbtaskresult" does not exist')

    monkeypatch.setattr(DBTaskResult.objects, "ready", broken)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["task_queue"]["status"] == "error"


def test_names_no_person_and_changes_nothing(client, world, database_queue):
    client.force_login(world.learner_a)
    before = DBTaskResult.objects.count()
    body = client.get("/health/").text
    assert DBTaskResult.objects.count() == before
    assert world.learner_a.username not in body
    assert client.post("/health/").status_code == 405
