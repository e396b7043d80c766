from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from assessments.attendance.exports import to_csv, to_xlsx
from indicators import charts, mentoring, rules, selectors, services, tables
from indicators.forms import FilterForm, FollowUpForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _coordinators_only(user) -> None:
    if not selectors.may_see_indicators(user):
        raise PermissionDenied


def _download(table: list[list], *, name: str, fmt: str, title: str) -> HttpResponse:
    if fmt == "csv":
        response = HttpResponse(to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(to_xlsx(table, title=title), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    # Figures about people: not for shared caches.
    response["Cache-Control"] = "private, no-store"
    return response


def _filtered(request):
    """The filter form bound to the query string, and the figures it selects (None if the
    filters are not valid)."""
    today = timezone.localdate()
    form = FilterForm(
        request.GET or None,
        choices=selectors.filter_choices(user=request.user),
        today=today,
    )
    if request.GET and not form.is_valid():
        return form, None
    if request.GET:
        data = form.cleaned_data
    else:
        start, end = form.default_period()
        data = {"start": start, "end": end}
    filters = selectors.Filters(
        start=data["start"],
        end=data["end"],
        course=data.get("course"),
        kind=data.get("kind") or "",
        trade=data.get("trade"),
        region=data.get("region"),
    )
    return form, selectors.indicators(user=request.user, filters=filters, today=today)


def _mentoring_tables(request, data) -> dict:
    return mentoring.tables(user=request.user, filters=data.filters, today=timezone.localdate())


@require_GET
@login_required
def page(request):
    _coordinators_only(request.user)
    form, data = _filtered(request)
    context = {"form": form, "data": data, "query": request.GET.urlencode()}
    if data is not None:
        all_tables = tables.all_tables(data)
        mentoring_tables = _mentoring_tables(request, data)
        context |= {
            "mentoring": list(mentoring_tables.values()),
            "tables": all_tables,
            "charts": charts.page_charts(all_tables),
            "summary": all_tables["summary"],
            "breakdowns": [
                all_tables[k]
                for k in (
                    "by_region",
                    "by_gender",
                    "by_age",
                    "by_course",
                    "placement_by_course",
                    "placement_by_region",
                )
            ],
        }
    return render(request, "indicators/page.html", context)


@require_GET
@login_required
def export(request, table: str, fmt: str):
    _coordinators_only(request.user)
    _form, data = _filtered(request)
    if data is None:
        messages.error(request, _("Correct the filters, then export again."))
        return redirect(f"{reverse('indicators:page')}?{request.GET.urlencode()}")
    found = tables.all_tables(data).get(table) or _mentoring_tables(request, data).get(table)
    if found is None:
        raise Http404
    period = f"{data.filters.start:%Y%m%d}-{data.filters.end:%Y%m%d}"
    return _download(found.plain(), name=f"indicators-{table}-{period}", fmt=fmt, title=found.title)


@require_GET
@login_required
def follow_ups(request):
    _coordinators_only(request.user)
    rows = selectors.follow_up_list(user=request.user, today=timezone.localdate())
    return render(
        request,
        "indicators/follow_ups.html",
        {"rows": rows, "due_count": sum(1 for r in rows if r.due)},
    )


@login_required
def follow_up(request, enrolment_id: int):
    enrolment = get_object_or_404(
        selectors.follow_up_enrolments(user=request.user).select_related(
            "learner__profile", "cohort__course", "cohort__region"
        ),
        pk=enrolment_id,
    )
    recorded = {f.months: f for f in enrolment.follow_ups.select_related("recorded_by__profile")}
    today = timezone.localdate()
    due = rules.follow_ups_due(end_date=enrolment.cohort.end_date, today=today, recorded=recorded)
    form = FollowUpForm(request.POST or None, initial={"months": due[0] if due else None})
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_record(
                enrolment=enrolment,
                months=form.cleaned_data["months"],
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                by=request.user,
                today=today,
            )
        except ValidationError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Follow-up at %(months)s months recorded for %(name)s.")
                % {"months": form.cleaned_data["months"], "name": enrolment.learner},
            )
            return redirect("indicators:follow_ups")
    points = [
        {
            "months": months,
            "due_on": rules.follow_up_due_on(end_date=enrolment.cohort.end_date, months=months),
            "recorded": recorded.get(months),
        }
        for months in rules.FOLLOW_UP_MONTHS
    ]
    return render(
        request,
        "indicators/follow_up.html",
        {"enrolment": enrolment, "form": form, "points": points, "today": today},
    )


@require_GET
@login_required
def follow_ups_export(request, fmt: str):
    """Person-level: the follow-ups of the learners of the cohorts the user coordinates."""
    _coordinators_only(request.user)
    table = tables.follow_up_table(selectors.follow_ups_for_export(user=request.user))
    today = timezone.localdate()
    return _download(table, name=f"follow-ups-{today:%Y%m%d}", fmt=fmt, title=_("Follow-ups"))
