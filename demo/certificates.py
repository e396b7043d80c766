"""Demo certificates: the branding, and certificates for the learners who are eligible in
cohorts that have ended, one of them revoked; in the finished cohort of `coordinator`
(demo.people.RETAIL_DONE_STORY) a few eligible learners, `learner` among them, are left for
`coordinator` to certify in the demo. Idempotent.

Certificates are issued through the same service as the certify queue, so only learners whose
attendance, practical assessments and lessons meet the rules get one; the attendance and
practical demo steps must run first."""

import datetime

from django.core.exceptions import ValidationError
from wagtail.models import Site

from certificates import selectors, services
from certificates.models import Certificate, CertificateSettings
from courses.models import Cohort
from demo.branding import branding_images
from demo.people import RETAIL_DONE_STORY

AWARDING_BODY = "Riverside Training Centre"


def _branding() -> None:
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return
    branding = CertificateSettings.for_site(site)
    branding.awarding_body = AWARDING_BODY
    branding.country = "IT"
    branding.quality_assurance = (
        "Courses follow the regional vocational training standard; practical assessments are "
        "observed by a qualified assessor and reviewed by a second person."
    )
    branding.quality_assurance_es = (
        "Los cursos siguen el estándar regional de formación profesional; las evaluaciones "
        "prácticas las observa un evaluador cualificado y las revisa una segunda persona."
    )
    branding.quality_assurance_it = (
        "I corsi seguono lo standard regionale di formazione professionale; le valutazioni "
        "pratiche sono osservate da un valutatore qualificato e riesaminate da una seconda persona."
    )
    branding.quality_assurance_pt = (
        "Os cursos seguem a norma regional de formação profissional; as avaliações práticas são "
        "observadas por um avaliador qualificado e revistas por uma segunda pessoa."
    )
    branding.signatory_name = "Giulia Romano"
    branding.signatory_title = "Director of Training"
    branding.signatory_title_es = "Directora de Formación"
    branding.signatory_title_it = "Direttrice della formazione"
    branding.signatory_title_pt = "Diretora de Formação"
    branding.logo, branding.signature = branding_images()
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
        left = (
            RETAIL_DONE_STORY["left_to_certify"]
            if cohort.name == RETAIL_DONE_STORY["cohort"]
            else ()
        )
        for row in selectors.certify_queue(cohort=cohort):
            if not row.certifiable or row.enrolment.learner.username in left:
                continue
            try:
                _certificate, created = services.certificate_issue(
                    enrolment=row.enrolment, by=coordinator
                )
            except ValidationError:
                continue
            issued += created
    username, reason = RETAIL_DONE_STORY["revoked"]
    revoke = Certificate.objects.filter(
        enrolment__cohort__name=RETAIL_DONE_STORY["cohort"],
        enrolment__learner__username=username,
        status=Certificate.Status.VALID,
    ).first()
    if revoke is not None and not Certificate.objects.filter(status="revoked").exists():
        services.certificate_revoke(certificate=revoke, reason=reason, by=revoke.issued_by)
    stdout.write(
        f"Certificates: {issued} issued now, "
        f"{Certificate.objects.filter(status=Certificate.Status.VALID).count()} valid, "
        f"{Certificate.objects.filter(status=Certificate.Status.REVOKED).count()} revoked."
    )
