"""Recount every enrolment's attendance tally from its attendance records.

The tallies are kept by the services that write records; run this after writing records any
other way (records restored on their own, a fix in the shell), or to check them: it says how
many were wrong."""

from django.core.management.base import BaseCommand
from django.db import transaction

from assessments.attendance import rules, services
from assessments.models import AttendanceTally
from courses.models import Cohort, Enrolment

NO_RECORD = (0,) * len(rules.STATUSES)


class Command(BaseCommand):
    help = "Recount every enrolment's attendance tally from its attendance records."

    def handle(self, *args, **options):
        checked = wrong = 0
        # One cohort at a time: short transactions, each locking only its own cohort.
        for cohort_id in Cohort.objects.order_by("pk").values_list("pk", flat=True):
            with transaction.atomic():
                # Locked before reading the tallies, so that no roll call changes them between.
                list(Cohort.objects.select_for_update().filter(pk=cohort_id).values_list("pk"))
                before = {
                    pk: tuple(counts)
                    for pk, *counts in AttendanceTally.objects.filter(
                        enrolment__cohort_id=cohort_id
                    ).values_list("enrolment_id", *rules.STATUSES)
                }
                after = services.attendance_tallies_refresh(
                    enrolments=Enrolment.objects.filter(cohort_id=cohort_id)
                )
            checked += len(after)
            wrong += sum(before.get(pk, NO_RECORD) != counts for pk, counts in after.items())
        self.stdout.write(f"{checked} enrolments checked, {wrong} tallies corrected.")
