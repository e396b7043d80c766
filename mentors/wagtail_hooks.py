from django.utils.translation import gettext_lazy as _
from wagtail import hooks


@hooks.register("register_log_actions")
def register_mentor_log_actions(actions):
    actions.register_action(
        "mentors.volunteer.create", _("Volunteer"), _("Volunteered for mentor training")
    )
    actions.register_action(
        "mentors.volunteer.accept", _("Accept volunteer"), _("Volunteer accepted and enrolled")
    )
    actions.register_action(
        "mentors.volunteer.decline", _("Decline volunteer"), _("Volunteer declined")
    )
    actions.register_action(
        "mentors.capacity.set", _("Set mentor capacity"), _("Mentor capacity set")
    )
    actions.register_action("mentors.assignment.create", _("Assign mentor"), _("Mentor assigned"))
    actions.register_action("mentors.assignment.end", _("End mentoring"), _("Mentoring ended"))
    actions.register_action(
        "mentors.refresher.notice", _("Refresher notice"), _("Mentor told their refresher is due")
    )
    actions.register_action(
        "mentors.consent.set", _("Set what a mentor sees"), _("Sharing with the mentor changed")
    )
    actions.register_action("mentors.meeting.create", _("Log a meeting"), _("Meeting logged"))
    actions.register_action("mentors.meeting.update", _("Change a meeting"), _("Meeting changed"))
    actions.register_action(
        "mentors.supervision.create", _("Record supervision"), _("Supervision recorded")
    )
    actions.register_action(
        "mentors.meeting.dealt_with",
        _("Deal with a flagged meeting"),
        _("Flagged meeting dealt with"),
    )
