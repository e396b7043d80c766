"""Demo certificates: the branding, and certificates for the learners who are eligible in
cohorts that have ended, one of them revoked. Idempotent.

Certificates are issued through the same service as the certify queue, so only learners whose
attendance, practical assessments and lessons meet the rules get one; the attendance and
practical demo steps must run first."""

import datetime

from django.core.exceptions import ValidationError
from wagtail.models import Site

from certificates import selectors, services
from certificates.models import Certificate, CertificateSettings
from courses.models import Cohort

AWARDING_BODY = "Riverside Training Centre"
REVOKE_REASON = "Issued to the wrong learner (demo)."


def _branding() -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    branding = CertificateSettings.for_site(site)
    branding.awarding_body = AWARDING_BODY
    branding.country = "Italy"
    branding.quality_assurance = (
        "Courses follow the regional vocational training standard; practical assessments are "
        "observed by a qualified assessor and reviewed by a second person."
    )
    branding.signatory_name = "Giulia Romano"
    branding.signatory_title = "Director of Training"
    branding.save()


def seed(*, today: datetime.date, stdout) -> None:
    _branding()
    issued = 0
    cohorts = (
        Cohort.objects.filter(end_date__lt=today, course__awards_certificate=True)
        .select_related("course")
        .prefetch_related("coordinators")
        .order_by("start_date", "pk")
    )
    for cohort in cohorts:
        coordinator = cohort.coordinators.order_by("pk").first()
        for row in selectors.certify_queue(cohort=cohort):
            if not row.certifiable:
                continue
            try:
                _certificate, created = services.certificate_issue(
                    enrolment=row.enrolment, by=coordinator
                )
            except ValidationError:
                continue
            issued += created
    if not Certificate.objects.filter(status=Certificate.Status.REVOKED).exists():
        last = Certificate.objects.filter(status=Certificate.Status.VALID).order_by("-pk").first()
        if last is not None and Certificate.objects.filter(status="valid").count() > 1:
            services.certificate_revoke(certificate=last, reason=REVOKE_REASON, by=last.issued_by)
    stdout.write(
        f"Certificates: {issued} issued now, "
        f"{Certificate.objects.filter(status=Certificate.Status.VALID).count()} valid, "
        f"{Certificate.objects.filter(status=Certificate.Status.REVOKED).count()} revoked."
    )
