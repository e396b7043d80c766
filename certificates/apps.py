from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        from certificates import checks, nav
        from certificates.dashboard import course_status_cards
        from certificates.notifications import KINDS
        from courses import dashboard
        from lms.notifications import kind_register

        post_migrate.connect(checks.create_cache_tables, sender=self)
        # The learner's status in each course: certificates decides it, as it reads attendance,
        # practical results and the certificate, which courses may not import.
        dashboard.statuses_register(course_status_cards)
        for kind in KINDS:
            kind_register(kind)
        nav.register()
