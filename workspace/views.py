from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from courses.models import Cohort
from lms.roles import COORDINATOR_PERMISSION
from workspace import rules, selectors


@require_GET
@login_required
def home(request):
    """'My caseload': each cohort the coordinator coordinates, with its counts."""
    if not request.user.has_perm(COORDINATOR_PERMISSION):
        raise PermissionDenied
    return render(
        request, "workspace/home.html", {"caseload": selectors.caseload(user=request.user)}
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
