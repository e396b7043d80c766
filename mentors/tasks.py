"""Background work for mentors, for deployments that schedule through the task queue rather
than cron: the same service as `manage.py mentors_refresher_notices`."""

from django_tasks import task

from mentors import services


@task()
def refresher_notices_task() -> int:
    return services.refresher_notices_send()


@task()
def mentoring_alerts_task() -> int:
    """Daily: tell coordinators about mentoring that needs them, once per condition."""
    from mentors import practice_services

    return practice_services.alerts_send()
