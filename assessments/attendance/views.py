from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext_lazy
from django.views.decorators.http import require_GET

from assessments.attendance import checkin_views, exports, selectors, services, summary
from assessments.attendance.forms import RollCallForm, named_enrolment_ids
from assessments.attendance.replay import roll_call_replay
from assessments.models import AttendanceStatus
from courses import selectors as course_selectors
from courses.models import Enrolment, Session
from lms.i18n import label_courses_for_reader
from lms.offline.replay import replay_key

# The roll call's four buttons share one row of a phone's screen: words short enough in every
# language ("Falta justificada" is the status's name in Spanish, "Justificada" its button).
ROLL_CALL_CHOICES = [
    (AttendanceStatus.PRESENT, pgettext_lazy("roll call button", "Present")),
    (AttendanceStatus.LATE, pgettext_lazy("roll call button", "Late")),
    (AttendanceStatus.EXCUSED, pgettext_lazy("roll call button", "Excused")),
    (AttendanceStatus.ABSENT, pgettext_lazy("roll call button", "Absent")),
]


def _scoped_session(user, session_id: int) -> Session:
    return get_object_or_404(course_selectors.sessions_visible_to(user), pk=session_id)


def _row_views(form, rows, conflicts, *, user):
    """What the template needs for each roll-call row, as plain values (a roll call of 300
    learners renders 1,200 radio buttons: bound fields for each would be slow)."""
    errors = form.errors if form.is_bound else {}
    views = []
    for row in rows:
        pk = row.enrolment.pk
        if form.is_bound:
            status = form.data.get(f"status-{pk}", "")
            note = form.data.get(f"note-{pk}", "")
            version = form.data.get(f"version-{pk}", "0")
        else:
            status = row.record.status if row.record else ""
            note = row.record.note if row.record else ""
            version = row.version
        learner = row.enrolment.learner
        profile = getattr(learner, "profile", None)
        views.append(
            {
                "pk": pk,
                "name": profile.printed_name if profile else learner.get_username(),
                "record": row.record,
                "status": status,
                "note": note,
                "version": version,
                "errors": [*errors.get(f"status-{pk}", []), *errors.get(f"note-{pk}", [])],
                "conflict": conflicts.get(pk),
                # Nobody records their own attendance (the service refuses it too).
                "own": row.enrolment.learner_id == user.pk,
                # The learner checked in by themselves; saving the row as it is confirms it.
                "self": bool(row.record and row.record.self_checked_in),
            }
        )
    return views


def _markable(rows, user):
    """The rows the person may mark (nobody records their own attendance)."""
    return [row for row in rows if row.enrolment.learner_id != user.pk]


def _with_unmarked(request, rows):
    """The roll call as sent; with "Save: everyone not marked is present", each learner the
    person may mark, left unmarked and with nothing saved yet, is present (what was tapped, or
    saved before, stays as it is)."""
    if request.POST.get("unmarked") != AttendanceStatus.PRESENT:
        return request.POST
    data = request.POST.copy()
    for row in _markable(rows, request.user):
        key = f"status-{row.enrolment.pk}"
        if not data.get(key) and row.record is None:
            data[key] = AttendanceStatus.PRESENT
    return data


def _last_saved(rows):
    """The most recently saved record of the roll call, said once at the top of the page."""
    records = [row.record for row in rows if row.record]
    return max(records, key=lambda record: record.recorded_at, default=None)


