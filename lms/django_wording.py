"""Django's own words that our readers meet (the login and password forms, the commonest field
errors), worded in our catalogues as the rest of the site is.

Django's translations are formal where ours speak to the reader ("Introduzca …", "Su contraseña
no puede asemejarse tanto a su otra información personal."), European Portuguese where ours are
Brazilian ("Utilizador", "Palavra-passe"), and one of them misleads: "introduzca la misma
contraseña anterior" reads as "the old password". Django merges the catalogues of LOCALE_PATHS
last, so a msgid in ours replaces Django's translation of it. This module only names the msgids,
exactly as Django spells them, so that `makemessages` keeps them in our catalogues; nothing
imports it. `tests/lms/test_django_wording.py` checks that each is still Django's and that our
words are the ones shown."""

from django.utils.translation import gettext_noop, ngettext_lazy

MESSAGES = (
    # django.contrib.auth.forms
    gettext_noop("username"),  # the User model's field, the login form's label
    gettext_noop("Password"),
    gettext_noop("Old password"),
    gettext_noop("New password"),
    gettext_noop("New password confirmation"),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("The two password fields didn’t match."),  # noqa: RUF001 (Django spells it so)
    # django.contrib.auth.password_validation
    gettext_noop("Your password can’t be too similar to your other personal information."),  # noqa: RUF001 (Django spells it so)
    gettext_noop("Your password can’t be a commonly used password."),  # noqa: RUF001 (Django spells it so)
    gettext_noop("Your password can’t be entirely numeric."),  # noqa: RUF001 (Django spells it so)
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    gettext_noop("This password is too common."),
    gettext_noop("This password is entirely numeric."),
    # django.forms and django.core.validators
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid time."),
    gettext_noop("Enter a valid email address."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
)

PLURAL_MESSAGES = (
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
)
