"""Reads for reminders: what is due, what each learner chose, and the statuses coordinators see."""

import datetime

from django.conf import settings
from django.db.models import QuerySet
from wagtail.models import Site

from assessments.attendance import window
from assessments.attendance.reminders import rules
from assessments.models import ReminderPreference, SessionReminder
from courses.models import Enrolment, Session
from courses.selectors import cohorts_coordinated_by
from lms.models import OrganisationSettings

# How far back the coordinators' page looks: last week's reminders and tomorrow's.
STATUS_DAYS_BACK = 7


def organisation_settings() -> OrganisationSettings:
    """The default site's organisation settings (their defaults where none are saved): the
    reminder time and the country of phone numbers are the organisation's, whatever the site."""
    site = Site.objects.filter(is_default_site=True).first()
    found = OrganisationSettings.objects.filter(site=site).first() if site else None
    return found or OrganisationSettings()


def sms_available() -> bool:
    return bool(settings.SMS_BACKEND)


def reminder_choice(*, user) -> rules.Choice:
    preference = ReminderPreference.objects.filter(user=user).first()
    if preference is None:
        return rules.Choice()
    return rules.Choice(by_email=preference.by_email, by_sms=preference.by_sms)


def reminders_due(*, day: datetime.date) -> list[tuple[Session, Enrolment, str]]:
    """The reminders of the sessions on `day`: (session, enrolment, channel) for every session
    not cancelled and every active learner of its cohort whom it counts for (the attendance
    window), by each channel they chose that reaches them. Two queries, whatever the numbers."""
    sessions = list(
        Session.objects.filter(date=day, cancelled=False).select_related("cohort__course")
    )
    enrolments = (
        Enrolment.objects.filter(
            cohort__in={s.cohort_id for s in sessions}, status=Enrolment.Status.ACTIVE
        )
        .select_related("learner__profile", "learner__reminder_preference")
        .order_by("pk")
    )
    by_cohort: dict[int, list[Enrolment]] = {}
    for enrolment in enrolments:
        by_cohort.setdefault(enrolment.cohort_id, []).append(enrolment)
    available = sms_available()
    due = []
    for session in sessions:
        for enrolment in by_cohort.get(session.cohort_id, []):
            if not window.counts_for(session, enrolment):
                continue
            learner = enrolment.learner
            preference = getattr(learner, "reminder_preference", None)
            choice = (
                rules.Choice(preference.by_email, preference.by_sms)
                if preference
                else rules.Choice()
            )
            profile = getattr(learner, "profile", None)
            for channel in rules.reminder_channels(
                choice,
                email=learner.email,
                mobile=getattr(profile, "mobile", ""),
                sms_available=available,
            ):
                due.append((session, enrolment, channel))
    return due


def reminders_for_coordinator(*, user, today: datetime.date) -> QuerySet[SessionReminder]:
    """Reminders of the cohorts the user coordinates, for sessions from a week ago to tomorrow,
    newest session first; failed ones first within a session."""
    return (
        SessionReminder.objects.filter(
            enrolment__cohort__in=cohorts_coordinated_by(user).values("pk"),
            session__date__gte=today - datetime.timedelta(days=STATUS_DAYS_BACK),
            session__date__lte=today + datetime.timedelta(days=1),
        )
        .select_related("session__cohort__course", "enrolment__learner__profile")
        .order_by(
            "-session__date",
            "-session__start_time",
            "session_id",
            "status",
            "enrolment__learner__profile__printed_name",
            "channel",
        )
    )


def reminders_scoped(*, user) -> QuerySet[SessionReminder]:
    """Any reminder of a cohort the user coordinates (for "Send again")."""
    return SessionReminder.objects.filter(
        enrolment__cohort__in=cohorts_coordinated_by(user).values("pk")
    )
