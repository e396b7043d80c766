"""Self check-in: a session's check-in windows, the check-ins learners make in them, and each
learner's card for the reverse check-in (the trainer scans it)."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from assessments.models.attendance import AttendanceRecord
from courses.models import Enrolment, Session


class CheckInWindow(models.Model):
    """The time in which learners may check themselves in to one session, opened by its trainer.
    Its rotating code is not stored: it is worked out from the window (checkin_tokens)."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="checkin_windows"
    )
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    closed_early_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("check-in window")
        verbose_name_plural = _("check-in windows")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="checkin_window_closes_after_open"
            ),
        ]

    def __str__(self):
        return f"{self.session_id}: {self.opens_at:%H:%M}-{self.closes_at:%H:%M}"

    @property
    def ends_at(self):
        """When it stops taking check-ins: its end, or when it was closed early."""
        return min(self.closes_at, self.closed_early_at or self.closes_at)


class SelfCheckIn(models.Model):
    """A learner checked themselves in to a session, from one device. It wrote the learner's
    attendance record (`record`) only if there was none: it never overwrites a trainer's entry."""

    window = models.ForeignKey(
        CheckInWindow, verbose_name=_("check-in window"), on_delete=models.PROTECT, related_name="+"
    )
    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="self_checkins"
    )
    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="+"
    )
    device = models.CharField(_("device"), max_length=64)
    record = models.ForeignKey(
        AttendanceRecord,
        verbose_name=_("attendance record"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_in_at = models.DateTimeField(_("checked in at"))

    class Meta:
        verbose_name = _("self check-in")
        verbose_name_plural = _("self check-ins")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="checkin_one_per_learner_and_session"
            ),
            models.UniqueConstraint(
                fields=["session", "device"], name="checkin_one_per_device_and_session"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment_id} at {self.session_id}"


class LearnerCard(models.Model):
    """A learner's printed check-in card: an opaque random token in a QR code, never their name
    or id. Resetting it revokes the old token (kept, with the date) and issues a new one."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="checkin_cards",
    )
    token = models.CharField(_("token"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    class Meta:
        verbose_name = _("check-in card")
        verbose_name_plural = _("check-in cards")
        constraints = [
            models.UniqueConstraint(
                fields=["learner"],
                condition=Q(revoked_at__isnull=True),
                name="checkin_one_live_card_per_learner",
            ),
        ]

    def __str__(self):
        return f"card of {self.learner_id}{' (revoked)' if self.revoked_at else ''}"
