"""Certificates: the completion decision, issue, PDF, verification and revocation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from certificates import countries
from lms.storage import private_storage


@register_setting(icon="doc-full")
class CertificateSettings(BaseSiteSetting):
    """What every certificate carries about who awards it, and who signs it."""

    awarding_body = models.CharField(_("awarding body"), max_length=200, default="Training Centre")
    # A code, so that each certificate names the country in its own language (countries.py).
    country = models.CharField(
        _("country"), max_length=2, blank=True, choices=countries.country_choices
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    quality_assurance = models.TextField(
        _("quality assurance statement"),
        blank=True,
        help_text=_("How the training and its assessment are quality assured, and by whom."),
    )
    quality_assurance_es = models.TextField(_("quality assurance statement in Spanish"), blank=True)
    quality_assurance_it = models.TextField(_("quality assurance statement in Italian"), blank=True)
    quality_assurance_pt = models.TextField(
        _("quality assurance statement in Portuguese"), blank=True
    )
    signatory_name = models.CharField(_("signatory name"), max_length=200, blank=True)
    signatory_title = models.CharField(_("signatory title"), max_length=200, blank=True)
    # The title is printed in the certificate's language; the name is the person's and stays.
    signatory_title_es = models.CharField(
        _("signatory title in Spanish"), max_length=200, blank=True
    )
    signatory_title_it = models.CharField(
        _("signatory title in Italian"), max_length=200, blank=True
    )
    signatory_title_pt = models.CharField(
        _("signatory title in Portuguese"), max_length=200, blank=True
    )
    signature = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("awarding_body"), FieldPanel("country"), FieldPanel("logo")],
            heading=_("Awarding body"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("quality_assurance"),
                FieldPanel("quality_assurance_es"),
                FieldPanel("quality_assurance_it"),
                FieldPanel("quality_assurance_pt"),
            ],
            heading=_("Quality assurance"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("signatory_name"),
                FieldPanel("signatory_title"),
                FieldPanel("signatory_title_es"),
                FieldPanel("signatory_title_it"),
                FieldPanel("signatory_title_pt"),
                FieldPanel("signature"),
            ],
            heading=_("Signatory"),
        ),
    ]

    class Meta:
        verbose_name = _("certificates")

    def in_language(self, field: str, language: str) -> str:
        """A field printed in the certificate's language (the signatory's title, the quality
        assurance statement) as given for `language`, else as entered in the default one."""
        return getattr(self, f"{field}_{language}", "") or getattr(self, field)

    def clean(self):
        # Only images no coordinator can replace may be printed on a certificate.
        from certificates.branding import MSG_NOT_BRANDING, in_branding_collection

        errors = {
            name: MSG_NOT_BRANDING
            for name in ("logo", "signature")
            if getattr(self, name) is not None and not in_branding_collection(getattr(self, name))
        }
        if errors:
            raise ValidationError(errors)


class SerialCounter(models.Model):
    """The last serial number given in a year. Its row is locked while a number is taken."""

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    last = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("serial counter")

    def __str__(self):
        return f"{self.year}: {self.last}"


class CertificateBatch(models.Model):
    """One 'certify' action: the certificates it issued, whose PDFs render in the background."""

    cohort = models.ForeignKey(
        "courses.Cohort",
        verbose_name=_("cohort"),
        on_delete=models.PROTECT,
        related_name="certificate_batches",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("certified by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("certification batch")
        verbose_name_plural = _("certification batches")

    def __str__(self):
        return f"{self.cohort_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")
        SUPERSEDED = "superseded", _("Superseded")

    class Render(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        RENDERED = "rendered", _("Ready")
        FAILED = "failed", _("Failed")

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    serial = models.CharField(_("serial number"), max_length=20, unique=True)
    verification_code = models.CharField(_("verification code"), max_length=64, unique=True)
    snapshot = models.JSONField(
        _("what was certified"),
        help_text=_("The name, course and EU micro-credential fields as printed, frozen at issue."),
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("issued at"))
    language = models.CharField(
        _("language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The certificate, its PDF and its course details are in this language."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.VALID
    )
    status_reason = models.CharField(_("reason"), max_length=300, blank=True)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("status changed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    status_changed_at = models.DateTimeField(_("status changed at"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    batch = models.ForeignKey(
        CertificateBatch,
        verbose_name=_("batch"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="certificates",
    )
    pdf = models.FileField(
        _("PDF"), storage=private_storage, upload_to="certificates/%Y/", blank=True
    )
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True, db_index=True)
    render_status = models.CharField(
        _("PDF"), max_length=20, choices=Render.choices, default=Render.PENDING
    )
    render_error = models.TextField(_("rendering error"), blank=True)
    rendered_at = models.DateTimeField(_("rendered at"), null=True, blank=True)
    branding = models.JSONField(
        _("branding images used"),
        default=dict,
        blank=True,
        help_text=_("The logo and signature images the PDF embedded: id, file and SHA-256."),
    )

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        constraints = [
            # One current certificate per enrolment: certifying twice, even at the same moment,
            # cannot create a second one. A re-issue first marks the old one superseded.
            models.UniqueConstraint(
                fields=["enrolment"],
                condition=~Q(status="superseded"),
                name="certificate_one_current_per_enrolment",
            ),
            models.CheckConstraint(
                condition=Q(status="valid")
                | (Q(status_changed_at__isnull=False) & ~Q(status_reason="")),
                name="certificate_status_change_has_reason_and_date",
            ),
            models.CheckConstraint(
                condition=~Q(render_status="rendered") | ~Q(sha256=""),
                name="certificate_rendered_has_sha256",
            ),
        ]

    def __str__(self):
        return self.serial

    @property
    def printed_name(self) -> str:
        return self.snapshot.get("printed_name", "")

    @property
    def course_title(self) -> str:
        return self.snapshot.get("course_title", "")


class LearningRecord(models.Model):
    """One learning record as its holder downloaded it: what it listed, frozen, and the code
    printed on it, so that an employer can confirm at /verify/ that it came from us."""

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.CASCADE,
        related_name="learning_records",
    )
    verification_code = models.CharField(_("verification code"), max_length=64, unique=True)
    issued_at = models.DateTimeField(_("issued at"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    snapshot = models.JSONField(
        _("what the record listed"),
        help_text=_("The name and every course as printed, frozen when it was downloaded."),
    )
    # The SHA-256 of the PDF as downloaded: /verify/ recognises an unaltered copy dropped on it,
    # as it does a certificate's. Blank for records downloaded before it was kept.
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True, db_index=True)

    class Meta:
        ordering = ["-issued_at"]
        verbose_name = _("learning record")
        verbose_name_plural = _("learning records")

    def __str__(self):
        return f"{self.learner_id} @ {self.issued_at:%Y-%m-%d %H:%M}"


# The Open Badges credential of each certificate (certificates/credentials/).
from certificates.credentials.models import Credential, StatusIndexCounter  # noqa: E402

__all__ = [
    "Certificate",
    "CertificateBatch",
    "CertificateSettings",
    "Credential",
    "LearningRecord",
    "SerialCounter",
    "StatusIndexCounter",
]
