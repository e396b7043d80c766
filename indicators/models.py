from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.rules import FOLLOW_UP_MONTHS


class FollowUp(models.Model):
    """What became of a learner 3, 6 or 12 months after their cohort ended, as a coordinator
    found out. One per enrolment and point in time; a later call corrects it."""

    class Months(models.IntegerChoices):
        THREE = 3, _("3 months")
        SIX = 6, _("6 months")
        TWELVE = 12, _("12 months")

    class Outcome(models.TextChoices):
        EMPLOYED_IN_TRADE = "employed_in_trade", _("Employed in the trade trained for")
        EMPLOYED_OTHER = "employed_other", _("Employed in another field")
        FURTHER_TRAINING = "further_training", _("In further training")
        SEEKING_WORK = "seeking_work", _("Seeking work")
        NOT_KNOWN = "not_known", _("Not known")

    enrolment = models.ForeignKey(
        "courses.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    months = models.PositiveSmallIntegerField(_("months after the course"), choices=Months.choices)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    note = models.CharField(_("note (optional)"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"))

    class Meta:
        ordering = ["enrolment", "months"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "months"], name="followup_one_per_enrolment_and_point"
            ),
            models.CheckConstraint(
                condition=Q(months__in=FOLLOW_UP_MONTHS), name="followup_months_valid"
            ),
            models.CheckConstraint(
                condition=Q(
                    outcome__in=[
                        "employed_in_trade",
                        "employed_other",
                        "further_training",
                        "seeking_work",
                        "not_known",
                    ]
                ),
                name="followup_outcome_valid",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment_id} @ {self.months} months: {self.outcome}"
