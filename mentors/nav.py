"""What mentors adds to the main navigation (lms/nav.py): "Mentoring" among the coordinators'
reports; on its own for a learner, who may volunteer as a mentor once trained."""

from django.utils.translation import gettext_lazy as _

from certificates.nav import has_certificate
from courses.nav import is_enrolled
from lms import nav
from lms.roles import COORDINATOR_PERMISSION

coordinates = nav.with_permission(COORDINATOR_PERMISSION)


def learner_mentoring(request) -> bool:
    return not coordinates(request) and (is_enrolled(request) or has_certificate(request))


def register() -> None:
    nav.link_register(
        name="mentoring_reports",
        label=_("Mentoring"),
        url_name="mentors:home",
        visible=coordinates,
        order=43,
        group=nav.REPORTS,
    )
    nav.link_register(
        name="mentoring",
        label=_("Mentoring"),
        url_name="mentors:home",
        visible=learner_mentoring,
        order=14,
    )
