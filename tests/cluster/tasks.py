"""A test-only task for the worker tests: a batch of lesson completions, written one by one with a
pause between them, so that a worker can be killed half-way through.

It goes through the same service as the "mark as done" button, which is idempotent, so running the
batch again after a crash completes what is missing and duplicates nothing: the property every task
in this project needs (see lms/management/commands/task_worker.py).
"""

import time

from django_tasks import task

from courses import services
from courses.models import Enrolment, LessonPage


@task()
def lessons_complete_batch(pairs: list[list[int]], pause_seconds: float) -> int:
    for enrolment_id, lesson_id in pairs:
        services.lesson_complete(
            enrolment=Enrolment.objects.select_related("cohort").get(pk=enrolment_id),
            lesson=LessonPage.objects.get(pk=lesson_id),
        )
        time.sleep(pause_seconds)
    return len(pairs)
