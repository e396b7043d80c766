import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from certificates import rules, selectors, services
from certificates.credentials.verification import credential_check
from certificates.elm import rules as elm_rules
from certificates.forms import LookupForm, ReasonForm, UploadForm, is_pdf
from certificates.learning_record import (
    learning_record_by_lookup,
    learning_record_by_sha256,
    learning_record_pdf,
)
from certificates.models import Certificate
from courses.selectors import cohorts_coordinated_by

# --- Coordinators -------------------------------------------------------------------------


@login_required
def cohort_list(request):
    cohorts = selectors.cohorts_for_certification(user=request.user)
    return render(request, "certificates/cohort_list.html", {"cohorts": cohorts})


@login_required
def queue(request, cohort_id: int):
    cohort = get_object_or_404(
        cohorts_coordinated_by(request.user).select_related("course", "region"), pk=cohort_id
    )
    # After a refusal the boxes stay as the coordinator left them: ticked again, a second press
    # would certify people they had unticked.
    chosen = None
    if request.method == "POST":
        chosen = set(request.POST.getlist("enrolment"))
        try:
            batch = services.certificates_issue(
                cohort=cohort,
                enrolment_ids=request.POST.getlist("enrolment"),
                by=request.user,
                language=request.POST.get("language") or None,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            return redirect("certificates:batch", batch_id=batch.pk)
    rows = selectors.certify_queue(cohort=cohort)
    return render(
        request,
        "certificates/queue.html",
        {
            "cohort": cohort,
            "rows": rows,
            "chosen": chosen,
            "certifiable_count": sum(1 for row in rows if row.certifiable),
            # What every certificate issued here will carry (its link and QR code): seen before
            # anyone certifies, so that a wrong address is caught before it is printed.
            "verify_page_url": settings.SITE_URL + reverse("verify:lookup"),
            "batches": cohort.certificate_batches.all()[:5],
            # Said before anyone certifies: what the certificates would lack for the EU.
            "elm_missing": _course_elm_missing(cohort.course),
        },
    )


def _course_elm_missing(course) -> list:
    branding = selectors.branding()
    return elm_rules.course_missing_fields(
        title=course.title,
        outcomes=course.outcomes,
        hours=course.notional_hours,
        eqf_level=course.eqf_level,
        assessment_type=course.assessment_type,
        participation_form=course.participation_form,
        awarding_body=branding.awarding_body,
        country=branding.country,
        quality_assurance=branding.quality_assurance,
    )


@login_required
def batch(request, batch_id: int):
    batch = get_object_or_404(
        selectors.batches_visible_to(request.user).select_related("cohort__course"), pk=batch_id
    )
    progress = selectors.batch_progress(batch=batch)
    certificates = batch.certificates.select_related("enrolment").order_by("serial")
    return render(
        request,
        "certificates/batch.html",
        {"batch": batch, "progress": progress, "certificates": certificates},
    )


@login_required
def certificate_detail(request, pk: int):
    certificate = get_object_or_404(
        selectors.certificates_managed_by(request.user).select_related(
            "enrolment__cohort__course", "issued_by", "status_changed_by", "supersedes"
        ),
        pk=pk,
    )
    return render(
        request,
        "certificates/certificate_detail.html",
        {
            "certificate": certificate,
            # Two forms on one page: their own ids, so each label points at its own box.
            "reissue_form": ReasonForm(auto_id="reissue_%s"),
            "revoke_form": ReasonForm(auto_id="revoke_%s"),
            "verification_url": services.verification_url(certificate.verification_code),
            "elm_missing": elm_rules.missing_fields(
                elm_rules.snapshot_values(certificate.snapshot)
            ),
        },
    )


def _confirmed_change(request, pk, *, action, kind, success, refused):
    """Revoking and re-issuing ask first. The detail page's reason, or a GET, leads to a page
    naming the learner and what will happen; only its "Yes" (a POST carrying `confirm`, with a
    reason) calls the service. Anything else changes nothing and asks again."""
    certificate = get_object_or_404(
        selectors.certificates_managed_by(request.user).select_related("enrolment__cohort"),
        pk=pk,
    )
    if certificate.status != Certificate.Status.VALID:
        messages.error(request, refused)
        return redirect("certificates:detail", pk=certificate.pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and "confirm" in request.POST and form.is_valid():
        try:
            result = action(
                certificate=certificate, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("certificates:detail", pk=certificate.pk)
        messages.success(request, success % {"serial": result.serial})
        return redirect("certificates:detail", pk=result.pk)
    if request.method == "POST" and "confirm" not in request.POST:
        # The first step: the reason is shown again to be confirmed, without "required" noise.
        form = ReasonForm(initial={"reason": request.POST.get("reason", "")})
    return render(
        request,
        "certificates/confirm_change.html",
        {"certificate": certificate, "form": form, "kind": kind},
    )


@login_required
def revoke(request, pk: int):
    return _confirmed_change(
        request,
        pk,
        action=services.certificate_revoke,
        kind="revoke",
        success=_("Certificate %(serial)s is revoked."),
        refused=services.MSG_ONLY_VALID_REVOKED,
    )


@login_required
def reissue(request, pk: int):
    return _confirmed_change(
        request,
        pk,
        action=services.certificate_reissue,
        kind="reissue",
        success=_("Certificate %(serial)s was issued."),
        refused=services.MSG_ONLY_VALID_REISSUED,
    )


@require_POST
@login_required
def retry(request, pk: int):
    certificate = get_object_or_404(selectors.certificates_managed_by(request.user), pk=pk)
    try:
        certificate = services.certificate_render_retry(certificate=certificate, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if certificate.render_status == Certificate.Render.FAILED:
            messages.error(
                request, _("The PDF failed again: %(error)s") % {"error": certificate.render_error}
            )
        else:
            messages.success(request, _("The PDF is being prepared again."))
    return redirect("certificates:detail", pk=certificate.pk)


# --- Learners -----------------------------------------------------------------------------


@login_required
def mine(request):
    return render(
        request,
        "certificates/mine.html",
        {
            "certificates": selectors.certificates_of(learner=request.user).select_related(
                "credential"
            )
        },
    )


MSG_NOT_VALID = gettext_lazy(
    "Certificate %(serial)s is no longer valid, so it cannot be downloaded. Your coordinator can "
    "tell you why."
)


@login_required
def download(request, pk: int):
    certificate = get_object_or_404(selectors.certificates_visible_to(request.user), pk=pk)
    if certificate.status != Certificate.Status.VALID and not (
        selectors.certificates_managed_by(request.user).filter(pk=certificate.pk).exists()
    ):
        # A revoked or superseded copy stays on record for its coordinators, but its holder can
        # no longer download it to show an employer: only a valid certificate can be shown.
        messages.warning(request, MSG_NOT_VALID % {"serial": certificate.serial})
        return redirect("certificates:mine")
    if certificate.render_status != Certificate.Render.RENDERED:
        messages.info(request, _("This certificate's PDF is still being prepared."))
        return redirect("certificates:mine")
    if not certificate.pdf:
        raise Http404(_("The PDF was removed with the holder's personal data."))
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"certificate-{certificate.serial}.pdf",
        content_type="application/pdf",
    )


@login_required
def learning_record(request):
    content = learning_record_pdf(learner=request.user)
    response = HttpResponse(content, content_type="application/pdf")
    filename = f"learning-record-{timezone.localdate():%Y-%m-%d}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Public verification ------------------------------------------------------------------


def _rate_limited(request) -> bool:
    """Counted per client (lms.client_ip, behind the proxies) in a cache every process shares."""
    limit, window = settings.CERTIFICATE_VERIFY_RATE
    return is_ratelimited(
        request,
        group="certificates.verify",
        key="ip",
        rate=f"{limit}/{window}s",
        increment=True,
    )


def _too_many(request):
    return render(request, "certificates/verify_limited.html", status=429)


def _verify_page(
    request,
    *,
    certificate=None,
    serial_only=None,
    surname_mismatch=False,
    looked_up=False,
    upload_result=None,
    status=200,
    lookup_form=None,
    upload_form=None,
    learning_record=None,
    credential_check=None,
):
    return render(
        request,
        "certificates/verify.html",
        {
            "certificate": certificate,
            "serial_only": serial_only,
            "surname_mismatch": surname_mismatch,
            "looked_up": looked_up,
            "upload_result": upload_result,
            "lookup_form": lookup_form or LookupForm(),
            "upload_form": upload_form or UploadForm(),
            "learning_record": learning_record,
            "credential_check": credential_check,
        },
        status=status,
    )


def verify(request):
    """Enter a code or a serial number, or drop a PDF to check it is an unaltered copy."""
    if request.method == "POST":
        if _rate_limited(request):
            return _too_many(request)
        if "file" in request.FILES:
            form = UploadForm(request.POST, request.FILES)
            if not form.is_valid():
                return _verify_page(request, upload_form=form, status=400)
            if not is_pdf(form.cleaned_data["file"]):
                # A digital credential: its signature, expiry and status list.
                check = credential_check(form.cleaned_data["file"].read())
                return _verify_page(request, credential_check=check)
            digest = hashlib.sha256()
            for chunk in form.cleaned_data["file"].chunks():
                digest.update(chunk)
            certificate = selectors.certificate_by_sha256(digest=digest.hexdigest())
            record = None if certificate else learning_record_by_sha256(digest=digest.hexdigest())
            if record is not None:
                return _verify_page(
                    request,
                    learning_record=record,
                    looked_up=True,
                    upload_result="authentic_record",
                )
            return _verify_page(
                request,
                certificate=certificate,
                looked_up=True,
                upload_result="authentic" if certificate else "unknown",
            )
        form = LookupForm(request.POST)
        if not form.is_valid():
            return _verify_page(request, lookup_form=form, status=400)
        text, surname = form.cleaned_data["code"].strip(), form.cleaned_data["surname"]
        certificate = selectors.certificate_by_lookup(text=text)
        if certificate is None:
            # Not a certificate's code: perhaps the one printed on a learning record.
            record = learning_record_by_lookup(text=text)
            if record is not None:
                return redirect("verify:detail", code=record.verification_code)
            return _verify_page(request, looked_up=True, lookup_form=form, status=404)
        if not rules.looks_like_serial(text):
            return redirect("verify:detail", code=certificate.verification_code)
        # Serials are sequential: a serial alone must not list who holds which certificate.
        # It says only that the certificate exists and whether it is valid; the holder's
        # surname with it proves the visitor already knows whose it is.
        if (
            surname
            and not certificate.snapshot.get("name_withheld")
            and rules.surname_matches(
                printed_name=certificate.snapshot.get("printed_name", ""), surname=surname
            )
        ):
            return _verify_page(request, certificate=certificate, looked_up=True)
        return _verify_page(
            request,
            serial_only=certificate,
            surname_mismatch=bool(surname),
            looked_up=True,
            lookup_form=form,
        )
    return _verify_page(request)


def verify_detail(request, code: str):
    if _rate_limited(request):
        return _too_many(request)
    certificate = selectors.certificate_by_lookup(text=code)
    if certificate is None or certificate.verification_code != code:
        # A short code in the address (typed by hand): its page is the full code's.
        if certificate is not None and not rules.looks_like_serial(code):
            return redirect("verify:detail", code=certificate.verification_code)
        record = None if certificate else learning_record_by_lookup(text=code)
        if record is not None and record.verification_code != code:
            return redirect("verify:detail", code=record.verification_code)
        if record is not None:
            return _verify_page(request, learning_record=record, looked_up=True)
        return _verify_page(request, looked_up=True, status=404)
    return _verify_page(request, certificate=certificate, looked_up=True)
