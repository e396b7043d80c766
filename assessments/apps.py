from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments import receivers
        from assessments.attendance import cards
        from assessments.notifications import KINDS
        from assessments.templatetags.attendance_tags import attendance_warnings
        from courses import dashboard
        from courses import nav as courses_nav
        from courses.signals import schedule_changed
        from lms import nav, profile_sections, roles
        from lms.notifications import kind_register

        # Practical assessment checklists of the courses they coordinate (scoped in
        # assessments.practical.selectors.templates_editable_by).
        roles.permissions_register(
            roles.COORDINATOR,
            [
                ("assessments", "assessmenttemplate", f"{action}_assessmenttemplate")
                for action in ("view", "add", "change")
            ],
        )

        # The theory test bank and tests of the courses they coordinate (scoped in
        # assessments.quizzes.selectors).
        roles.permissions_register(
            roles.COORDINATOR,
            [
                ("assessments", model, f"{action}_{model}")
                for model in ("quiz", "question", "questioncategory")
                for action in ("view", "add", "change")
            ],
        )

        # The learner's at-risk warnings, at the top of "My learning" (courses/dashboard.py).
        dashboard.parts_register(
            name="attendance_warnings",
            template="assessments/includes/dashboard_warnings.html",
            context=lambda request: attendance_warnings({"request": request}),
            order=10,
        )
        schedule_changed.connect(receivers.schedule_changed, dispatch_uid="attendance_risks")

        nav.link_register(
            name="practical_assessments",
            label=_("Practical assessments"),
            url_name="assessments:queue",
            visible=courses_nav.works_with_cohorts,
            order=23,
            group=nav.TEACHING,
        )
        # A learner's own results (the queue sends learners there).
        nav.link_register(
            name="my_practical_assessments",
            label=_("Practical assessments"),
            url_name="assessments:queue",
            visible=lambda request: (
                courses_nav.is_enrolled(request) and not courses_nav.works_with_cohorts(request)
            ),
            order=13,
        )
        # The learner's check-in card on "My profile" (reverse check-in: the trainer scans it).
        profile_sections.section_register(
            name="checkin_card",
            order=20,
            template="assessments/includes/profile_checkin_card.html",
            context=cards.profile_section,
        )
        # "Check in" for learners: the typed code, when the camera cannot scan.
        nav.link_register(
            name="check_in",
            label=_("Check in"),
            url_name="attendance:checkin",
            visible=lambda request: (
                courses_nav.is_enrolled(request) and not courses_nav.works_with_cohorts(request)
            ),
            order=14,
        )
        nav.link_register(
            name="my_theory_tests",
            label=_("Theory tests"),
            url_name="quizzes:mine",
            visible=lambda request: (
                courses_nav.is_enrolled(request) and not courses_nav.works_with_cohorts(request)
            ),
            order=15,
        )
        nav.link_register(
            name="assisted_theory_tests",
            label=_("Assisted theory tests"),
            url_name="quizzes:assist",
            visible=courses_nav.works_with_cohorts,
            order=24,
            group=nav.TEACHING,
        )
        # What learners are told about their assessments (lms/notifications.py).
        for kind in KINDS:
            kind_register(kind)

        # Reminders and calendar feeds: sections of "My profile", and the coordinators' page.
        from assessments.attendance.calendar import profile as calendar_profile
        from assessments.attendance.reminders import profile as reminders_profile
        from lms.profile_sections import section_register

        section_register(
            name="reminders",
            order=20,
            template="assessments/reminders/profile_section.html",
            context=reminders_profile.section_context,
        )
        section_register(
            name="calendar",
            order=21,
            template="assessments/calendar/profile_section.html",
            context=calendar_profile.section_context,
        )
        nav.link_register(
            name="session_reminders",
            label=_("Session reminders"),
            url_name="attendance:reminders",
            visible=nav.with_permission(roles.COORDINATOR_PERMISSION),
            order=26,
            group=nav.TEACHING,
        )
