"""Background work for theory tests (django-tasks), for deployments that schedule through the
task queue rather than cron: the same service as `manage.py quiz_attempts_expire`."""

from django_tasks import task


@task()
def quiz_attempts_expire_task() -> int:
    """Every few minutes: hand in the timed attempts whose deadline has passed."""
    from assessments.quizzes.services import attempts_expire

    return attempts_expire()
