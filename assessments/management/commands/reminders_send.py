"""Send the reminders of tomorrow's sessions, once the organisation's reminder time has come.

Run it often from cron (every 15 minutes): before the reminder time it does nothing; after it,
each learner gets each reminder once, however often it runs (docs/deployment.md). Failed ones are
tried again, up to three times in all."""

from django.core.management.base import BaseCommand

from assessments.attendance.reminders.services import reminders_plan


class Command(BaseCommand):
    help = "Queue the reminders of tomorrow's sessions (once each), from the reminder time on."

    def handle(self, *args, **options):
        queued = reminders_plan()
        self.stdout.write(f"{len(queued)} reminders queued.")
