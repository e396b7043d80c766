from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.formats import medium_date
from mentors.models.practice import MeetingKind, Topic


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


class ConsentForm(forms.Form):
    """What a mentee lets their mentor see, besides their name."""

    next_session = forms.BooleanField(
        label=_("My next session (day, time and place)"), required=False
    )
    course_progress = forms.BooleanField(
        label=_("My course and how far I am in it"), required=False
    )
    attendance = forms.BooleanField(
        label=_("My attendance, and whether I am at risk of missing the threshold"),
        required=False,
    )


class MeetingForm(forms.Form):
    """A meeting in under a minute on a phone: today, in person, 30 minutes unless changed."""

    met_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    kind = forms.ChoiceField(
        label=_("How"), choices=MeetingKind.choices, widget=forms.RadioSelect, initial="in_person"
    )
    minutes = forms.IntegerField(
        label=_("How long (minutes)"),
        min_value=1,
        max_value=600,
        initial=30,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "step": 5}),
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    next_step = forms.CharField(label=_("Next step"), max_length=300, required=False)
    private_note = forms.CharField(
        label=_("Private note"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Only you read it; coordinators read it too when you ask for their attention. "
            "Your mentee never sees it."
        ),
    )
    needs_attention = forms.BooleanField(
        label=_("Needs coordinator attention"),
        required=False,
        help_text=_("Your coordinator is told and reads this entry, note included."),
    )


class SupervisionForm(forms.Form):
    held_on = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    notes = forms.CharField(
        label=_("Notes"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    # Not the post-course "Follow-up" of the indicators (the same English word, another idea).
    follow_up = forms.CharField(
        label=pgettext_lazy("after a supervision talk", "Follow-up"),
        help_text=_("What is to be done next, and by whom."),
        max_length=500,
        required=False,
    )


class DealtWithForm(forms.Form):
    """A coordinator's answer to a flagged entry, posted from the alerts."""

    note = forms.CharField(
        label=_("What was done (optional)"),
        max_length=300,
        required=False,
        help_text=_("The mentor reads it in the meeting log; the mentee never does."),
    )
