from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_people_log_actions(actions):
    actions.register_action("lms.person.create", _("Create account"), _("Account created"))
