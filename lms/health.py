"""/health/: is this web node able to serve? For load balancers, uptime monitors and `make cluster`.

It reports the database, the task queue and the cache, names no person, needs no login, and
changes nothing (it enqueues no task). HTTP 200 when the database and the queue table answer, 503
otherwise. A cache (Redis) that does not answer makes the status "degraded", still 200: the
site serves without it (lms/cache.py), and a balancer must keep routing to the node.

A queue whose oldest ready task has waited longer than HEALTH_QUEUE_STALL_SECONDS is reported as
"stalled" but still answers 200: the web node itself is fine, and a balancer that took every web
node out because the worker is down would turn a delay into an outage. Monitoring alerts on it.
"""

import logging

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

DEFAULT_QUEUE_STALL_SECONDS = 300


def _database() -> dict:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        logger.exception("Health check: the database does not answer")
        return {"status": "error"}
    return {"status": "ok", "vendor": connection.vendor}


def _task_queue() -> dict:
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        # Immediate (dev, tests): tasks run inside the request, there is no queue to watch.
        return {"status": "ok", "backend": type(backend).__name__}
    try:
        ready = DBTaskResult.objects.ready().filter(backend_name=backend.alias)
        oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
        ready_count = ready.count()
        running_count = DBTaskResult.objects.running().filter(backend_name=backend.alias).count()
    except DatabaseError:
        logger.exception("Health check: the task queue table does not answer")
        return {"status": "error", "backend": type(backend).__name__}
    oldest_age = int((timezone.now() - oldest).total_seconds()) if oldest else 0
    stall_after = getattr(settings, "HEALTH_QUEUE_STALL_SECONDS", DEFAULT_QUEUE_STALL_SECONDS)
    return {
        "status": "stalled" if oldest_age > stall_after else "ok",
        "backend": type(backend).__name__,
        "ready": ready_count,
        "running": running_count,
        "oldest_ready_age_seconds": oldest_age,
    }


def _cache() -> dict:
    backend = caches["default"]
    ping = getattr(backend, "ping", None)  # lms.cache.RedisCache; a local cache always answers
    if ping is None:
        return {"status": "ok", "backend": type(backend).__name__}
    if ping():
        return {"status": "ok", "backend": type(backend).__name__}
    logger.warning("Health check: the cache (Redis) does not answer; serving without it")
    return {"status": "degraded", "backend": type(backend).__name__}


@never_cache
@require_safe
def health(request):
    database = _database()
    task_queue = _task_queue() if database["status"] == "ok" else {"status": "unknown"}
    cache = _cache()
    healthy = database["status"] == "ok" and task_queue["status"] in ("ok", "stalled")
    if not healthy:
        status = "error"
    elif cache["status"] != "ok":
        status = "degraded"  # still 200: every node serves without Redis, only slower
    else:
        status = "ok"
    return JsonResponse(
        {"status": status, "database": database, "task_queue": task_queue, "cache": cache},
        status=200 if healthy else 503,
    )
