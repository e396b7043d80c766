"""What certificates adds to the main navigation (lms/nav.py): "My certificates" for people who
hold one, "Certify" for coordinators."""

from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate
from lms import nav
from lms.roles import COORDINATOR_PERMISSION

CERTIFIED = "certified"


def has_certificate(request) -> bool:
    return nav.fact(request, CERTIFIED)


def register() -> None:
    nav.fact_register(
        name=CERTIFIED, rows=lambda user: Certificate.objects.filter(enrolment__learner=user)
    )
    nav.link_register(
        name="my_certificates",
        label=_("My certificates"),
        url_name="certificates:mine",
        visible=has_certificate,
        order=12,
    )
    nav.link_register(
        name="certify",
        label=_("Certify"),
        url_name="certificates:cohorts",
        visible=nav.with_permission(COORDINATOR_PERMISSION),
        order=30,
    )
