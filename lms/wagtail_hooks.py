from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    actions.register_action("lms.person.create", _("Create account"), _("Account created"))
    actions.register_action("lms.person.grant_role", _("Give a role"), _("Role given"))
    actions.register_action("lms.profile.update", _("Edit profile"), _("Profile edited"))
    actions.register_action(
        "lms.person.change_password", _("Change password"), _("Password changed")
    )
    actions.register_action("lms.notification.send", _("Notify"), _("Person notified"))
    actions.register_action(
        "lms.notification.read", _("Read notifications"), _("Notifications read")
    )


@hooks.register("construct_reports_menu")
def hide_site_history_from_non_administrators(request, menu_items):
    # The view itself is for administrators only (lms.views.site_history).
    if not request.user.is_superuser:
        menu_items[:] = [item for item in menu_items if item.name != "site-history"]
