"""Re-evaluate who is at risk of missing the attendance threshold in every running cohort.

Run daily (cron): as days pass, a session held without a record for a learner becomes a missed one,
which a roll-call save alone would not notice."""

import datetime

from django.core.management.base import BaseCommand
from django.utils import timezone

from assessments.attendance import services
from courses.models import Cohort


class Command(BaseCommand):
    help = "Re-evaluate attendance risks in running cohorts and tell coordinators of new ones."

    def handle(self, *args, **options):
        today = timezone.localdate()
        # A cohort that ended a week ago is settled; its roll calls may still be completed late.
        cohorts = Cohort.objects.filter(
            start_date__lte=today, end_date__gte=today - datetime.timedelta(days=7)
        ).select_related("course")
        newly = 0
        for cohort in cohorts:
            newly += len(services.attendance_risks_refresh(cohort=cohort, as_of=today))
        self.stdout.write(f"{cohorts.count()} cohorts checked, {newly} learners newly at risk.")
