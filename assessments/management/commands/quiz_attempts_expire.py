"""Hand in the timed theory test attempts whose deadline has passed, scored as they stood.

An attempt past its deadline is otherwise closed only when someone next opens it; until then the
certify queue and the indicators would not count it. Run it from cron every 5 minutes
(docs/deployment.md); it is idempotent: an attempt is closed once, however often it runs."""

from django.core.management.base import BaseCommand

from assessments.quizzes.services import attempts_expire


class Command(BaseCommand):
    help = "Hand in the theory test attempts whose time limit has run out."

    def handle(self, *args, **options):
        closed = attempts_expire()
        self.stdout.write(f"{closed} theory test attempts handed in at their deadline.")
