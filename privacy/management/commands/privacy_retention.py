from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from privacy.services import retention_apply


class Command(BaseCommand):
    help = (
        "Erase the personal data of people inactive for longer than RETENTION_INACTIVE_DAYS. "
        "Lists them only, unless --apply is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Erase them (default: list).")

    def handle(self, *args, apply=False, **options):
        days = settings.RETENTION_INACTIVE_DAYS
        users = retention_apply(today=timezone.localdate(), days=days, apply=apply)
        verb = "Erased" if apply else "Would erase"
        for user in users:
            # Account numbers only: the names are what is being removed.
            self.stdout.write(f"{verb} account #{user.pk}")
        self.stdout.write(f"{verb} {len(users)} people inactive for more than {days} days.")
        if not apply and users:
            self.stdout.write("Run again with --apply to erase them.")
