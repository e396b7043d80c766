from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "indicators"
    verbose_name = _("Indicators")

    def ready(self):
        from lms import nav
        from lms.roles import COORDINATOR_PERMISSION

        nav.link_register(
            name="indicators",
            label=_("Indicators"),
            url_name="indicators:page",
            visible=nav.with_permission(COORDINATOR_PERMISSION),
            order=42,
            group=nav.REPORTS,
        )
