"""Tell mentors whose refresher is due, once per validity period.

Run daily (cron). Each notice sent is recorded (mentor and last valid day), so a second run the
same day, or every day after, sends nothing new; a completed refresher gives a new last valid
day, and with it a new notice when that one comes near."""

from django.core.management.base import BaseCommand

from mentors import services


class Command(BaseCommand):
    help = "Email mentors whose refresher is due (each once per validity period)."

    def handle(self, *args, **options):
        sent = services.refresher_notices_send()
        self.stdout.write(f"{sent} mentors told their refresher is due.")
