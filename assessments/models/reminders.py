"""What the learner's side of attendance keeps: how a person wants to be reminded, each reminder
sent, each margin nudge given, and the secret of their calendar feed."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from courses.models import Enrolment, Session


class ReminderPreference(models.Model):
    """How a person wants to hear of their sessions the day before. No row: by email."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="reminder_preference",
    )
    by_email = models.BooleanField(_("by email"), default=True)
    by_sms = models.BooleanField(_("by text message (SMS)"), default=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reminder preference")
        verbose_name_plural = _("reminder preferences")

    def __str__(self):
        return f"reminders of {self.user_id}"


class ReminderChannel(models.TextChoices):
    EMAIL = "email", _("Email")
    SMS = "sms", _("Text message")


class ReminderStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    SENDING = "sending", _("Being sent")
    SENT = "sent", _("Sent")
    FAILED = "failed", _("Failed")
    RETRY = "retry", _("Waiting to be sent again")
    SKIPPED = "skipped", _("Not sent")


class SessionReminder(models.Model):
    """One reminder of one session to one learner by one channel: at most one, so a job that
    runs twice sends nothing twice (the unique constraint)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.CASCADE, related_name="reminders"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="reminders"
    )
    channel = models.CharField(_("channel"), max_length=10, choices=ReminderChannel.choices)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ReminderStatus.choices,
        default=ReminderStatus.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # What went wrong, in the provider's or mail server's short words (never the message).
    error = models.CharField(_("error"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["session", "enrolment", "channel"]
        verbose_name = _("session reminder")
        verbose_name_plural = _("session reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment", "channel"], name="reminder_once_per_channel"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["email", "sms"]), name="reminder_channel_valid"
            ),
        ]

    def __str__(self):
        return f"{self.channel} reminder of session {self.session_id} to {self.enrolment_id}"


class MarginNudge(models.Model):
    """A learner told how many more sessions they may miss (`level`: 2, 1 or 0): once per level
    and enrolment."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="margin_nudges",
    )
    level = models.PositiveSmallIntegerField(_("sessions that may still be missed"))
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance margin nudge")
        verbose_name_plural = _("attendance margin nudges")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "level"], name="margin_nudge_once"),
        ]

    def __str__(self):
        return f"margin {self.level} for {self.enrolment_id}"


class CalendarFeed(models.Model):
    """A person's calendar feed. The address's secret is derived from `nonce` with the site's
    SECRET_KEY and only its SHA-256 is kept for lookup: resetting draws a new nonce, and the old
    address stops working."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="calendar_feed",
    )
    nonce = models.CharField(max_length=64)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self):
        return f"calendar feed of {self.user_id}"
