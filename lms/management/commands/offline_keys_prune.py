from django.core.management.base import BaseCommand
from django.utils import timezone

from lms.offline.rules import REPLAY_KEY_KEEP_DAYS
from lms.offline.services import replayed_writes_prune


class Command(BaseCommand):
    help = (
        "Let go of the keys of writes sent later by phones (docs/offline.md) once they are "
        f"older than {REPLAY_KEY_KEEP_DAYS} days. Run daily; running it twice does nothing more."
    )

    def handle(self, *args, **options):
        deleted = replayed_writes_prune(now=timezone.now())
        self.stdout.write(
            f"Let go of {deleted} keys of writes sent more than {REPLAY_KEY_KEEP_DAYS} days ago."
        )
