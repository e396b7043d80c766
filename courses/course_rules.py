"""Who changes a course's rules: the fields that decide certification are for administrators;
coordinators edit the teaching content.

Each rule field's panel carries `RULES_PERMISSION`, so Wagtail leaves it out of the page form of
anyone without it: a crafted POST cannot change it. `CoursePageForm` also puts back the stored
values for them (reverting to an old revision would otherwise bring old rules back), and asks an
administrator to confirm a change on a course whose cohorts have not ended yet. The change is
audited with old and new values (`courses.services.course_rules_change_log`).

No import of `courses.models` at module level: the models import this module."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, MultiFieldPanel
from wagtail.models import Page

# Superusers hold every permission; no role is given this one (lms/roles.py), the same one that
# keeps a cohort's course and coordinators with administrators (courses/wagtail_hooks.py).
RULES_PERMISSION = "courses.add_cohort"
RULE_FIELDS = (
    "kind",
    "awards_certificate",
    "attendance_required",
    "attendance_threshold",
    "late_counts_as_attended",
    "excused_removed_from_denominator",
    "max_assessment_attempts",
    "validity_months",
    "refresher_for",
)

MSG_CONFIRM_RULES = _(
    "This course has cohorts that have not ended yet (%(count)s): the new rules will decide "
    "their learners' certificates. Tick “Apply the new rules to running cohorts” to confirm."
)


def _rule(name: str) -> FieldPanel:
    return FieldPanel(name, permission=RULES_PERMISSION)


COURSE_CONTENT_PANELS = [
    *Page.content_panels,
    FieldPanel("summary"),
    FieldRowPanel([FieldPanel("trade"), _rule("kind")]),
    FieldRowPanel([FieldPanel("eqf_level"), FieldPanel("notional_hours")]),
    FieldPanel("learning_outcomes"),
    FieldRowPanel([FieldPanel("assessment_type"), FieldPanel("participation_form")]),
    MultiFieldPanel(
        [
            HelpPanel(_("Only administrators change these rules: they decide certification.")),
            _rule("awards_certificate"),
            _rule("attendance_required"),
            _rule("attendance_threshold"),
            _rule("late_counts_as_attended"),
            _rule("excused_removed_from_denominator"),
            _rule("max_assessment_attempts"),
        ],
        heading=_("Completion rules"),
    ),
    MultiFieldPanel(
        [_rule("validity_months"), _rule("refresher_for"), _rule("confirm_rule_change")],
        heading=_("Validity and refresher"),
    ),
]


def rule_values(course) -> dict:
    """The rules as plain values (a course chosen as refresher_for by its id)."""
    return {name: course._meta.get_field(name).value_from_object(course) for name in RULE_FIELDS}


class CoursePageForm(WagtailAdminPageForm):
    confirm_rule_change = forms.BooleanField(
        label=_("Apply the new rules to running cohorts"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is None:
            return cleaned
        from courses import selectors

        live = type(self.instance).objects.get(pk=self.instance.pk)
        if not self.for_user.has_perm(RULES_PERMISSION):
            stored = live.get_latest_revision_as_object()
            for name in RULE_FIELDS:
                setattr(self.instance, name, getattr(stored, name))
            return cleaned
        # Against the rules in force, not the revision on screen (which may be an old one).
        changed = [
            name for name in RULE_FIELDS if name in cleaned and cleaned[name] != getattr(live, name)
        ]
        if changed and not cleaned.get("confirm_rule_change"):
            running = selectors.cohorts_not_ended(course=live).count()
            if running:
                self.add_error(
                    "confirm_rule_change",
                    forms.ValidationError(MSG_CONFIRM_RULES, params={"count": running}),
                )
        return cleaned
