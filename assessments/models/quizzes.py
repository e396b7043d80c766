"""Theory tests: a question bank per course, quizzes drawn from it, and frozen attempts."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, TranslatableMixin

from courses.choosers import CourseChooser
from courses.models import CoursePage, Enrolment
from lms.models import NamedInLanguages


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")


class QuestionCategory(models.Model):
    """A group of questions in a course's bank; a quiz draws a number from each."""

    course = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.PROTECT,
        related_name="question_categories",
    )
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("course", widget=CourseChooser), FieldPanel("name")]

    class Meta:
        ordering = ["course__title", "name"]
        verbose_name = _("question category")
        verbose_name_plural = _("question categories")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "name"], name="question_category_unique_name_per_course"
            ),
        ]

    def __str__(self):
        return f"{self.course.title}: {self.name}"


class Question(TranslatableMixin, ClusterableModel):
    """One question of a course's bank. Translations are copies in another locale (Wagtail's
    localisation), their options in the same order as the original's."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="questions"
    )
    category = models.ForeignKey(
        QuestionCategory,
        verbose_name=_("category"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    kind = models.CharField(
        _("type"), max_length=20, choices=QuestionKind.choices, default=QuestionKind.SINGLE
    )
    text = models.TextField(_("question"))
    feedback = models.TextField(
        _("feedback"),
        blank=True,
        help_text=_("Why the right answer is right: shown once the learner may see corrections."),
    )
    partial_credit = models.BooleanField(
        _("partial credit"),
        default=False,
        help_text=_(
            "Multiple choice only: give part of the mark for part of the right answers "
            "(each wrong choice takes one right one away). Otherwise all or nothing."
        ),
    )
    true_is_correct = models.BooleanField(
        _("the statement is true"),
        null=True,
        blank=True,
        help_text=_("True or false only."),
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("course", widget=CourseChooser),
                FieldPanel("category"),
                FieldPanel("kind"),
            ]
        ),
        FieldPanel("text"),
        FieldPanel("feedback"),
        MultiFieldPanel(
            [FieldPanel("partial_credit"), FieldPanel("true_is_correct")],
            heading=_("Scoring"),
        ),
        InlinePanel("options", heading=_("Options"), label=_("Option")),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["course__title", "category__name", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["single", "multiple", "true_false"]),
                name="question_kind_valid",
            ),
            models.CheckConstraint(
                condition=~Q(kind="true_false") | Q(true_is_correct__isnull=False),
                name="question_true_false_has_answer",
            ),
        ]

    def __str__(self):
        return self.text[:80]


class QuestionOption(Orderable):
    question = ParentalKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    text = models.CharField(_("option"), max_length=500)
    correct = models.BooleanField(_("correct"), default=False)
    feedback = models.CharField(_("feedback on this option"), max_length=500, blank=True)

    panels = [FieldPanel("text"), FieldPanel("correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self):
        return self.text


class Quiz(NamedInLanguages, ClusterableModel):
    """A theory test of a course: a number of questions drawn at random from each category."""

    course = models.ForeignKey(
        CoursePage, verbose_name=_("course"), on_delete=models.PROTECT, related_name="quizzes"
    )
    name = models.CharField(_("name"), max_length=100)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=70,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A whole percent of the marks. Never rounded up: 69.9% fails at 70%."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, validators=[MinValueValidator(1)]
    )
    cooldown_hours = models.PositiveSmallIntegerField(
        _("hours between attempts"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    required_for_certification = models.BooleanField(
        _("required for the certificate"), default=True
    )

    panels = [
        FieldRowPanel([FieldPanel("course", widget=CourseChooser), FieldPanel("name")]),
        *NamedInLanguages.name_panels(original_permission="assessments.change_quiz")[1:],
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("pass_mark"), FieldPanel("max_attempts")]),
                FieldRowPanel([FieldPanel("cooldown_hours"), FieldPanel("time_limit_minutes")]),
                FieldPanel("required_for_certification"),
            ],
            heading=_("Rules"),
        ),
        InlinePanel("draws", heading=_("Questions drawn"), label=_("Category"), min_num=1),
    ]

    class Meta:
        ordering = ["course__title", "name"]
        verbose_name = _("theory test")
        verbose_name_plural = _("theory tests")
        constraints = [
            models.UniqueConstraint(fields=["course", "name"], name="quiz_unique_name_per_course"),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=1, pass_mark__lte=100), name="quiz_pass_mark_percent"
            ),
            models.CheckConstraint(condition=Q(max_attempts__gte=1), name="quiz_attempts_positive"),
        ]


class QuizDraw(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="draws")
    category = models.ForeignKey(
        QuestionCategory, verbose_name=_("category"), on_delete=models.PROTECT, related_name="+"
    )
    count = models.PositiveSmallIntegerField(
        _("questions drawn"), default=1, validators=[MinValueValidator(1)]
    )

    panels = [FieldRowPanel([FieldPanel("category"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("questions drawn from a category")
        constraints = [
            models.CheckConstraint(condition=Q(count__gte=1), name="quiz_draw_count_positive"),
        ]


class QuizAttempt(models.Model):
    """One attempt of a learner at a theory test, frozen: the questions and the option order it
    showed are copied into its `AttemptQuestion`s, so editing the bank changes no result."""

    class Status(models.TextChoices):
        OPEN = "open", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="quiz_attempts",
    )
    quiz = models.ForeignKey(
        Quiz, verbose_name=_("theory test"), on_delete=models.PROTECT, related_name="attempts"
    )
    number = models.PositiveSmallIntegerField(_("attempt number"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    started_at = models.DateTimeField(_("started at"))
    deadline = models.DateTimeField(_("deadline"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    score = models.PositiveIntegerField(_("score"), null=True, blank=True)
    max_score = models.PositiveIntegerField(_("maximum score"))
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The trainer who read the questions and entered the learner's spoken answers, if any.
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assisted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quiz_attempts_assisted",
    )

    class Meta:
        ordering = ["enrolment", "quiz", "number"]
        verbose_name = _("theory test attempt")
        verbose_name_plural = _("theory test attempts")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "quiz", "number"], name="quiz_attempt_unique_number"
            ),
            # At most one attempt in progress per learner and test.
            models.UniqueConstraint(
                fields=["enrolment", "quiz"],
                condition=Q(status="open"),
                name="quiz_attempt_one_open",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="quiz_attempt_number_positive"),
            models.CheckConstraint(
                condition=Q(status="open")
                | Q(
                    status="submitted",
                    score__isnull=False,
                    passed__isnull=False,
                    submitted_at__isnull=False,
                ),
                name="quiz_attempt_submitted_is_scored",
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=models.F("max_score")),
                name="quiz_attempt_score_at_most_max",
            ),
        ]

    def __str__(self):
        return f"{self.quiz.name} #{self.number} ({self.enrolment_id})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def assisted(self) -> bool:
        return self.assisted_by_id is not None


class AttemptQuestion(models.Model):
    """A question as one attempt showed it: its words in the attempt's language and its options
    in the order shown (`options`: a list of {"key", "text", "correct", "feedback"}), and the
    learner's answer as given (`answer`: the keys chosen; null while unanswered)."""

    attempt = models.ForeignKey(QuizAttempt, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=QuestionKind.choices)
    partial_credit = models.BooleanField(default=False)
    text = models.TextField()
    # The language of `text` and the options' words: the attempt's where the question has a
    # translation in it, else the original's. Blank on attempts made before it was recorded.
    language = models.CharField(max_length=10, blank=True)
    feedback = models.TextField(blank=True)
    options = models.JSONField()
    answer = models.JSONField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "position"], name="attempt_question_unique_position"
            ),
            models.UniqueConstraint(
                fields=["attempt", "question"], name="attempt_question_unique_question"
            ),
        ]

    def __str__(self):
        return f"{self.attempt_id}.{self.position}"

    @property
    def shown_language(self) -> str:
        """The language its words are read aloud in (listen.js) and marked with (lang=)."""
        return self.language or self.attempt.language
