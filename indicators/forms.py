from django import forms
from django.utils.translation import gettext_lazy as _

from indicators import rules
from indicators.models import FollowUp

MSG_PERIOD_ORDER = _("The end of the period must be on or after its start.")
MSG_PERIOD_TOO_LONG = _("Choose a period of at most ten years.")


class FilterForm(forms.Form):
    """The indicators' filters, from the query string. Choices are what the user coordinates."""

    start = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    end = forms.DateField(
        label=_("To"), widget=forms.DateInput(attrs={"type": "date"}), required=False
    )
    course = forms.TypedChoiceField(label=_("Course"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Course kind"), required=False)
    trade = forms.TypedChoiceField(label=_("Trade"), coerce=int, required=False, empty_value=None)
    region = forms.TypedChoiceField(label=_("Region"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, choices, today, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today
        every = [("", _("All"))]
        self.fields["course"].choices = every + [(c.value, c.label) for c in choices.courses]
        self.fields["kind"].choices = every + [(c.value, c.label) for c in choices.kinds]
        self.fields["trade"].choices = every + [(c.value, c.label) for c in choices.trades]
        self.fields["region"].choices = every + [(c.value, c.label) for c in choices.regions]

    def default_period(self):
        """The two years up to today: long enough to include the 12-month follow-ups of the
        cohorts that ended a year ago."""
        return rules.add_months(self.today, -24), self.today

    def clean(self):
        data = super().clean()
        default_start, default_end = self.default_period()
        data["start"] = data.get("start") or default_start
        data["end"] = data.get("end") or default_end
        if data["end"] < data["start"]:
            self.add_error("end", MSG_PERIOD_ORDER)
        elif (data["end"] - data["start"]).days > 3660:
            self.add_error("start", MSG_PERIOD_TOO_LONG)
        return data


class FollowUpForm(forms.Form):
    months = forms.TypedChoiceField(
        label=_("Follow-up"), coerce=int, choices=FollowUp.Months.choices
    )
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=FollowUp.Outcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example the employer's sector. Do not write health information."),
    )
