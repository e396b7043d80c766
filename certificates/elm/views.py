import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import translation
from wagtail.log_actions import log

from certificates import selectors
from certificates.elm.document import elm_document
from certificates.models import Certificate
from certificates.services import verification_url
from courses.models import CoursePage


@login_required
def export(request, pk: int):
    """The certificate as an unsigned European Learning Model document, for the organisation to
    seal in the EU's issuer tool. Administrators only (a coordinator's certificates go to the
    EU under the organisation's seal, which only an administrator holds), within their scope;
    every export is audited, as it carries the holder's name."""
    if not request.user.is_superuser:
        raise Http404
    certificate = get_object_or_404(selectors.certificates_managed_by(request.user), pk=pk)
    if certificate.status != Certificate.Status.VALID:
        raise Http404
    snapshot = certificate.snapshot
    participation = CoursePage.Participation(snapshot["participation_form"])
    with translation.override(certificate.language):
        document = elm_document(
            serial=certificate.serial,
            language=certificate.language,
            snapshot=snapshot,
            verification_url=verification_url(certificate.verification_code),
            participation_label=str(participation.label),
        )
    log(instance=certificate, action="certificates.export_elm", user=request.user)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2), content_type="application/ld+json"
    )
    filename = f"certificate-{certificate.serial}-elm.jsonld"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
