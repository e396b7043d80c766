from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Fieldset, Layout, Submit
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from courses.models import Session
from courses.session_topics import TOPIC_TRANSLATION_FIELDS, TOPIC_TRANSLATION_HELP

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def _helper(label, fields=None) -> FormHelper:
    """The form's button; with `fields`, the topic's translations grouped after the topic."""
    helper = FormHelper()
    helper.add_input(Submit("save", label))
    if fields is not None:
        others = [name for name in fields if name not in TOPIC_TRANSLATION_FIELDS]
        helper.layout = Layout(
            others[0],
            Fieldset(
                _("Topic in other languages"),
                HTML(format_html('<p class="form-text mt-0">{}</p>', TOPIC_TRANSLATION_HELP)),
                *TOPIC_TRANSLATION_FIELDS,
            ),
            *others[1:],
        )
    return helper


def _topic_translation_fields() -> dict:
    """Form fields for the topic's translations, as on the session (length, optional), each
    labelled with its language's name alone: the group's legend says they are the topic's."""
    names = dict(settings.LANGUAGES)
    fields = {}
    for name in TOPIC_TRANSLATION_FIELDS:
        fields[name] = Session._meta.get_field(name).formfield()
        fields[name].label = names[name.removeprefix("topic_")]
    return fields


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class SessionForm(forms.ModelForm):
    class Meta:
        model = Session
        fields = [
            *("topic", *TOPIC_TRANSLATION_FIELDS),
            *("kind", "date", "start_time", "end_time", "location"),
        ]
        widgets = {"date": DateInput(), "start_time": TimeInput(), "end_time": TimeInput()}
        help_texts = {"location": _("Leave empty to use the cohort's usual place.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_topic_translation_fields())
        self.helper = _helper(_("Save session"), self.fields)


class ScheduleForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=Session.Kind.choices)
    weekdays = forms.TypedMultipleChoiceField(
        label=_("On these weekdays"),
        choices=WEEKDAYS,
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
    )
    every_weeks = forms.IntegerField(
        label=_("Every how many weeks"),
        min_value=1,
        max_value=52,
        initial=1,
        help_text=_("1 for every week, 2 for every other week."),
    )
    start = forms.DateField(label=_("From"), widget=DateInput())
    until = forms.DateField(label=_("Until"), widget=DateInput())
    start_time = forms.TimeField(label=_("Start time"), widget=TimeInput())
    end_time = forms.TimeField(label=_("End time"), widget=TimeInput())
    location = forms.CharField(
        label=_("Location"),
        max_length=200,
        required=False,
        help_text=_("Leave empty to use the cohort's usual place."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(_topic_translation_fields())
        self.helper = _helper(_("Schedule sessions"), self.fields)


class CancelSessionForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=300,
        help_text=_("Learners see this reason on their dashboard."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Cancel session"))
