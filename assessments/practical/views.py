from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from assessments.models import AssessmentTemplate, Attempt
from assessments.practical import selectors, services
from assessments.practical.forms import AttemptRecordForm, ReviewForm
from assessments.practical.replay import attempt_record_replay
from courses.models import Enrolment
from courses.selectors import cohorts_visible_to
from lms.i18n import label_courses_for_reader
from lms.offline.replay import replay_key

MSG_TOO_MANY_FILES = gettext_lazy(
    "You chose %(count)s files; at most %(max)s can be sent at a time. "
    "Save with fewer, then add the rest."
)


def _attempt_or_404(request, attempt_id: int) -> Attempt:
    try:
        return selectors.attempt_for_screen(attempt_id=attempt_id, user=request.user)
    except Attempt.DoesNotExist as exc:
        raise Http404 from exc


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@login_required
def queue(request):
    if not request.user.is_superuser and not cohorts_visible_to(request.user).exists():
        return redirect("assessments:results")
    return render(
        request,
        "assessments/queue.html",
        {"queue": selectors.assessor_queue(user=request.user)},
    )


@require_POST
@login_required
def attempt_start(request, enrolment_id: int, template_id: int):
    staff_enrolments = Enrolment.objects.filter(
        cohort__in=cohorts_visible_to(request.user).values("pk")
    )
    enrolment = get_object_or_404(staff_enrolments, pk=enrolment_id)
    template = get_object_or_404(AssessmentTemplate, pk=template_id)
    try:
        attempt = services.attempt_start(
            enrolment=enrolment, template=template, assessor=request.user
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("assessments:queue")
    return redirect("assessments:record", attempt_id=attempt.pk)


@login_required
def attempt_record(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    if request.method == "POST" and (key := replay_key(request)):
        # Recorded on the phone without a signal, sent now (static/js/offline.js).
        return attempt_record_replay(request, attempt=attempt, key=key)
    if attempt.assessor_id != request.user.pk or not attempt.is_editable:
        return redirect("assessments:attempt", attempt_id=attempt.pk)
    form = AttemptRecordForm(request.POST or None, request.FILES or None, attempt=attempt)
    if request.method == "POST" and form.is_valid():
        try:
            services.attempt_record(
                attempt=attempt,
                by=request.user,
                marks=form.marks(),
                feedback=form.cleaned_data["feedback"],
                assessed_on=form.cleaned_data["assessed_on"],
                uploads=form.uploads(),
            )
        except ValidationError as error:
            # Said in the error summary at the top of the page, and next to the field it is about.
            if hasattr(error, "error_dict"):  # a wrong date: said next to the date
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            if "submit" not in request.POST:
                messages.success(request, _("The draft is saved."))
                return redirect("assessments:record", attempt_id=attempt.pk)
            try:
                services.attempt_submit(attempt=attempt, by=request.user)
            except ValidationError as error:
                messages.error(
                    request,
                    _("The draft is saved but not submitted: %(error)s")
                    % {"error": _error_text(error)},
                )
                url = reverse("assessments:record", args=[attempt.pk])
                unmarked = [pk for pk, mark in form.marks().items() if mark.met is None]
                if unmarked:
                    # To the first criterion left unmarked, each of them pointed out: on a phone
                    # the message at the top is out of sight from the criteria.
                    url += f"?unmarked=1#criterion-{unmarked[0]}"
                return redirect(url)
            messages.success(request, _("Submitted. A second person will now review it."))
            return redirect("assessments:queue")
    return render(
        request,
        "assessments/record.html",
        {
            "attempt": attempt,
            "form": form,
            "errors": form.error_summary() if form.is_bound else [],
            # Said by the page's script before sending, rather than a "too large" page that
            # loses what was typed (the server's limits stay: lms/uploads.py).
            "too_big_message": services.MSG_EVIDENCE_TOO_BIG,
            "too_many_message": MSG_TOO_MANY_FILES,
        },
    )


@require_POST
@login_required
def evidence_remove(request, evidence_id: int):
    evidence = get_object_or_404(
        selectors.evidence_visible_to(request.user).select_related("attempt"), pk=evidence_id
    )
    try:
        services.evidence_remove(evidence=evidence, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(request, _("The file is removed."))
    return redirect("assessments:record", attempt_id=evidence.attempt_id)


@require_POST
@login_required
def attempt_discard(request, attempt_id: int):
    attempt = get_object_or_404(selectors.attempts_visible_to(request.user), pk=attempt_id)
    try:
        services.attempt_discard(attempt=attempt, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("assessments:attempt", attempt_id=attempt.pk)
    messages.success(request, _("The draft is discarded."))
    return redirect("assessments:queue")


@login_required
def attempt_detail(request, attempt_id: int):
    """The review screen: what was recorded, and the reviewer's decision."""
    attempt = _attempt_or_404(request, attempt_id)
    form = ReviewForm(request.POST or None)
    is_assessor = attempt.assessor_id == request.user.pk
    can_review = not is_assessor and attempt.status in (
        Attempt.Status.SUBMITTED,
        Attempt.Status.CONFIRMED,
    )
    if request.method == "POST" and form.is_valid():
        comment = form.cleaned_data["comment"]
        try:
            if "confirm" in request.POST:
                services.attempt_confirm(attempt=attempt, reviewer=request.user, comment=comment)
                messages.success(request, _("Confirmed. The learner can now see the result."))
            else:
                services.attempt_return(attempt=attempt, reviewer=request.user, reason=comment)
                messages.success(request, _("Returned to the assessor for correction."))
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
        else:
            return redirect("assessments:attempt", attempt_id=attempt.pk)
    return render(
        request,
        "assessments/attempt_detail.html",
        {
            "attempt": attempt,
            "form": form,
            "can_review": can_review,
            "is_assessor": is_assessor,
        },
    )


@login_required
def evidence_file(request, evidence_id: int):
    evidence = get_object_or_404(
        selectors.evidence_visible_to(request.user).exclude(file=""), pk=evidence_id
    )
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        content_type=evidence.content_type,
        as_attachment=request.GET.get("download") == "1",
        filename=f"evidence-{evidence.pk}.{evidence.extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def results(request):
    return render(
        request,
        "assessments/results.html",
        {"entries": _with_course_titles(selectors.learner_results(learner=request.user))},
    )


def _with_course_titles(entries):
    label_courses_for_reader([entry.enrolment for entry in entries])
    return entries


@login_required
def cohort_overview(request, cohort_id: int):
    cohort = get_object_or_404(
        cohorts_visible_to(request.user).select_related("course", "region"), pk=cohort_id
    )
    templates, rows = selectors.cohort_overview(cohort=cohort)
    return render(
        request,
        "assessments/cohort_overview.html",
        {
            "cohort": cohort,
            "templates": templates,
            "rows": rows,
        },
    )
