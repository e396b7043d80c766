from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = _("Assessments")

    def ready(self):
        from assessments import receivers
        from courses.signals import schedule_changed

        schedule_changed.connect(receivers.schedule_changed, dispatch_uid="attendance_risks")
