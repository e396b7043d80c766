"""The learner's check-in card: the section on "My profile", the printable PDF, and resetting it.
The card's QR code carries only its opaque token (docs/security.md, "Check-in cards")."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments.attendance import checkin_services
from assessments.attendance.checkin_views import qr_svg
from courses.models import Enrolment
from lms.profile_sections import back_to_section


def profile_section(request) -> dict | None:
    """The card on "My profile", for anyone enrolled in a cohort (made the first time)."""
    if not Enrolment.objects.filter(learner=request.user).exists():
        return None
    card = checkin_services.card_issue(learner=request.user, by=request.user)
    return {"qr": qr_svg(card.token), "card": card}


@require_GET
@login_required
def card_pdf(request):
    """The card to print: the QR code and the learner's name, on a card-sized page."""
    # Not at the top: WeasyPrint takes about a second to load, which every web worker would pay.
    from weasyprint import HTML

    card = checkin_services.card_issue(learner=request.user, by=request.user)
    profile = getattr(request.user, "profile", None)
    html = render_to_string(
        "assessments/checkin_card_pdf.html",
        {
            "qr": qr_svg(card.token),
            "name": profile.printed_name if profile else request.user.get_username(),
        },
        request=request,
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="check-in-card.pdf"'
    return response


@require_POST
@login_required
def card_reset(request):
    checkin_services.card_reset(learner=request.user, by=request.user)
    return back_to_section(
        request,
        "checkin_card",
        _("Your old card no longer works. Print or show the new one from here."),
    )
