"""gunicorn settings for a web node: `gunicorn -c deploy/gunicorn.conf.py lms.wsgi`.

Everything can be overridden from the environment (GUNICORN_CMD_ARGS, or the variables below).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Two workers per core is gunicorn's usual advice; pages here wait mostly on PostgreSQL.
workers = int(os.environ.get("GUNICORN_WORKERS", str(2 * (os.cpu_count() or 1))))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
# Recycle workers now and then so that a slow leak never takes a node down.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# Logs on stdout as JSON lines, like the application's.
accesslog = "-"
errorlog = "-"
access_log_format = (
    '{"time": "%(t)s", "logger": "gunicorn.access", "level": "INFO", "remote": "%(h)s", '
    '"method": "%(m)s", "path": "%(U)s", "status": "%(s)s", "bytes": "%(B)s", '
    '"duration_ms": "%(M)s"}'
)
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(process)d %(message)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        },
        "raw": {"format": "%(message)s"},
    },
    "handlers": {
        "error": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "json",
        },
        "access": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": "raw",
        },
    },
    # Django's own LOGGING (lms/settings/production.py) takes over the root logger in each worker.
    "root": {"level": "WARNING", "handlers": []},
    "loggers": {
        "gunicorn.error": {"handlers": ["error"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": ["access"], "level": "INFO", "propagate": False},
    },
}


def on_starting(server):
    """A node refuses to start on a serious system check of its caches, as `manage.py check`
    would: above all a rate limit counted in a cache private to each process
    (certificates/checks.py), which would let every worker count alone."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.production")
    import django
    from django.core import checks

    django.setup()
    errors = [m for m in checks.run_checks(tags=[checks.Tags.caches, "site"]) if m.is_serious()]
    if errors:
        raise SystemExit("\n".join(str(error) for error in errors))
