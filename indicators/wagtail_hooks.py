from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_follow_up_actions(actions):
    actions.register_action("lms.followup.record", _("Record follow-up"), _("Follow-up recorded"))
    actions.register_action(
        "lms.followup.correct", _("Correct follow-up"), _("Follow-up corrected")
    )
