"""Self check-in pages: the trainer's rotating code, the learner's check-in, the live list on the
roll call, and scanning learners' cards. Thin: scope, call a service, render."""

import datetime
import secrets

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from assessments.attendance import (
    checkin_rules,
    checkin_selectors,
    checkin_services,
    checkin_tokens,
)
from assessments.attendance.checkin_rules import CheckInRefusal
from assessments.models import AttendanceStatus, CheckInWindow
from courses import selectors as course_selectors

DEVICE_COOKIE = "lms_device"
DEVICE_SALT = "assessments.checkin.device"
DEVICE_MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie
SCAN_KEY = "checkin_scan"  # the scanned token and when, kept in the session through the login


def _staff_session(user, session_id):
    return get_object_or_404(course_selectors.sessions_visible_to(user), pk=session_id)


def qr_svg(data: str) -> str:
    """A QR code as inline SVG that scales to its box (segno: paths only, the data is encoded
    as modules, never written into the markup)."""
    svg = segno.make(data, error="m").svg_inline(
        scale=1, border=2, omitsize=True, svgclass="segno d-block w-100"
    )
    return mark_safe(svg)  # noqa: S308


def _code_context(session, now):
    window = checkin_services.window_current(session=session, now=now)
    context = {"session": session, "window": window, "count": None}
    if window is None:
        return context
    context["count"] = checkin_selectors.checkin_count(session=session)
    context["open"] = checkin_rules.window_open(
        now=now, opens_at=window.opens_at, ends_at=window.ends_at
    )
    if context["open"]:
        step = checkin_rules.step_at(now)
        token = checkin_tokens.qr_token(session_id=session.pk, window_id=window.pk, step=step)
        url = settings.SITE_URL + reverse("attendance:checkin_scan", args=[token])
        context.update(
            url=url,
            qr=qr_svg(url),
            typed=checkin_tokens.typed_code(session_id=session.pk, window_id=window.pk, step=step),
        )
    return context


@require_GET
@login_required
def checkin_code(request, session_id: int):
    """The trainer's full-screen page: the QR code and the typed code, renewed by htmx."""
    session = _staff_session(request.user, session_id)
    context = _code_context(session, timezone.now())
    context["can_open"] = not session.cancelled and session.date == timezone.localdate()
    return render(request, "assessments/checkin_code.html", context)


@require_GET
@login_required
def checkin_code_fragment(request, session_id: int):
    session = _staff_session(request.user, session_id)
    return render(
        request, "assessments/includes/checkin_code.html", _code_context(session, timezone.now())
    )


