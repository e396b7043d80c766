from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from courses.blocks import LessonBodyBlock
from courses.course_rules import COURSE_CONTENT_PANELS, CoursePageForm

# The site's root page, kept in a module of its own; a model of this app all the same.
from courses.home import HomePage  # noqa: F401
from courses.session_topics import TopicInLanguages
from lms.i18n import FallbackRoutingMixin, localized_pages, original_of
from lms.models import NamedInLanguages, Region
from lms.pages import PageServingMixin


class Trade(NamedInLanguages):
    """The trade a course prepares for: Baking, Farming, Sales assistant, Mentoring, ..."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    panels = NamedInLanguages.name_panels(original_permission="courses.add_trade")

    class Meta:
        ordering = ["name"]
        verbose_name = _("trade")
        verbose_name_plural = _("trades")


class CourseIndexPage(FallbackRoutingMixin, PageServingMixin, Page):
    intro = RichTextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["courses.HomePage"]
    subpage_types = ["courses.CoursePage"]

    class Meta:
        verbose_name = _("course index")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The original courses, each in the reader's language where it is translated: a course
        # nobody has translated yet is still listed, in its original language.
        courses = localized_pages(
            CoursePage.objects.child_of(original_of(self)).live().select_related("trade"),
            queryset=CoursePage.objects.select_related("trade"),
        )
        context["courses"] = sorted(courses, key=lambda course: course.title.casefold())
        return context


class CoursePage(FallbackRoutingMixin, PageServingMixin, Page):
    class Kind(models.TextChoices):
        VOCATIONAL = "vocational", _("Vocational training")
        MENTOR = "mentor", _("Mentor training")

    class Participation(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        BLENDED = "blended", _("Blended (in person and online)")

    summary = models.TextField(_("summary"), help_text=_("Shown to everyone, enrolled or not."))
    trade = models.ForeignKey(
        Trade, verbose_name=_("trade"), on_delete=models.PROTECT, related_name="courses"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.VOCATIONAL)
    eqf_level = models.PositiveSmallIntegerField(
        _("EQF level"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(8)],
        help_text=_("European Qualifications Framework level, 1 to 8. Leave empty if none."),
    )
    notional_hours = models.PositiveSmallIntegerField(
        _("notional hours"), help_text=_("Total hours of learning, including practice.")
    )
    learning_outcomes = StreamField(
        [("outcome", blocks.CharBlock(label=_("learning outcome"), max_length=300))],
        verbose_name=_("learning outcomes"),
        blank=True,
        help_text=_("What a learner can do after the course, one outcome per line."),
    )
    assessment_type = models.CharField(
        _("type of assessment"),
        max_length=200,
        blank=True,
        help_text=_("For example: practical observation with a checklist."),
    )
    participation_form = models.CharField(
        _("form of participation"),
        max_length=20,
        choices=Participation.choices,
        default=Participation.IN_PERSON,
    )
    awards_certificate = models.BooleanField(
        _("awards a certificate"),
        default=True,
        help_text=_("Some partner trainings award none; they still count in the learning record."),
    )
    attendance_required = models.BooleanField(
        _("attendance required"),
        default=True,
        help_text=_("Untick for self-paced online courses where attendance is not measured."),
    )
    attendance_threshold = models.PositiveSmallIntegerField(
        _("attendance threshold (%)"),
        default=90,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    late_counts_as_attended = models.BooleanField(_("late counts as attended"), default=True)
    excused_removed_from_denominator = models.BooleanField(
        _("excused sessions do not count"),
        default=False,
        help_text=_("If ticked, excused sessions are left out of the attendance rate entirely."),
    )
    max_assessment_attempts = models.PositiveSmallIntegerField(
        _("maximum practical assessment attempts"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("For example 24 for a mentor training. Leave empty if it never expires."),
    )
    refresher_for = models.ForeignKey(
        "self",
        verbose_name=_("refresher for"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="refreshers",
        help_text=_(
            "If this is a refresher course: the course whose certificate it renews. Completing "
            "it starts that certificate's validity again."
        ),
    )

    search_fields = [*Page.search_fields, index.SearchField("summary")]
    # The rule fields are for administrators only: courses/course_rules.py.
    content_panels = COURSE_CONTENT_PANELS
    base_form_class = CoursePageForm
    parent_page_types = ["courses.CourseIndexPage"]
    subpage_types = ["courses.LessonPage"]

    class Meta:
        verbose_name = _("course")
        constraints = [
            models.CheckConstraint(
                condition=Q(eqf_level__isnull=True) | Q(eqf_level__gte=1, eqf_level__lte=8),
                name="course_eqf_level_1_to_8",
            ),
            models.CheckConstraint(
                condition=Q(attendance_threshold__gte=1, attendance_threshold__lte=100),
                name="course_threshold_percent",
            ),
            models.CheckConstraint(
                condition=Q(max_assessment_attempts__gte=1), name="course_attempts_positive"
            ),
            models.CheckConstraint(
                condition=Q(validity_months__isnull=True) | Q(validity_months__gte=1),
                name="course_validity_months_positive",
            ),
        ]

    @property
    def outcomes(self) -> list[str]:
        return [str(block.value) for block in self.learning_outcomes]

    # Found with its trade when routed to (lms.pages.PageServingMixin): the page shows it.
    route_select_related = ("trade",)

    def lessons(self):
        return LessonPage.objects.child_of(self).live().order_by("path")

    def get_context(self, request, *args, **kwargs):
        from courses import dashboard, selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.course_page_context(course=self, user=request.user))
        entry = context["entry"]
        # The learner's status and next step, as on "My learning" (courses/dashboard.py).
        context["course_status"] = (
            dashboard.statuses_render(request, [entry]).get(entry.enrolment.pk) if entry else None
        )
        return context


class LessonPage(PageServingMixin, Page):
    body = StreamField(LessonBodyBlock(), verbose_name=_("body"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"), default=15, validators=[MinValueValidator(1)]
    )
    required_for_completion = models.BooleanField(_("required for completion"), default=True)

    search_fields = [*Page.search_fields, index.SearchField("body")]
    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("estimated_minutes"), FieldPanel("required_for_completion")]),
        FieldPanel("body"),
    ]
    parent_page_types = ["courses.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from courses import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.lesson_page_context(lesson=self, user=request.user))
        return context


class Cohort(models.Model):
    """A group of learners taking one course together, with its own dates, place and staff."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(_("name"), max_length=150)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="cohorts"
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=20, validators=[MinValueValidator(1)]
    )
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        related_name="cohorts_trained",
        blank=True,
    )
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("coordinators"),
        related_name="cohorts_coordinated",
        blank=True,
    )

    class Meta:
        ordering = ["-start_date", "name"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "name"], name="cohort_unique_name_per_course"
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")), name="cohort_ends_after_start"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="cohort_capacity_positive"),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.name}"


