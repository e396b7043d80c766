"""Sign the credentials of valid certificates issued before credentials existed (once, after
upgrading): `manage.py credentials_backfill`."""

from django.core.management.base import BaseCommand

from certificates.credentials.services import credentials_backfill


class Command(BaseCommand):
    help = "Give every valid certificate without a digital credential its credential."

    def handle(self, *args, **options):
        self.stdout.write(f"Digital credentials made: {credentials_backfill()}")
