"""Practical assessments: checklists of criteria, observed attempts, evidence and reviews."""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from assessments.models.checklist_languages import ChecklistInLanguages, translations_panel
from courses.choosers import CourseChooser
from courses.models import CoursePage, Enrolment
from lms.i18n import translated_field
from lms.storage import private_storage

MSG_CRITERION_IN_USE = _(
    "“%(criterion)s” has been marked in recorded attempts, so it cannot be removed. "
    "Make it optional instead, or create a new practical assessment."
)


class AssessmentTemplateForm(WagtailAdminModelForm):
    """Coordinators choose only among the courses they coordinate; criteria already marked in an
    attempt stay, so that recorded attempts keep their checklist."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is not None and not user.is_superuser and "course" in self.fields:
            self.fields["course"].queryset = CoursePage.objects.filter(
                cohorts__coordinators=user
            ).distinct()

    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("criteria")
        if formset is not None and formset.is_valid():
            for form in formset.deleted_forms:
                criterion = form.instance
                if criterion.pk and CriterionResult.objects.filter(criterion=criterion).exists():
                    self.add_error(
                        None,
                        ValidationError(
                            MSG_CRITERION_IN_USE, params={"criterion": criterion.statement}
                        ),
                    )
        return cleaned_data


class AssessmentTemplate(ChecklistInLanguages, ClusterableModel):
    """A practical assessment of a course: a checklist of criteria an assessor observes."""

    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="assessment_templates",
    )
    name = models.CharField(_("name"), max_length=200)
    assessor_instructions = models.TextField(
        _("instructions for the assessor"),
        blank=True,
        help_text=_("What to set up, what to watch for, how long the task takes."),
    )
    learner_instructions = models.TextField(
        _("instructions for the learner"),
        blank=True,
        help_text=_("What the learner is asked to do, in plain words."),
    )
    min_share_met = models.PositiveSmallIntegerField(
        _("share of all criteria that must be met (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "Every mandatory criterion must always be met. Leave empty if that is enough; "
            "or set a whole percent of all criteria (mandatory and optional) that must be met."
        ),
    )
    required_for_certification = models.BooleanField(
        _("required for the certificate"), default=True
    )

    base_form_class = AssessmentTemplateForm
    panels = [
        FieldRowPanel([FieldPanel("course", widget=CourseChooser), FieldPanel("name")]),
        translations_panel("name", _("Name in other languages")),
        FieldPanel("learner_instructions"),
        translations_panel(
            "learner_instructions", _("Instructions for the learner in other languages")
        ),
        FieldPanel("assessor_instructions"),
        translations_panel(
            "assessor_instructions", _("Instructions for the assessor in other languages")
        ),
        MultiFieldPanel(
            [FieldPanel("min_share_met"), FieldPanel("required_for_certification")],
            heading=_("Pass rule"),
        ),
        InlinePanel("criteria", heading=_("Criteria"), label=_("Criterion"), min_num=1),
    ]

    class Meta:
        ordering = ["course__title", "name"]
        verbose_name = _("practical assessment")
        verbose_name_plural = _("practical assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "name"], name="assessment_template_unique_name_per_course"
            ),
            models.CheckConstraint(
                condition=Q(min_share_met__isnull=True)
                | Q(min_share_met__gte=1, min_share_met__lte=100),
                name="assessment_template_share_percent",
            ),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.name}"


class Criterion(Orderable):
    template = ParentalKey(
        AssessmentTemplate,
        verbose_name=_("practical assessment"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    statement = models.CharField(
        _("statement"),
        max_length=300,
        help_text=_("What the learner does, e.g. 'Washes hands before handling dough'."),
    )
    # The statement and the guidance in the reader's language (as `ChecklistInLanguages`).
    statement_es = models.CharField(_("statement in Spanish"), max_length=300, blank=True)
    statement_it = models.CharField(_("statement in Italian"), max_length=300, blank=True)
    statement_pt = models.CharField(_("statement in Portuguese"), max_length=300, blank=True)
    guidance = models.TextField(
        _("guidance for the assessor"), blank=True, help_text=_("What 'met' looks like.")
    )
    guidance_es = models.TextField(_("guidance for the assessor in Spanish"), blank=True)
    guidance_it = models.TextField(_("guidance for the assessor in Italian"), blank=True)
    guidance_pt = models.TextField(_("guidance for the assessor in Portuguese"), blank=True)
    mandatory = models.BooleanField(_("mandatory"), default=True)

    panels = [
        FieldPanel("statement"),
        translations_panel("statement", _("Statement in other languages")),
        FieldPanel("guidance"),
        translations_panel("guidance", _("Guidance in other languages")),
        FieldPanel("mandatory"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self):
        return self.statement

    def statement_in(self, language: str | None = None) -> str:
        return translated_field(self, "statement", language)

    @property
    def translated_statement(self) -> str:
        """The statement in the active language (the reader's, on a page), else the original."""
        return self.statement_in()

    @property
    def translated_guidance(self) -> str:
        return translated_field(self, "guidance")


class Attempt(models.Model):
    """One observed attempt of a learner at a practical assessment."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting review")
        CONFIRMED = "confirmed", _("Reviewed")
        RETURNED = "returned", _("Returned for correction")

    class Outcome(models.TextChoices):
        PASS = "pass", _("Competent")
        NOT_YET = "not_yet", _("Not yet competent")

    # Statuses in which the assessor may still change the record.
    EDITABLE = (Status.DRAFT, Status.RETURNED)
    # Statuses of an attempt still in progress: a new attempt waits until it is reviewed.
    OPEN = (Status.DRAFT, Status.SUBMITTED, Status.RETURNED)

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.PROTECT, related_name="attempts"
    )
    template = models.ForeignKey(
        AssessmentTemplate,
        verbose_name=_("practical assessment"),
        on_delete=models.PROTECT,
        related_name="attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        related_name="attempts_assessed",
    )
    assessed_on = models.DateField(_("date of the assessment"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    # Computed by assessments.practical.rules from the criteria when the attempt is submitted.
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    feedback = models.TextField(_("feedback for the learner"), blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["enrolment", "template", "number"]
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "template", "number"], name="attempt_unique_number"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="attempt_number_positive"),
            models.CheckConstraint(
                condition=Q(status__in=["draft", "submitted", "confirmed", "returned"]),
                name="attempt_status_valid",
            ),
            # Once submitted an attempt always carries its computed outcome.
            models.CheckConstraint(
                condition=Q(status="draft") | Q(outcome__in=["pass", "not_yet"]),
                name="attempt_outcome_after_submit",
            ),
        ]

    def __str__(self):
        return f"{self.template.name} #{self.number} ({self.enrolment_id})"

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def passed(self) -> bool:
        """Passed and confirmed by a reviewer: the only result that counts."""
        return self.status == self.Status.CONFIRMED and self.outcome == self.Outcome.PASS


class CriterionResult(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="results")
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="results"
    )
    met = models.BooleanField(_("met"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["criterion__sort_order", "criterion_id"]
        verbose_name = _("criterion result")
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "criterion"], name="criterion_result_unique"
            ),
        ]

    def __str__(self):
        return f"{self.criterion_id}: {self.met}"


def evidence_upload_to(instance, filename):
    # A random name: the learner's name or the original file name never reach the disk.
    return f"evidence/{uuid.uuid4().hex}.{instance.extension}"


class Evidence(models.Model):
    """A photo or PDF supporting an attempt, kept in private storage."""

    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="evidence")
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=evidence_upload_to, max_length=200
    )
    original_name = models.CharField(_("original file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=50)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["image/jpeg", "image/png", "application/pdf"]),
                name="evidence_content_type_allowed",
            ),
        ]

    def __str__(self):
        return self.original_name or self.file.name

    @property
    def extension(self) -> str:
        from assessments.practical.rules import EVIDENCE_EXTENSIONS

        return EVIDENCE_EXTENSIONS[self.content_type]

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Review(models.Model):
    """A second person's decision on a submitted attempt. Reviews are never deleted: a
    correction of a confirmed attempt is a new review that returns it, with its reason."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        RETURNED = "returned", _("Returned for correction")

    attempt = models.ForeignKey(Attempt, on_delete=models.PROTECT, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="assessment_reviews",
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    comment = models.TextField(_("comment"), blank=True)
    is_correction = models.BooleanField(
        _("correction of a confirmed attempt"),
        default=False,
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__in=["confirmed", "returned"]), name="review_decision_valid"
            ),
            # Returning an attempt, or correcting a confirmed one, always says why.
            models.CheckConstraint(
                condition=Q(decision="confirmed") | ~Q(comment=""),
                name="review_return_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()} by {self.reviewer_id}"