@require_POST
@login_required
def checkin_open(request, session_id: int):
    session = _staff_session(request.user, session_id)
    try:
        checkin_services.checkin_window_open(session=session, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("attendance:roll_call", session_id=session.pk)
    return redirect("attendance:checkin_code", session_id=session.pk)


@require_POST
@login_required
def checkin_close(request, session_id: int):
    session = _staff_session(request.user, session_id)
    window = get_object_or_404(CheckInWindow, session=session, pk=request.POST.get("window", 0))
    try:
        checkin_services.checkin_window_close(window=window, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Check-in is closed. Confirm the self check-ins and save."))
    return redirect("attendance:roll_call", session_id=session.pk)


@require_GET
@login_required
def self_checkins_fragment(request, session_id: int):
    """The roll call's live list of who checked themselves in (polled by htmx)."""
    session = _staff_session(request.user, session_id)
    return render(
        request,
        "assessments/includes/self_checkins.html",
        {"session": session, "checkins": self_checkin_rows(session)},
    )


def self_checkin_rows(session):
    checkins = checkin_selectors.self_checkins(session=session)
    for checkin in checkins:
        checkin.status_label = (
            AttendanceStatus(checkin.status_now).label if checkin.status_now else ""
        )
    return checkins


# --- The learner's side ---


def checkin_scan(request, token: str):
    """What the phone opens from the QR code: the code is judged now, then kept in the session
    (through the login, if needed) until the learner confirms on the next page."""
    now = timezone.now()
    scanned = checkin_tokens.parse(token)
    window = (
        CheckInWindow.objects.filter(pk=scanned.window_id).only("pk", "session_id").first()
        if scanned
        else None
    )
    if window is None or not checkin_tokens.qr_token_valid(scanned, session_id=window.session_id):
        refusal = CheckInRefusal.CODE_WRONG
    elif not checkin_rules.step_accepted(step=scanned.step, current=checkin_rules.step_at(now)):
        refusal = CheckInRefusal.CODE_EXPIRED
    else:
        request.session[SCAN_KEY] = {"token": token, "at": now.isoformat()}
        return redirect("attendance:checkin")
    request.session.pop(SCAN_KEY, None)
    return render(
        request,
        "assessments/checkin.html",
        {"refusal": checkin_services.MSG_CHECKIN_REFUSED[refusal], "scan": None},
        status=400,
    )


def _device(request) -> tuple[str, bool]:
    """This browser's device id (a signed cookie), and whether it is new."""
    device = request.get_signed_cookie(DEVICE_COOKIE, default=None, salt=DEVICE_SALT)
    if device:
        return device, False
    return secrets.token_urlsafe(24), True


def _typed_limited(request) -> bool:
    return is_ratelimited(
        request, group="assessments.checkin.typed", key="user", rate="10/5m", increment=True
    )


@login_required
def checkin(request):
    """The learner's check-in: the scanned code waiting to be confirmed, or a typed code."""
    scan = request.session.get(SCAN_KEY)
    context = {"scan": scan, "refusal": None, "outcome": None}
    if request.method == "POST":
        device, new_device = _device(request)
        try:
            if request.POST.get("code") is not None:
                if _typed_limited(request):
                    raise ValidationError(_("Too many tries. Wait five minutes and try again."))
                outcome = checkin_services.checkin_self_typed(
                    code=request.POST["code"], learner=request.user, device=device
                )
            elif scan:
                outcome = checkin_services.checkin_self(
                    token=scan["token"],
                    scanned_at=datetime.datetime.fromisoformat(scan["at"]),
                    learner=request.user,
                    device=device,
                )
            else:
                return redirect("attendance:checkin")
        except ValidationError as error:
            context["refusal"] = " ".join(error.messages)
            if scan and request.POST.get("code") is None:
                request.session.pop(SCAN_KEY, None)
                context["scan"] = None
            response = render(request, "assessments/checkin.html", context, status=400)
        else:
            request.session.pop(SCAN_KEY, None)
            context.update(scan=None, outcome=outcome)
            response = render(request, "assessments/checkin.html", context)
        if new_device:
            response.set_signed_cookie(
                DEVICE_COOKIE,
                device,
                salt=DEVICE_SALT,
                max_age=DEVICE_MAX_AGE,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
    return render(request, "assessments/checkin.html", context)


# --- Scanning cards ---


@require_GET
@login_required
def scan_cards(request, session_id: int):
    session = _staff_session(request.user, session_id)
    return render(request, "assessments/scan_cards.html", {"session": session})


@require_POST
@login_required
def scan_card(request, session_id: int):
    """One scanned card (posted by the scanner page, CSRF-protected): JSON for the page to say."""
    session = _staff_session(request.user, session_id)
    try:
        outcome = checkin_services.checkin_card_scan(
            session=session, token=request.POST.get("token", ""), by=request.user
        )
    except ValidationError as error:
        return JsonResponse({"ok": False, "message": " ".join(error.messages)}, status=400)
    if outcome.already_present:
        message = _("%(name)s was already marked present.") % {"name": outcome.name}
    else:
        message = _("%(name)s: %(status)s") % {
            "name": outcome.name,
            "status": AttendanceStatus.PRESENT.label,
        }
    return JsonResponse({"ok": True, "name": outcome.name, "message": message})
