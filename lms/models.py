import datetime

import phonenumbers
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from lms.i18n import (
    NAME_LANGUAGES,
    translated_name,
)


class User(AbstractUser):
    """The account. What the programme knows about the person lives on `Profile`."""

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        profile = getattr(self, "profile", None)
        if profile is not None and profile.printed_name:
            return profile.printed_name
        return self.get_full_name() or self.username


NAME_TRANSLATION_HELP = _("Leave empty to show the original name.")


class NamedInLanguages(models.Model):
    """A short name (a trade, a region) that readers see in their own language.

    `name` is the original, in the default language: unique, what staff listings sort by and
    what a translation falls back to. One row per thing whatever the language, so foreign keys,
    filters and groupings stay as they are; only the words shown change (`name_in`, and `str()`
    in the active language, which templates use)."""

    name_es = models.CharField(
        _("name in Spanish"), max_length=100, blank=True, help_text=NAME_TRANSLATION_HELP
    )
    name_it = models.CharField(
        _("name in Italian"), max_length=100, blank=True, help_text=NAME_TRANSLATION_HELP
    )
    name_pt = models.CharField(
        _("name in Portuguese"), max_length=100, blank=True, help_text=NAME_TRANSLATION_HELP
    )

    class Meta:
        abstract = True

    def __str__(self):
        return self.name_in()

    def name_in(self, language: str | None = None) -> str:
        """The name in `language` (the active one by default), else the original."""
        return translated_name(self, language)

    @staticmethod
    def name_panels(*, original_permission: str) -> list:
        """The name and its translations. Coordinators may give the translations; only those
        with `original_permission` (administrators) change the original name."""
        return [
            FieldPanel("name", permission=original_permission),
            MultiFieldPanel(
                [FieldPanel(f"name_{code}") for code in NAME_LANGUAGES],
                heading=_("Name in other languages"),
            ),
        ]


class Region(NamedInLanguages):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=20, unique=True)

    panels = [
        *NamedInLanguages.name_panels(original_permission="lms.add_region"),
        FieldPanel("code", permission="lms.add_region"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")


def validate_phone_region(value: str) -> None:
    """A country that phone numbers can be read for ("ES", "IT", "PT", "GB" ...)."""
    if value not in phonenumbers.SUPPORTED_REGIONS:
        raise ValidationError(
            _("Enter a two-letter country code, such as ES, IT, PT or GB."), code="region"
        )


def validate_birth_year_not_in_future(value: int) -> None:
    """Nobody was born after this year (the indicators would count them in the youngest band)."""
    this_year = timezone.localdate().year
    if value is not None and value > this_year:
        raise ValidationError(
            _("Enter a year no later than %(year)s."), code="future", params={"year": this_year}
        )


class Profile(models.Model):
    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        SELF_DESCRIBED = "self_described", _("I describe myself another way")
        NOT_SAID = "not_said", _("I prefer not to say")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("account"),
    )
    printed_name = models.CharField(
        _("name as printed on certificates"),
        max_length=200,
        help_text=_("Exactly as it should appear on certificates, with accents."),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default="en",
    )
    region = models.ForeignKey(
        Region,
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
    )
    gender = models.CharField(
        _("gender (optional)"),
        max_length=20,
        choices=Gender.choices,
        blank=True,
        help_text=_("Optional. Used only for anonymous equality statistics."),
    )
    gender_self_description = models.CharField(
        _("gender in your own words (optional)"), max_length=100, blank=True
    )
    birth_year = models.PositiveSmallIntegerField(
        _("birth year (optional)"),
        null=True,
        blank=True,
        validators=[
            MinValueValidator(1900),
            MaxValueValidator(2100),
            validate_birth_year_not_in_future,
        ],
        help_text=_("Optional. Used only for anonymous equality statistics by age band."),
    )
    phone = models.CharField(_("phone (optional)"), max_length=40, blank=True)
    # Where text-message reminders go: checked with `phonenumbers` and kept in E.164
    # ("+34600123456"); only the person sets it, from the reminders section of "My profile".
    mobile = models.CharField(_("mobile for text messages"), max_length=20, blank=True)

    # Gender and birth year exist for the anonymous equality indicators: in the admin only
    # administrators (who alone may add people) see or change them per person, never a
    # coordinator. Without the permission the fields are left out of the form, so a crafted
    # POST cannot change them either.
    EQUALITY_FIELDS = ("gender", "gender_self_description", "birth_year")
    EQUALITY_PERMISSION = "lms.add_profile"

    panels = [
        FieldPanel("printed_name"),
        FieldPanel("preferred_language"),
        FieldPanel("region"),
        FieldPanel("phone"),
        FieldPanel("gender", permission=EQUALITY_PERMISSION),
        FieldPanel("gender_self_description", permission=EQUALITY_PERMISSION),
        FieldPanel("birth_year", permission=EQUALITY_PERMISSION),
    ]

    class Meta:
        ordering = ["printed_name"]
        verbose_name = _("person")
        verbose_name_plural = _("people")
        constraints = [
            models.CheckConstraint(
                condition=Q(birth_year__isnull=True)
                | Q(birth_year__gte=1900, birth_year__lte=2100),
                name="profile_birth_year_plausible",
            ),
        ]

    def __str__(self):
        return self.printed_name or self.user.username


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Branding that appears on the site and, later, on certificates."""

    organisation_name = models.CharField(
        _("organisation name"), max_length=200, default="Training Centre"
    )
    reminder_time = models.TimeField(
        _("time of session reminders"),
        default=datetime.time(17, 0),
        help_text=_("Learners are reminded of a session the day before, from this time."),
    )
    phone_region = models.CharField(
        _("country of phone numbers"),
        max_length=2,
        default="GB",
        validators=[validate_phone_region],
        help_text=_(
            "Two letters (ES, IT, PT, GB ...): the country of a phone number written without "
            "its +country code."
        ),
    )

    theme_colour = models.CharField(
        _("colour"),
        max_length=7,
        default="#1f5f8b",
        validators=[
            RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Write the colour as # and six hex digits."))
        ],
        help_text=_("The colour of the app on a phone's home screen and title bar (#1f5f8b)."),
    )

    panels = [
        FieldPanel("organisation_name"),
        FieldPanel("theme_colour"),
        FieldPanel("reminder_time"),
        FieldPanel("phone_region"),
    ]

    class Meta:
        verbose_name = _("organisation")


class Notification(models.Model):
    """Something a person is told (a practical result, a certificate, attendance at risk): by
    email and in their list of notifications. It keeps the kind and its parameters, not the
    words, so that the list reads in the reader's current language (lms/notifications.py)."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=50)
    params = models.JSONField(_("details"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("emailed at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_recipient_read")
        ]

    def __str__(self):
        return f"{self.kind} for {self.recipient_id}"


class ReplayedWrite(models.Model):
    """A write made on a phone without a signal and sent later (lms/offline): its key, made by
    the phone, is kept so that the same write sent twice has one effect, and the second sending
    is told what the first one was told."""

    class Outcome(models.TextChoices):
        DONE = "done", _("done")
        REFUSED = "refused", _("refused")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="replayed_writes",
    )
    key = models.UUIDField(_("key"))
    action = models.CharField(_("action"), max_length=60)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("write sent later")
        verbose_name_plural = _("writes sent later")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="replayed_write_key_once"),
        ]

    def __str__(self):
        return f"{self.action} {self.key}"
