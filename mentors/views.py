from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.forms import form_add_service_errors
from lms.models import User
from mentors import rules, selectors, services
from mentors.forms import AcceptForm, CapacityForm, DeclineForm, VolunteerForm
from mentors.models import VolunteerRequest
from mentors.selectors import alerts as alert_selectors


def _coordinator(request):
    """Pages for coordinators (of any cohort) and administrators; others are refused."""
    if not selectors.coordinates_any(request.user):
        raise PermissionDenied


def _refusal(person) -> str | None:
    refusal = selectors.volunteer_facts(person=person).refusal
    return services.MSG_REFUSALS[refusal] if refusal else None


# --- Everyone: volunteering, and a mentor's own mentees ----------------------------------------


@login_required
def home(request):
    user = request.user
    page = selectors.my_mentees_page(mentor=user)
    standing = page.standing
    is_coordinator = selectors.coordinates_any(user)
    return render(
        request,
        "mentors/home.html",
        {
            "latest_request": selectors.latest_request(person=user),
            "my_mentor": selectors.current_mentor_of(mentee=user),
            "refusal": _refusal(user),
            "standing": standing,
            "cards": page.cards,
            "max_mentees": page.max_mentees if standing else None,
            "is_coordinator": is_coordinator,
            "pending_count": (
                selectors.volunteer_requests_visible_to(user)
                .filter(status=VolunteerRequest.Status.PENDING)
                .count()
                if is_coordinator
                else 0
            ),
        },
    )


@login_required
def volunteer(request):
    refusal = _refusal(request.user)
    form = VolunteerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.volunteer_request_create(
                person=request.user, motivation=form.cleaned_data["motivation"]
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. A coordinator will read your request and answer you.")
            )
            return redirect("mentors:home")
    return render(request, "mentors/volunteer.html", {"form": form, "refusal": refusal})


# --- Coordinators -------------------------------------------------------------------------


@login_required
def requests(request):
    _coordinator(request)
    found = selectors.volunteer_requests_visible_to(request.user).order_by("status", "-created_at")
    pending = [r for r in found if r.status == VolunteerRequest.Status.PENDING]
    decided = [r for r in found if r.status != VolunteerRequest.Status.PENDING][:50]
    return render(request, "mentors/requests.html", {"pending": pending, "decided": decided})


@login_required
def request_detail(request, request_id: int):
    volunteer_request = get_object_or_404(
        selectors.volunteer_requests_visible_to(request.user), pk=request_id
    )
    cohorts = selectors.mentor_training_cohorts_for(request.user)
    action = request.POST.get("action") if request.method == "POST" else None
    accept_form = AcceptForm(request.POST if action == "accept" else None, cohorts=cohorts)
    decline_form = DeclineForm(request.POST if action == "decline" else None)
    if action in ("accept", "decline"):
        form = accept_form if action == "accept" else decline_form
        if form.is_valid():
            try:
                if action == "accept":
                    services.volunteer_request_accept(
                        request=volunteer_request,
                        cohort=form.cleaned_data["cohort"],
                        by=request.user,
                    )
                    messages.success(request, _("Accepted and enrolled. The person is told."))
                else:
                    services.volunteer_request_decline(
                        request=volunteer_request,
                        reason=form.cleaned_data["reason"],
                        by=request.user,
                    )
                    messages.success(request, _("Declined. The person is told, with your reason."))
            except ValidationError as error:
                form_add_service_errors(form, error)
            else:
                return redirect("mentors:requests")
    return render(
        request,
        "mentors/request_detail.html",
        {
            "volunteer_request": volunteer_request,
            "accept_form": accept_form,
            "decline_form": decline_form,
            "has_cohorts": cohorts.exists(),
        },
    )


@login_required
def register(request):
    _coordinator(request)
    status = request.GET.get("status", "")
    if status not in rules.STATUSES:
        status = ""
    not_supervised = request.GET.get("supervision") == "overdue"
    rows = selectors.register(user=request.user, status=status, not_supervised=not_supervised)
    return render(
        request,
        "mentors/register.html",
        {
            "rows": rows,
            "status": status,
            "not_supervised": not_supervised,
            "notice_days": selectors.notice_days(),
        },
    )


@login_required
def capacity(request, mentor_id: int):
    row = selectors.mentor_visible(user=request.user, mentor_id=mentor_id)
    if row is None:
        raise Http404
    form = CapacityForm(request.POST or None, initial={"max_mentees": row.max_mentees})
    if request.method == "POST" and form.is_valid():
        try:
            services.mentor_capacity_set(
                mentor=row.mentor, max_mentees=form.cleaned_data["max_mentees"], by=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Capacity saved."))
            return redirect("mentors:register")
    return render(request, "mentors/capacity.html", {"row": row, "form": form})


@login_required
def mentees(request):
    _coordinator(request)
    ended = request.GET.get("cohorts") == "ended"
    rows = selectors.mentees(user=request.user, ended=ended)
    contacts = selectors.last_contacts(r.assignment.pk for r in rows if r.assignment)
    return render(
        request,
        "mentors/mentees.html",
        {
            "ended": ended,
            "counts": selectors.mentee_counts(user=request.user),
            "rows": [
                (row, contacts.get(row.assignment.pk) if row.assignment else None) for row in rows
            ],
            "alerts": alert_selectors.alerts(user=request.user),
            "weeks": selectors.no_contact_weeks(),
            "may_set_weeks": request.user.has_perm("mentors.change_mentoringsettings"),
        },
    )


@login_required
def assign(request, enrolment_id: int):
    enrolment = get_object_or_404(selectors.mentee_enrolments(user=request.user), pk=enrolment_id)
    if request.method == "POST":
        chosen = request.POST.get("mentor", "")
        # "²" is a digit to isdigit() but not to int().
        plain = chosen.isascii() and chosen.isdigit()
        mentor = User.objects.filter(pk=int(chosen)).first() if plain else None
        if mentor is None:
            messages.error(request, _("Choose a mentor from the list."))
        else:
            try:
                services.assignment_create(enrolment=enrolment, mentor=mentor, by=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(mentor)s now mentors %(mentee)s.")
                    % {"mentor": mentor.display_name, "mentee": enrolment.learner.display_name},
                )
                return redirect("mentors:mentees")
    current = (
        selectors.assignments_visible_to(request.user)
        .filter(mentee=enrolment.learner, ended_on__isnull=True)
        .select_related("mentor__profile")
        .first()
    )
    return render(
        request,
        "mentors/assign.html",
        {
            "enrolment": enrolment,
            "current": current,
            "candidates": selectors.suggestions(enrolment=enrolment),
            "mentee_region_id": selectors.mentee_region_id(enrolment),
        },
    )


@require_POST
@login_required
def assignment_end(request, assignment_id: int):
    assignment = get_object_or_404(selectors.assignments_visible_to(request.user), pk=assignment_id)
    try:
        services.assignment_end(assignment=assignment, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Mentoring ended; the mentor has a free place again."))
    return redirect("mentors:mentees")


@login_required
def coverage(request):
    _coordinator(request)
    return render(
        request,
        "mentors/coverage.html",
        {
            "rows": selectors.coverage(user=request.user),
            "max_ratio": settings.MENTOR_COVERAGE_MAX_RATIO,
        },
    )
