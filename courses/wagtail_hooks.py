from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_course_log_actions(actions):
    actions.register_action("lms.enrolment.create", _("Enrol"), _("Enrolled"))
    actions.register_action("lms.enrolment.withdraw", _("Withdraw"), _("Withdrawn"))
    actions.register_action("lms.session.create", _("Add session"), _("Session added"))
    actions.register_action("lms.session.schedule", _("Schedule sessions"), _("Sessions scheduled"))
    actions.register_action("lms.session.update", _("Edit session"), _("Session edited"))
    actions.register_action("lms.session.cancel", _("Cancel session"), _("Session cancelled"))
