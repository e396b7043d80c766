"""Background work for attendance, run through Django's task framework."""

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from assessments.models import AttendanceRisk
from lms.notifications import language_of


@task()
def at_risk_notify(enrolment_ids: list[int]) -> int:
    """Email each coordinator of the cohort about learners who just became at risk. Learners
    already reported (or no longer at risk) are skipped, so running it twice sends nothing twice.
    Returns the number of emails sent."""
    risks = list(
        AttendanceRisk.objects.filter(
            enrolment_id__in=enrolment_ids, at_risk=True, notified_at__isnull=True
        )
        .select_related("enrolment__learner__profile", "enrolment__cohort__course")
        .prefetch_related("enrolment__cohort__coordinators__profile")
    )
    link = settings.SITE_URL + reverse("attendance:at_risk")
    sent = 0
    for risk in risks:
        enrolment = risk.enrolment
        learner = getattr(enrolment.learner, "profile", None)
        learner_name = learner.printed_name if learner else enrolment.learner.get_username()
        for coordinator in enrolment.cohort.coordinators.all():
            if not coordinator.email:
                continue
            with translation.override(language_of(coordinator)):
                params = {
                    "learner": learner_name,
                    "course": enrolment.cohort.course.title,
                    "cohort": enrolment.cohort.name,
                    "best": formats.number_format(risk.best_reachable),
                    "threshold": risk.threshold,
                    "link": link,
                }
                subject = _("%(learner)s is at risk of missing the attendance threshold") % params
                body = (
                    _(
                        "%(learner)s (%(course)s, %(cohort)s) can now reach at most %(best)s%% "
                        "attendance, even attending every remaining session. The course "
                        "requires %(threshold)s%%.\n\nSee the learners at risk: %(link)s"
                    )
                    % params
                )
            send_mail(subject, body, None, [coordinator.email])
            sent += 1
        risk.notified_at = timezone.now()
        risk.save(update_fields=["notified_at"])
    return sent


@task()
def margin_nudges_task(cohort_id: int) -> int:
    """Early nudges of one cohort's learners (assessments.attendance.nudges), queued after a roll
    call, a change of schedule and the daily refresh. Returns how many learners were told."""
    from assessments.attendance.nudges import margin_nudges_send
    from courses.models import Cohort

    cohort = Cohort.objects.filter(pk=cohort_id).first()
    return len(margin_nudges_send(cohort=cohort)) if cohort else 0
