"""Attendance: one record per learner and session, its history, and what is kept from it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessments.attendance import rules
from courses.models import Enrolment, Session


class AttendanceStatus(models.TextChoices):
    PRESENT = rules.PRESENT, _("Present")
    LATE = rules.LATE, _("Late")
    EXCUSED = rules.EXCUSED, _("Excused")
    ABSENT = rules.ABSENT, _("Absent")


class AttendanceRecord(models.Model):
    """Whether one learner was at one session. `version` goes up on every change, so a roll call
    saved from an out-of-date page can tell that someone else changed the record meanwhile."""

    session = models.ForeignKey(
        Session,
        verbose_name=_("session"),
        on_delete=models.PROTECT,
        related_name="attendance_records",
    )
    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="attendance_records",
    )
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))
    version = models.PositiveIntegerField(_("version"), default=1)
    # Written by the learner's own check-in and not yet confirmed or changed by staff: "Present
    # (self)" on the roll call (rules.self_check_in_status). Any staff save clears it.
    self_checked_in = models.BooleanField(_("checked in by the learner"), default=False)

    class Meta:
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrolment"], name="attendance_one_record_per_session"
            ),
            models.CheckConstraint(
                condition=Q(status__in=AttendanceStatus.values), name="attendance_status_valid"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="attendance_version_positive"),
        ]

    def __str__(self):
        return f"{self.enrolment_id} at {self.session_id}: {self.status}"


class AttendanceChange(models.Model):
    """The history of a record: every creation and change, never edited or deleted."""

    record = models.ForeignKey(
        AttendanceRecord,
        verbose_name=_("attendance record"),
        on_delete=models.PROTECT,
        related_name="changes",
    )
    old_status = models.CharField(
        _("old status"), max_length=10, choices=AttendanceStatus.choices, blank=True
    )
    new_status = models.CharField(_("new status"), max_length=10, choices=AttendanceStatus.choices)
    old_note = models.CharField(_("old note"), max_length=300, blank=True)
    new_note = models.CharField(_("new note"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")

    def __str__(self):
        return f"{self.record_id}: {self.old_status or '-'} -> {self.new_status}"


class AttendanceRisk(models.Model):
    """Whether an enrolment is at risk of missing the attendance threshold, as last evaluated.

    Kept so that coordinators are told once when the state changes, not on every save."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="attendance_risk",
    )
    at_risk = models.BooleanField(_("at risk"), default=False)
    best_reachable = models.DecimalField(
        _("best reachable rate (%)"), max_digits=5, decimal_places=2, null=True
    )
    threshold = models.PositiveSmallIntegerField(_("threshold (%)"))
    changed_at = models.DateTimeField(_("state since"))
    notified_at = models.DateTimeField(_("coordinators told at"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance risk")
        verbose_name_plural = _("attendance risks")

    def __str__(self):
        return f"{self.enrolment_id}: {'at risk' if self.at_risk else 'on track'}"


class AttendanceTally(models.Model):
    """How many attendance records an enrolment has at its own cohort's sessions, per status.

    Kept by the one service that writes records (`attendance.services.attendance_tallies_refresh`,
    which the roll call calls in its transaction) so that a report over thousands of learners reads
    one row per enrolment instead of every record. It counts records, whatever their session's
    state: which of them count for attendance (the session window, the day measured) is decided when
    reading, from the few records that may not count (see `indicators.selectors`). An enrolment
    without a row has no record. `manage.py attendance_tallies_rebuild` recounts every tally."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="attendance_tally",
    )
    # Shown nowhere (no admin, no form): the statuses' own labels serve as verbose names.
    present = models.PositiveIntegerField(AttendanceStatus.PRESENT.label, default=0)
    late = models.PositiveIntegerField(AttendanceStatus.LATE.label, default=0)
    excused = models.PositiveIntegerField(AttendanceStatus.EXCUSED.label, default=0)
    absent = models.PositiveIntegerField(AttendanceStatus.ABSENT.label, default=0)

    def __str__(self):
        return (
            f"{self.enrolment_id}: {self.present} present, {self.late} late, "
            f"{self.excused} excused, {self.absent} absent"
        )
