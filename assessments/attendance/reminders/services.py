"""Writes for reminders: a learner's choice of channels, the daily plan, each delivery and a
coordinator's "Send again". The job, the task and the pages all come through here."""

import datetime

from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from assessments.attendance.reminders import messages, rules, selectors
from assessments.attendance.reminders.phone import PhoneRefusal, phone_e164
from assessments.attendance.reminders.sms import SmsError, sms_send
from assessments.models import (
    ReminderChannel,
    ReminderPreference,
    ReminderStatus,
    SessionReminder,
)
from courses.models import Enrolment
from courses.services import staff_check
from lms import rules as lms_rules
from lms.i18n import localized_pages
from lms.models import Profile
from lms.notifications import language_of
from lms.services import PERSON_REFUSAL_MESSAGES

MSG_PHONE_UNREADABLE = _(
    "Write the mobile number with digits only, for example 600 123 456 or +34 600 123 456."
)
MSG_PHONE_INVALID = _("This is not a valid phone number. Check the digits and the country code.")
MSG_PHONE_NOT_MOBILE = _("This number cannot receive text messages. Give a mobile number.")
MSG_PHONE_NEEDED = _("To get reminders by text message, give your mobile number.")
MSG_SMS_UNAVAILABLE = _("Text messages are not available here. Choose email.")
MSG_RETRY_NOT_FAILED = _("Only a reminder that failed can be sent again.")
MSG_RETRY_SESSION_PAST = _("This session has already taken place: its reminder is not sent again.")

PHONE_MESSAGES = {
    PhoneRefusal.UNREADABLE: MSG_PHONE_UNREADABLE,
    PhoneRefusal.INVALID: MSG_PHONE_INVALID,
    PhoneRefusal.NOT_MOBILE: MSG_PHONE_NOT_MOBILE,
}


@transaction.atomic
def reminder_preference_update(
    *, user, by, by_email: bool, by_sms: bool, mobile: str
) -> ReminderPreference:
    """A person chooses how they are reminded of their sessions, and the mobile number for text
    messages (kept in E.164 on their profile; an empty one removes it). Nothing changes when any
    of it is refused."""
    refusal = lms_rules.profile_edit_refusal(by_id=by.pk, owner_id=user.pk)
    if refusal is not None:
        raise ValidationError(PERSON_REFUSAL_MESSAGES[refusal])
    mobile = (mobile or "").strip()
    if mobile:
        region = selectors.organisation_settings().phone_region
        normalised = phone_e164(mobile, region=region)
        if isinstance(normalised, PhoneRefusal):
            raise ValidationError({"mobile": PHONE_MESSAGES[normalised]})
        mobile = normalised
    if by_sms and not selectors.sms_available():
        raise ValidationError({"by_sms": MSG_SMS_UNAVAILABLE})
    if by_sms and not mobile:
        raise ValidationError({"mobile": MSG_PHONE_NEEDED})
    preference, _created = ReminderPreference.objects.update_or_create(
        user=user, defaults={"by_email": by_email, "by_sms": by_sms}
    )
    profile = Profile.objects.filter(user=user).first()
    if profile is None:
        Profile.objects.create(user=user, printed_name=user.get_full_name(), mobile=mobile)
    elif profile.mobile != mobile:
        Profile.objects.filter(pk=profile.pk).update(mobile=mobile)
    # The number itself stays out of the audit log: it says that it changed, not what it is.
    log(
        instance=preference,
        action="assessments.reminders.choose",
        user=by,
        data={
            "by_email": by_email,
            "by_sms": by_sms,
            "mobile_changed": profile is None or profile.mobile != mobile,
        },
    )
    return preference


@transaction.atomic
def reminders_plan(*, now: datetime.datetime | None = None) -> list[int]:
    """Plan the reminders of tomorrow's sessions, once the organisation's reminder time has come
    (the job runs often; before that time it does nothing): one row per session, learner and
    channel, created once (the unique constraint), each sent by a task after commit. Failed
    reminders of tomorrow's sessions tried fewer than `rules.AUTOMATIC_ATTEMPTS` times are tried
    again. Returns the ids queued."""
    from assessments.attendance.reminders.tasks import reminder_send

    local = timezone.localtime(now or timezone.now())
    if not rules.reminder_due(
        local_time=local.time(), reminder_time=selectors.organisation_settings().reminder_time
    ):
        return []
    tomorrow = local.date() + datetime.timedelta(days=1)
    SessionReminder.objects.bulk_create(
        [
            SessionReminder(session=session, enrolment=enrolment, channel=channel)
            for session, enrolment, channel in selectors.reminders_due(day=tomorrow)
        ],
        # Rows there already (an earlier run, or another job at once) are left as they are.
        ignore_conflicts=True,
    )
    SessionReminder.objects.filter(
        session__date=tomorrow,
        session__cancelled=False,
        status=ReminderStatus.FAILED,
        attempts__lt=rules.AUTOMATIC_ATTEMPTS,
    ).update(status=ReminderStatus.RETRY)
    # Those waiting: each is claimed before it is sent, so queueing one twice sends it once.
    queued = list(
        SessionReminder.objects.filter(
            session__date=tomorrow, status__in=[ReminderStatus.PENDING, ReminderStatus.RETRY]
        ).values_list("pk", flat=True)
    )
    for pk in queued:
        transaction.on_commit(lambda pk=pk: reminder_send.enqueue(reminder_id=pk), robust=True)
    return queued


