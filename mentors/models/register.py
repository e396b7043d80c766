"""Mentors: volunteering for mentor training, mentor capacity, assignments, refresher notices.

Who is a mentor is not stored: it follows from certificates in mentor-training courses (see
`rules.py`), so revoking a certificate or completing a refresher changes the register at once.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

DEFAULT_MAX_MENTEES = 3


class VolunteerRequest(models.Model):
    """A learner's offer to train as a mentor, and the coordinator's answer."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for an answer")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="volunteer_requests",
    )
    motivation = models.TextField(_("why you want to be a mentor"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason"), max_length=500, blank=True)
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("mentor-training enrolment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("volunteer request")
        verbose_name_plural = _("volunteer requests")
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status="pending"),
                name="volunteer_one_pending_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="declined") | ~Q(decline_reason=""),
                name="volunteer_declined_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="volunteer_decided_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_status_display()})"


class MentorProfile(models.Model):
    """What coordinators set about a mentor: how many mentees they may take at once."""

    mentor = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_profile",
    )
    max_mentees = models.PositiveSmallIntegerField(
        _("maximum mentees"), default=DEFAULT_MAX_MENTEES
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("mentor profile")
        constraints = [
            models.CheckConstraint(
                condition=Q(max_mentees__gte=0, max_mentees__lte=50),
                name="mentor_max_mentees_0_to_50",
            ),
        ]

    def __str__(self):
        return f"{self.mentor}: {self.max_mentees}"


class Assignment(models.Model):
    """A trainee (through one enrolment) paired with a mentor. Ending it keeps the record."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="mentee_assignments",
    )
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentee"),
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
    )
    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="mentor_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-pk"]
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["mentee"],
                condition=Q(ended_on__isnull=True),
                name="assignment_one_active_per_mentee",
            ),
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")), name="assignment_not_own_mentor"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="assignment_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.mentee} -> {self.mentor}"


class RefresherNotice(models.Model):
    """That a mentor was told their refresher is due before a given last valid day. One per
    mentor and last valid day, so the daily command tells each mentor once per validity."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="refresher_notices",
    )
    valid_until = models.DateField(_("valid until"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("refresher notice")
        constraints = [
            models.UniqueConstraint(
                fields=["mentor", "valid_until"], name="refresher_notice_once_per_validity"
            ),
        ]

    def __str__(self):
        return f"{self.mentor}: {self.valid_until}"
