from django import forms
from django.utils.translation import gettext_lazy as _

from lms.formats import medium_date


class VolunteerForm(forms.Form):
    motivation = forms.CharField(
        label=_("Why do you want to be a mentor?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("A few sentences are enough. A coordinator reads it and answers you."),
    )


class AcceptForm(forms.Form):
    cohort = forms.ModelChoiceField(
        label=_("Mentor-training cohort"),
        queryset=None,
        empty_label=None,
        help_text=_("The person is enrolled in this cohort."),
    )

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts
        self.fields["cohort"].label_from_instance = lambda c: (
            f"{c.course.title} · {c.name} · {c.region} ({medium_date(c.start_date)})"
        )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The person sees this reason."),
    )


class CapacityForm(forms.Form):
    max_mentees = forms.IntegerField(
        label=_("Maximum mentees"), min_value=0, max_value=50, help_text=_("From 0 to 50.")
    )
