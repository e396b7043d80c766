from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkspaceConfig(AppConfig):
    name = "workspace"
    verbose_name = _("Coordinator workspace")

    def ready(self):
        from courses import nav as courses_nav
        from lms import nav
        from lms.roles import COORDINATOR_PERMISSION

        nav.link_register(
            name="today",
            label=_("Today"),
            url_name="workspace:today",
            visible=courses_nav.trains,
            order=21,
            group=nav.TEACHING,
        )
        nav.link_register(
            name="caseload",
            label=_("My caseload"),
            url_name="workspace:home",
            visible=nav.with_permission(COORDINATOR_PERMISSION),
            order=41,
            group=nav.REPORTS,
        )
        # Whoever trains a cohort starts the day on "Today" (a coordinator who also trains
        # too); other coordinators and administrators on their caseload.
        nav.landing_register(
            url_name="workspace:today", label=_("Today"), applies=courses_nav.trains, order=10
        )
        nav.landing_register(
            url_name="workspace:home",
            label=_("My caseload"),
            applies=nav.with_permission(COORDINATOR_PERMISSION),
            order=20,
        )
