from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from courses.models import Cohort
from lms.roles import COORDINATOR_PERMISSION
from workspace import rules, sections, selectors
from workspace.today import selectors as today_selectors


@require_GET
@login_required
def home(request):
    """'My caseload': each cohort the coordinator coordinates, with its counts, and the
    sections other apps add (workspace/sections.py)."""
    if not request.user.has_perm(COORDINATOR_PERMISSION):
        raise PermissionDenied
    return render(
        request,
        "workspace/home.html",
        {
            "caseload": selectors.caseload(user=request.user),
            "sections": sections.sections_for(request),
        },
    )


@require_GET
@login_required
def today(request):
    """'Today': the trainer's sessions of the week ahead, attempts waiting, learners at risk.
    For staff (anyone who may open the admin); learners have "My learning"."""
    if not request.user.has_perm("wagtailadmin.access_admin"):
        raise PermissionDenied
    return render(
        request, "workspace/today.html", {"day": today_selectors.today_for(user=request.user)}
    )


@require_GET
@login_required
def people(request, cohort_id: int, count: str):
    """The learners behind one count of one cohort the user coordinates."""
    if count not in rules.COUNTS_BY_NAME or count == rules.ENROLLED:
        raise Http404  # everyone enrolled is listed on the cohort's own page
    try:
        caseload = selectors.cohort_caseload(user=request.user, cohort_id=cohort_id)
    except Cohort.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "workspace/people.html",
        {"caseload": caseload, "cohort": caseload.cohort, "link": caseload.count(count)},
    )
