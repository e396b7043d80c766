"""Build the demo site: `manage.py seed_demo` (idempotent). `make run` calls it with --if-empty."""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from demo import core, people
from lms.models import Notification

# Later steps, run in this order after the core demo. Each module has
# `seed(*, today, stdout) -> None`, is idempotent, and finds the core demo's objects by name.
EXTRA_STEPS: tuple[str, ...] = (
    "demo.translations",
    "demo.attendance",
    "demo.practical",
    "demo.quizzes",
    "demo.certificates",
    "demo.mentors",
    "demo.indicators",
    "demo.mentoring",
    "demo.reminders",
)

MSG_REFUSED = (
    "seed_demo creates accounts with a published password, so it refuses to run when DEBUG is "
    "off. Use --force if this really is a demo or test server."
)
MSG_ALREADY_THERE = "Demo data (or other course data) is already there: nothing to do."
DEMO_URL = "http://127.0.0.1:8000/"
QUIET_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


class Command(BaseCommand):
    help = (
        "Create the demo site: pages, four courses with lessons, a partner workshop, regions, "
        "cohorts, about 40 learners with progress, staff, and the demo logins. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Run even when settings.DEBUG is off."
        )
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing if the database already has courses or the demo logins.",
        )

    def handle(self, *args, force: bool = False, if_empty: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(MSG_REFUSED)
        if if_empty and core.demo_data_exists():
            self.stdout.write(MSG_ALREADY_THERE)
            return
        today = timezone.localdate()
        # The demo's history makes learners at risk and issues certificates, and each of those
        # sends an email (some after the commit). They are not news to anyone, and on the console
        # backend of `make run` they would bury the logins, so while seeding they go nowhere.
        started = timezone.now()
        with override_settings(EMAIL_BACKEND=QUIET_EMAIL_BACKEND), transaction.atomic():
            core.seed(today=today, stdout=self.stdout)
            for name in EXTRA_STEPS:
                importlib.import_module(name).seed(today=today, stdout=self.stdout)
            # Nor are they in anyone's notifications: the history is built step by step, and a
            # learner would read that they were at risk on the way to where they stand now.
            Notification.objects.filter(created_at__gte=started).delete()
        self._print_logins()

    def _print_logins(self) -> None:
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        self.stdout.write(f"Open {DEMO_URL} (the admin is at {DEMO_URL}admin/) and log in as:")
        for username in people.DEMO_LOGINS:
            self.stdout.write(f"  {username:<12} password: {people.DEMO_PASSWORD}")
