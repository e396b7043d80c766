"""Early nudges: a learner who can still reach the attendance threshold, but with little margin,
is told how many more sessions they may miss, when that falls to 2, then 1, then 0 (each once per
enrolment: `MarginNudge`). The margin is the attendance rules' (`rules.margin_nudge`, reading the
summary's `can_miss`); a learner who can no longer reach the threshold gets the at-risk warning
instead (services.attendance_risks_refresh), which names their coordinator."""

import datetime

from django.db import transaction

from assessments import notifications
from assessments.attendance import rules, selectors
from assessments.models import MarginNudge
from courses.models import Cohort, Enrolment
from lms.notifications import page_titles
from lms.services import notifications_send


@transaction.atomic
def margin_nudges_send(*, cohort: Cohort, as_of: datetime.date | None = None) -> list[int]:
    """Tell each learner of the cohort whose margin reached a level they were not told of yet,
    through their notifications and by email (after commit), in their language. Returns the
    enrolment ids told. Running it twice tells nobody twice (the unique constraint; the cohort's
    row locked, so two runs at once take turns)."""
    cohort = Cohort.objects.select_for_update().select_related("course").get(pk=cohort.pk)
    summaries = selectors.attendance_summaries(cohort=cohort, as_of=as_of)
    levels = {
        pk: level
        for pk, summary in summaries.items()
        if (level := rules.margin_nudge(summary)) is not None
    }
    if not levels:
        return []
    told = set(
        MarginNudge.objects.filter(enrolment_id__in=levels).values_list("enrolment_id", "level")
    )
    due = {pk: level for pk, level in levels.items() if (pk, level) not in told}
    if not due:
        return []
    MarginNudge.objects.bulk_create(
        [MarginNudge(enrolment_id=pk, level=level) for pk, level in due.items()]
    )
    users = {
        e.pk: e.learner
        for e in Enrolment.objects.filter(pk__in=due).select_related("learner__profile")
    }
    notifications_send(
        kind=notifications.ATTENDANCE_MARGIN,
        sent=[
            (
                users[pk],
                {
                    "course": cohort.course.title,
                    **page_titles(course=cohort.course),
                    "enrolment_id": pk,
                    "can_miss": level,
                    "remaining": summaries[pk].remaining,
                    "threshold": summaries[pk].threshold,
                },
            )
            for pk, level in sorted(due.items())
        ],
    )
    return sorted(due)
