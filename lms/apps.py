from django.apps import AppConfig
from django.core.signals import request_finished, request_started
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LmsConfig(AppConfig):
    name = "lms"
    verbose_name = _("LMS")

    def ready(self):
        from lms import checks, i18n, site_frame  # noqa: F401 (checks registers itself)
        from lms.services import roles_ensure_after_migrate

        request_started.connect(i18n.locales_remember, dispatch_uid="lms_locales_remember")
        request_finished.connect(i18n.locales_forget, dispatch_uid="lms_locales_forget")
        site_frame.connect_signals()
        self.nav_register()

        # Role groups and their permissions must exist on every database, including fresh test ones.
        post_migrate.connect(roles_ensure_after_migrate, sender=self)

    def nav_register(self):
        from lms import nav
        from lms.models import Notification

        # The unread count beside the account menu, in the navigation's one query.
        nav.count_register(
            name=nav.NOTIFICATIONS_UNREAD,
            rows=lambda user: Notification.objects.filter(recipient=user, read_at__isnull=True),
        )

        nav.group_register(key=nav.TEACHING, label=_("Teaching"), order=20)
        nav.group_register(key=nav.REPORTS, label=_("Reports"), order=40)
        nav.link_register(
            name="administration",
            label=_("Administration"),
            url_name="wagtailadmin_home",
            visible=nav.with_permission("wagtailadmin.access_admin"),
            order=50,
        )