class Enrolment(models.Model):
    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        COMPLETED = "completed", _("Completed")

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("learner"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="enrolments"
    )
    enrolled_on = models.DateField(_("enrolled on"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_reason = models.CharField(_("reason for withdrawal"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["cohort", "learner__profile__printed_name"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["learner", "cohort"], name="enrolment_unique_learner_cohort"
            ),
            models.CheckConstraint(
                condition=~Q(status="withdrawn")
                | (Q(withdrawn_on__isnull=False) & ~Q(withdrawal_reason="")),
                name="enrolment_withdrawal_has_date_and_reason",
            ),
        ]

    def __str__(self):
        return f"{self.learner} in {self.cohort}"


class LessonCompletion(models.Model):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="lesson_completions"
    )
    lesson = models.ForeignKey(LessonPage, on_delete=models.CASCADE, related_name="completions")
    completed_at = models.DateTimeField(_("completed at"))

    class Meta:
        verbose_name = _("lesson completion")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lesson_completion_unique"
            ),
        ]

    def __str__(self):
        return f"{self.lesson_id} done in enrolment {self.enrolment_id}"


class Session(TopicInLanguages, models.Model):
    """One scheduled meeting of a cohort. Dates and times are local to where the cohort meets.
    Its topic has translations beside it (`TopicInLanguages`)."""

    class Kind(models.TextChoices):
        THEORY = "theory", _("Theory")
        PRACTICAL = "practical", _("Practical")
        REVIEW = "review", pgettext_lazy("kind of session", "Review")
        FIELD_VISIT = "field_visit", _("Field visit")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="sessions"
    )
    topic = models.CharField(_("topic"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.THEORY)
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    cancelled = models.BooleanField(_("cancelled"), default=False)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["cohort", "date"], name="session_cohort_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="session_ends_after_start",
                violation_error_message=_("The end time must be after the start time."),
            ),
            models.CheckConstraint(
                condition=Q(cancelled=False) | ~Q(cancellation_reason=""),
                name="session_cancellation_has_reason",
                violation_error_message=_("Give a reason for cancelling, so learners know why."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["theory", "practical", "review", "field_visit"]),
                name="session_kind_valid",
            ),
        ]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.topic}"

    @property
    def place(self) -> str:
        """Where it happens: its own location, or the cohort's."""
        return self.location or self.cohort.location
