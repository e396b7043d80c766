"""Reads for personal data."""

import datetime

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.db.models.functions import Coalesce

from courses.models import Cohort, Enrolment


def people_past_retention(*, today: datetime.date, days: int) -> QuerySet:
    """Accounts inactive for more than `days` before `today`: no active enrolment, no enrolment
    (or cohort they staffed) that ended since, no login since and not already erased.
    Administrators are never included."""
    cutoff = today - datetime.timedelta(days=days)
    recent_enrolments = (
        Enrolment.objects.annotate(ended_on=Coalesce("withdrawn_on", "cohort__end_date"))
        .filter(Q(status=Enrolment.Status.ACTIVE) | Q(ended_on__gte=cutoff))
        .values("learner")
    )
    recent_cohorts = Cohort.objects.filter(end_date__gte=cutoff)
    return (
        get_user_model()
        .objects.filter(is_superuser=False, erasure__isnull=True)
        .filter(Q(last_login__date__lt=cutoff) | Q(last_login__isnull=True))
        .filter(date_joined__date__lt=cutoff)
        .exclude(pk__in=recent_enrolments)
        .exclude(
            pk__in=Cohort.trainers.through.objects.filter(cohort__in=recent_cohorts).values("user")
        )
        .exclude(
            pk__in=Cohort.coordinators.through.objects.filter(cohort__in=recent_cohorts).values(
                "user"
            )
        )
        .order_by("pk")
    )
