"""Tell coordinators about mentoring that needs them: mentees with no logged contact in N weeks,
mentors lapsed or over capacity with mentees assigned, meetings flagged for their attention.

Run daily (cron) or enqueue `mentors.tasks.mentoring_alerts_task`. Each condition is recorded
once (a unique key), so running it again the same day, or every day after, tells nobody twice."""

from django.core.management.base import BaseCommand

from mentors import practice_services


class Command(BaseCommand):
    help = "Tell coordinators about mentoring that needs them (each condition once)."

    def handle(self, *args, **options):
        found = practice_services.alerts_send()
        self.stdout.write(f"{found} new mentoring alerts sent to coordinators.")
