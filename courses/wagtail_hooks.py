from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_course_log_actions(actions):
    actions.register_action("lms.enrolment.create", _("Enrol"), _("Enrolled"))
    actions.register_action("lms.enrolment.withdraw", _("Withdraw"), _("Withdrawn"))
