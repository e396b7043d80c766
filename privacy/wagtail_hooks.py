from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button

from lms.models import Profile
from privacy import views


@hooks.register("register_log_actions")
def register_privacy_log_actions(actions):
    actions.register_action(
        "privacy.person.export", _("Download personal data"), _("Personal data downloaded")
    )
    actions.register_action(
        "privacy.person.erase", _("Erase personal data"), _("Personal data erased")
    )


@hooks.register("register_admin_urls")
def register_privacy_urls():
    return [
        path("people/<int:user_id>/erase/", views.PersonEraseView.as_view(), name="privacy_erase"),
    ]


@hooks.register("register_snippet_listing_buttons")
def person_erase_listing_button(snippet, user, next_url=None):
    if isinstance(snippet, Profile) and user.is_superuser and not snippet.user.is_superuser:
        yield Button(
            _("Erase personal data"),
            url=reverse("privacy_erase", args=[snippet.user_id]),
            icon_name="warning",
            priority=90,
        )
