"""Mentoring in practice: what a mentee shares with their mentor, the log of their meetings,
supervision of mentors, and the alerts coordinators are sent about mentoring that has stalled.
The rules live in mentors/rules.py; writes go through mentors/practice_services.py."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

DEFAULT_NO_CONTACT_WEEKS = 3


@register_setting(icon="group")
class MentoringSettings(BaseGenericSetting):
    """The organisation's mentoring settings (Settings > Mentoring in the admin)."""

    no_contact_weeks = models.PositiveSmallIntegerField(
        _("weeks without contact before coordinators are told"),
        default=DEFAULT_NO_CONTACT_WEEKS,
        help_text=_("From 1 to 26 weeks. Coordinators are told once per mentee each time."),
    )

    panels = [FieldPanel("no_contact_weeks")]

    class Meta:
        verbose_name = _("mentoring")
        constraints = [
            models.CheckConstraint(
                condition=Q(no_contact_weeks__gte=1, no_contact_weeks__lte=26),
                name="mentoring_no_contact_weeks_1_to_26",
            ),
        ]


class SharingConsent(models.Model):
    """What a mentee lets their mentor see besides their name. No row means the defaults:
    the next session only."""

    mentee = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentee"),
        on_delete=models.CASCADE,
        related_name="mentoring_consent",
    )
    course_progress = models.BooleanField(_("my course and progress"), default=False)
    attendance = models.BooleanField(_("my attendance and whether I am at risk"), default=False)
    next_session = models.BooleanField(_("my next session"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("consent to share with a mentor")

    def __str__(self):
        return str(self.mentee)


class MeetingKind(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    VIDEO = "video", _("Video call")
    MESSAGE = "message", _("Messages")


class Topic(models.TextChoices):
    TRAINING = "training", _("Training")
    WORK = "work", _("Work and job search")
    HOUSING = "housing", _("Housing")
    HEALTH = "health", _("Health and wellbeing")
    FAMILY = "family", _("Family and friends")
    MONEY = "money", _("Money and paperwork")
    OTHER = "other", _("Other")


MEETING_KINDS = MeetingKind
TOPICS = Topic


class Meeting(models.Model):
    """One contact between a mentor and a mentee, logged by the mentor."""

    assignment = models.ForeignKey(
        "mentors.Assignment",
        verbose_name=_("mentoring"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("logged by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    met_on = models.DateField(_("date"))
    kind = models.CharField(
        _("how"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.IN_PERSON
    )
    minutes = models.PositiveSmallIntegerField(_("how long (minutes)"), default=30)
    topics = models.JSONField(_("topics"), default=list, blank=True)
    next_step = models.CharField(_("next step"), max_length=300, blank=True)
    private_note = models.TextField(_("private note"), max_length=2000, blank=True)
    needs_attention = models.BooleanField(_("needs coordinator attention"), default=False)
    # A coordinator's answer to the flag: once dealt with, the entry leaves the alerts.
    dealt_with_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)
    dealt_with_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dealt with by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dealt_with_note = models.CharField(_("what was done"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("logged at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        ordering = ["-met_on", "-pk"]
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(minutes__gte=1, minutes__lte=600), name="meeting_minutes_1_to_600"
            ),
            models.CheckConstraint(
                condition=Q(dealt_with_at__isnull=True, dealt_with_by__isnull=True)
                | Q(dealt_with_at__isnull=False, dealt_with_by__isnull=False),
                name="meeting_dealt_with_by_whom",
            ),
            models.CheckConstraint(
                condition=Q(dealt_with_at__isnull=False) | Q(dealt_with_note=""),
                name="meeting_dealt_with_note_only_when_dealt_with",
            ),
        ]
        indexes = [models.Index(fields=["assignment", "met_on"], name="meeting_by_assignment")]

    def __str__(self):
        return f"{self.assignment}: {self.met_on}"


class Supervision(models.Model):
    """A supervision conversation between a coordinator and a mentor."""

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.PROTECT,
        related_name="supervisions",
    )
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisor"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    held_on = models.DateField(_("date"))
    notes = models.TextField(_("notes"), max_length=4000)
    follow_up = models.CharField(
        pgettext_lazy("after a supervision talk", "follow-up"), max_length=500, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=models.F("supervisor")), name="supervision_not_own"
            ),
        ]

    def __str__(self):
        return f"{self.mentor}: {self.held_on}"


class MentoringAlert(models.Model):
    """That coordinators were told about one condition (a mentee without contact since a day,
    a mentor lapsed or over capacity, a flagged meeting). The key names the condition, so the
    daily task tells them once per condition however often it runs."""

    class Kind(models.TextChoices):
        NO_CONTACT = "no_contact", _("No contact")
        LAPSED = "lapsed", _("Mentor lapsed")
        OVER_CAPACITY = "over_capacity", _("Mentor over capacity")
        FLAGGED = "flagged", _("Needs attention")

    key = models.CharField(max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    mentor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    mentee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentoring alert")

    def __str__(self):
        return self.key
