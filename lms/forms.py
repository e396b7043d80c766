from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.contrib.auth import forms as auth_forms
from django.core.exceptions import ValidationError
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from lms.i18n import translated_name_expression
from lms.models import Profile, Region
from lms.services import PROFILE_EDITABLE_FIELDS


def form_add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: each message next to its field when the
    form has that field, above the form otherwise. Every view and admin form that calls a
    service uses this, so a refusal reads the same everywhere."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        # The fields a person may change, as the service that saves them says.
        fields = list(PROFILE_EDITABLE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Regions are listed by the names the reader sees (each labelled by `str()`, which is
        # the name in the active language).
        self.fields["region"].queryset = Region.objects.order_by(
            Lower(translated_name_expression()), "pk"
        )
        self.helper = FormHelper()
        self.helper.add_input(Submit("save", _("Save")))


class LoginForm(auth_forms.AuthenticationForm):
    """Django's login form, whose refusal said, in Spanish, "Por favor, introduzca un nombre de
    usuario y clave correctos. Observe que ambos campos pueden ser sensibles a mayúsculas."
    (formal, long, and unlike the rest of the site). Said in plain words instead, and the same
    whether or not the username exists."""

    error_messages = {
        **auth_forms.AuthenticationForm.error_messages,
        "invalid_login": _(
            "The username or the password is not right. Check both and try again: capital "
            "letters count."
        ),
    }


class PasswordResetForm(auth_forms.PasswordResetForm):
    """Django's reset form; the email goes out in the account holder's language, whatever
    language the page was in when someone asked for it."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        profile = Profile.objects.filter(user=context["user"]).only("preferred_language").first()
        language = getattr(profile, "preferred_language", "") or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
