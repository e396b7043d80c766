from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MentorsConfig(AppConfig):
    name = "mentors"
    verbose_name = _("Mentors")

    def ready(self):
        from courses import dashboard
        from mentors import nav
        from mentors.dashboard import mentor_card

        dashboard.parts_register(
            name="mentor_card",
            template="mentors/includes/dashboard_card.html",
            context=mentor_card,
            order=20,
        )
        nav.register()
