"""Receivers only hand over to services: no rules here."""

from assessments.attendance import services


def schedule_changed(sender, *, cohort, **kwargs):
    # An added or cancelled session changes the best rate a learner can still reach.
    services.attendance_risks_refresh(cohort=cohort)
