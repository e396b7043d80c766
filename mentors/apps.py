from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentors")

    def ready(self):
        from courses import dashboard
        from lms import roles
        from lms.notifications import kind_register
        from lms.profile_sections import section_register
        from mentors import nav
        from mentors.caseload import mentoring_section
        from mentors.dashboard import mentor_card
        from mentors.notifications import KIND
        from mentors.profile import sharing_section
        from workspace import sections as caseload_sections

        dashboard.parts_register(
            name="mentor_card",
            template="mentors/includes/dashboard_card.html",
            context=mentor_card,
            order=20,
        )
        nav.register()
        kind_register(KIND)
        # What a mentee shares with their mentor, and the meetings logged with them.
        section_register(
            name="mentoring",
            order=40,
            template="mentors/includes/profile_sharing.html",
            context=sharing_section,
        )
        # Mentoring that needs the coordinator, on top of "My caseload".
        caseload_sections.section_register(
            name="mentoring",
            order=10,
            template="mentors/includes/caseload_section.html",
            context=mentoring_section,
        )
        # Coordinators set the organisation's N weeks without contact (Settings > Mentoring in
        # the admin) without being administrators.
        roles.permissions_register(
            roles.COORDINATOR, [("mentors", "mentoringsettings", "change_mentoringsettings")]
        )
