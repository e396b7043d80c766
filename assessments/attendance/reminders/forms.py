from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ReminderChoiceForm(forms.Form):
    by_email = forms.BooleanField(label=_("By email"), required=False)
    by_sms = forms.BooleanField(label=_("By text message (SMS)"), required=False)
    mobile = forms.CharField(
        label=_("Mobile number for text messages"),
        required=False,
        max_length=30,
        help_text=_("For example 600 123 456, or with the country code: +34 600 123 456."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args, sms_available: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not sms_available:
            del self.fields["by_sms"]
            del self.fields["mobile"]
        self.helper = FormHelper()
        self.helper.form_action = reverse("attendance:reminder_choose")
        self.helper.form_id = "reminder-choice"
        self.helper.add_input(Submit("save", _("Save my reminders")))
