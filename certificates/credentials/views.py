"""The credentials' public documents (issuer, did:web, keys, status lists, a credential its holder
lets anyone look up) and the holder's own: download, and the choice of public lookup."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from certificates import selectors
from certificates.credentials import documents, keys, rules, services, status_list
from certificates.credentials.models import Credential
from certificates.models import Certificate

JWT_TYPE = "application/vc+jwt"


def _public(response):
    # Wallets and verifiers fetch these from other sites' pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_GET
def issuer(request):
    branding = selectors.branding()
    return _public(
        JsonResponse(
            documents.issuer_profile_document(
                name=branding.awarding_body, country=branding.country
            ),
            json_dumps_params={"ensure_ascii": False},
        )
    )


@require_GET
def did_document(request):
    return _public(JsonResponse(documents.did_document(jwks=keys.public_jwks())))


@require_GET
def jwks(request):
    return _public(JsonResponse(keys.public_jwks()))


@require_GET
def status_list_view(request, number: int):
    if number > Credential.objects.count() // rules.LIST_SIZE:
        raise Http404
    response = HttpResponse(status_list.signed_list(number=number), content_type=JWT_TYPE)
    # Every fetch sees the latest revocations.
    response["Cache-Control"] = "no-cache"
    return _public(response)


@require_GET
def hosted(request, uuid):
    """The credential at the address its QR code carries, for a wallet to fetch: only while its
    holder lets anyone look it up, and only while the certificate is valid."""
    credential = Credential.objects.select_related("certificate").filter(uuid=uuid).first()
    if (
        credential is None
        or not credential.public_lookup
        or not credential.jwt
        or credential.certificate.status != Certificate.Status.VALID
    ):
        return render(
            request,
            "certificates/credential_withdrawn.html",
            {"verify_url": reverse("verify:lookup")},
            status=404,
        )
    return _public(HttpResponse(credential.jwt, content_type=JWT_TYPE))


def _own(request, pk: int) -> Credential:
    certificate = get_object_or_404(
        selectors.certificates_of(learner=request.user).select_related("credential"), pk=pk
    )
    credential = getattr(certificate, "credential", None)
    if credential is None or not credential.jwt:
        raise Http404(_("This certificate has no digital credential."))
    return credential


@login_required
def download(request, pk: int):
    credential = _own(request, pk)
    certificate = credential.certificate
    if certificate.status != Certificate.Status.VALID:
        messages.warning(request, _("Only a valid certificate's credential can be downloaded."))
        return redirect("certificates:mine")
    response = HttpResponse(credential.jwt, content_type=JWT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="credential-{certificate.serial}.jwt"'
    return response


@require_POST
@login_required
def lookup(request, pk: int):
    credential = _own(request, pk)
    public = request.POST.get("public") == "1"
    services.credential_lookup_set(credential=credential, public=public, by=request.user)
    if public:
        messages.success(request, _("Anyone holding your digital credential can look it up."))
    else:
        messages.success(
            request,
            _(
                "Your digital credential is withdrawn from public lookup. It is still valid, "
                "and you can still show it."
            ),
        )
    return redirect("certificates:mine")