@login_required
def roll_call(request, session_id: int):
    session = _scoped_session(request.user, session_id)
    rows = selectors.roll_call(session=session)
    conflicts = {}
    if request.method == "POST" and (key := replay_key(request)):
        return roll_call_replay(
            request, session=session, rows=rows, data=_with_unmarked(request, rows), key=key
        )
    if request.method == "POST":
        # A learner who is not on this roll call (another cohort, joined later): refuse it all.
        if named_enrolment_ids(request.POST) - {row.enrolment.pk for row in rows}:
            raise Http404
        form = RollCallForm(_with_unmarked(request, rows), rows=rows)
        if form.is_valid():
            try:
                outcome = services.roll_call_save(
                    session=session, entries=form.entries(), by=request.user
                )
            except services.RollCallConflictError as error:
                conflicts = {c.entry.enrolment_id: c for c in error.conflicts}
                data = request.POST.copy()
                for pk, conflict in conflicts.items():
                    data[f"version-{pk}"] = str(conflict.current.version)
                    data.pop(f"status-{pk}", None)  # the person decides again
                form = RollCallForm(data, rows=rows)
                form.is_valid()
                messages.warning(
                    request,
                    ngettext(
                        "Nothing was saved: someone else changed %(count)s of these records "
                        "since you opened the page. Check the highlighted learner, choose, "
                        "and save again.",
                        "Nothing was saved: someone else changed %(count)s of these records "
                        "since you opened the page. Check the highlighted learners, choose, "
                        "and save again.",
                        len(conflicts),
                    )
                    % {"count": len(conflicts)},
                )
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                saved = _("Roll call saved: %(created)s new, %(changed)s changed.") % {
                    "created": outcome.created,
                    "changed": outcome.changed,
                }
                # A row left without a choice keeps what it had.
                statuses = {row.enrolment.pk: row.record.status for row in rows if row.record}
                statuses.update({entry.enrolment_id: entry.status for entry in form.entries()})
                counts = summary.status_counts(
                    statuses.get(row.enrolment.pk, "") for row in _markable(rows, request.user)
                )
                messages.success(request, f"{saved} {summary.summary_text(counts)}.")
                return redirect("attendance:roll_call", session_id=session.pk)
    else:
        form = RollCallForm(rows=rows)
    row_views = _row_views(form, rows, conflicts, user=request.user)
    checkin_live = not session.cancelled and session.date == timezone.localdate()
    context = {
        "checkin_live": checkin_live,
        "self_checkins": checkin_views.self_checkin_rows(session) if checkin_live else [],
        "session": session,
        "cohort": session.cohort,
        "form": form,
        "rows": row_views,
        "statuses": ROLL_CALL_CHOICES,
        "last_saved": _last_saved(rows),
        "summary": summary.summary_text(
            summary.status_counts(row["status"] for row in row_views if not row["own"])
        ),
        "summary_forms": summary.summary_forms(),
        "can_take": not session.cancelled and session.date <= timezone.localdate(),
        # Today's and tomorrow's are kept on the trainer's phone for a field without a signal.
        "keep_offline": 0 <= (session.date - timezone.localdate()).days <= 1,
        "is_coordinator": course_selectors.cohorts_coordinated_by(request.user)
        .filter(pk=session.cohort_id)
        .exists(),
    }
    return render(request, "assessments/roll_call.html", context)


@require_GET
@login_required
def session_history(request, session_id: int):
    session = get_object_or_404(
        Session.objects.filter(
            cohort__in=course_selectors.cohorts_coordinated_by(request.user).values("pk")
        ).select_related("cohort__course"),
        pk=session_id,
    )
    changes = selectors.session_history(session=session)
    return render(
        request, "assessments/session_history.html", {"session": session, "changes": changes}
    )


def _scoped_cohort(user, cohort_id: int):
    return get_object_or_404(
        course_selectors.cohorts_visible_to(user).select_related("course", "region"),
        pk=cohort_id,
    )


@require_GET
@login_required
def cohort_grid(request, cohort_id: int):
    cohort = _scoped_cohort(request.user, cohort_id)
    grid = selectors.cohort_grid(cohort=cohort)
    at_risk = [row for row in grid.rows if row.summary.at_risk]
    return render(
        request,
        "assessments/cohort_grid.html",
        {"cohort": cohort, "grid": grid, "at_risk_count": len(at_risk)},
    )


@require_GET
@login_required
def cohort_export(request, cohort_id: int, fmt: str):
    cohort = _scoped_cohort(request.user, cohort_id)
    table = exports.grid_table(selectors.cohort_grid(cohort=cohort))
    filename = f"attendance-{slugify(cohort.course.title)}-{slugify(cohort.name)}"
    if fmt == "csv":
        response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.to_xlsx(table, title=cohort.name),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


@require_GET
@login_required
def at_risk(request):
    risks = selectors.at_risk_for_coordinator(user=request.user)
    return render(request, "assessments/at_risk.html", {"risks": risks})


@require_GET
@login_required
def my_attendance(request):
    enrolments = (
        Enrolment.objects.filter(learner=request.user)
        .exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("cohort__course")
    )
    items = [
        (enrolment, selectors.attendance_summary(enrolment=enrolment))
        for enrolment in label_courses_for_reader(enrolments)
    ]
    return render(request, "assessments/my_attendance.html", {"items": items})


@require_GET
@login_required
def my_attendance_detail(request, enrolment_id: int):
    enrolment = get_object_or_404(
        Enrolment.objects.filter(learner=request.user).select_related("cohort__course"),
        pk=enrolment_id,
    )
    label_courses_for_reader([enrolment])
    attendance = selectors.learner_attendance(enrolment=enrolment)
    return render(
        request,
        "assessments/my_attendance_detail.html",
        {"enrolment": enrolment, "summary": attendance.summary, "cells": attendance.cells},
    )
