"""Background work for reminders (django-tasks): each reminder is sent by its own task, so one
that fails does not hold back the others, and a task run twice sends nothing twice."""

from django_tasks import task


@task()
def reminder_send(reminder_id: int) -> str:
    from assessments.attendance.reminders.services import reminder_deliver

    return reminder_deliver(reminder_id=reminder_id)


@task()
def reminders_plan_task() -> int:
    """For a scheduler that enqueues tasks instead of running `manage.py reminders_send`."""
    from assessments.attendance.reminders.services import reminders_plan

    return len(reminders_plan())