def _claim(reminder_id: int) -> bool:
    """Take a reminder waiting to be sent, so that no second worker sends it too."""
    return bool(
        SessionReminder.objects.filter(
            pk=reminder_id, status__in=[ReminderStatus.PENDING, ReminderStatus.RETRY]
        ).update(status=ReminderStatus.SENDING, attempts=F("attempts") + 1)
    )


def reminder_deliver(*, reminder_id: int) -> str:
    """Send one reminder, if it is still waiting: by its channel, in the learner's language.
    Marked sent, failed (with the short reason) or not sent (the session was cancelled or the
    learner withdrew meanwhile, or the address or number is gone). Returns the status."""
    if not _claim(reminder_id):
        return ""
    reminder = SessionReminder.objects.select_related(
        "session__cohort__course", "enrolment__learner__profile"
    ).get(pk=reminder_id)
    session, enrolment = reminder.session, reminder.enrolment
    learner = enrolment.learner
    profile = getattr(learner, "profile", None)
    address = learner.email if reminder.channel == ReminderChannel.EMAIL else ""
    number = getattr(profile, "mobile", "") if reminder.channel == ReminderChannel.SMS else ""
    if session.cancelled or enrolment.status != Enrolment.Status.ACTIVE or not (address or number):
        return _finish(reminder, ReminderStatus.SKIPPED)
    language = language_of(learner)
    text = messages.locked_screen_text(session, language)
    try:
        if number:
            sms_send(to=number, text=text)
        else:
            course = localized_pages([session.cohort.course], language=language)[0]
            body = messages.email_body(
                session=session,
                name=learner.display_name,
                course_title=course.title,
                language=language,
            )
            send_mail(text, body, None, [address])
    except (SmsError, OSError) as error:
        return _finish(reminder, ReminderStatus.FAILED, error=str(error) or type(error).__name__)
    except Exception as error:
        # Anything else (a provider left unconfigured, a bug): marked failed rather than left
        # "being sent" for ever, so it can be tried again, and raised for the worker's log.
        _finish(reminder, ReminderStatus.FAILED, error=type(error).__name__)
        raise
    return _finish(reminder, ReminderStatus.SENT)


def _finish(reminder: SessionReminder, status: str, *, error: str = "") -> str:
    sent_at = timezone.now() if status == ReminderStatus.SENT else None
    SessionReminder.objects.filter(pk=reminder.pk).update(
        status=status, error=error[:200], sent_at=sent_at
    )
    return status


@transaction.atomic
def reminder_retry(*, reminder: SessionReminder, by) -> SessionReminder:
    """A coordinator of the cohort sends a failed reminder again (after commit, by the task),
    before its session. Not for their own reminders."""
    from assessments.attendance.reminders.tasks import reminder_send

    # Outside the coordinator's cohorts: SessionReminder.DoesNotExist, as if it did not exist.
    reminder = (
        selectors.reminders_scoped(user=by)
        .select_for_update()
        .select_related("session", "enrolment")
        .get(pk=reminder.pk)
    )
    staff_check(actor=by, enrolment=reminder.enrolment)
    if reminder.status != ReminderStatus.FAILED:
        raise ValidationError(MSG_RETRY_NOT_FAILED)
    if reminder.session.date < timezone.localdate():
        raise ValidationError(MSG_RETRY_SESSION_PAST)
    reminder.status = ReminderStatus.RETRY
    reminder.save(update_fields=["status"])
    log(
        instance=reminder,
        action="assessments.reminders.retry",
        user=by,
        data={"channel": reminder.channel, "attempts": reminder.attempts},
    )
    transaction.on_commit(lambda: reminder_send.enqueue(reminder_id=reminder.pk), robust=True)
    return reminder
