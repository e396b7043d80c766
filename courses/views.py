from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from courses import selectors, services
from courses.dashboard import cards_render, parts_render
from courses.forms import CancelSessionForm, ScheduleForm, SessionForm
from courses.models import LessonPage
from lms.forms import form_add_service_errors
from lms.i18n import localized_page, original_of


@login_required
def dashboard(request):
    entries = selectors.learner_dashboard(learner=request.user)
    # What the apps above courses add (attendance warnings, the mentor card): courses/dashboard.py.
    parts = parts_render(request)
    # Each course's status and next step come from certificates, through the same registry.
    cards = cards_render(request, entries)
    return render(request, "courses/dashboard.html", {"cards": cards, "parts": parts})


@require_POST
@login_required
def lesson_mark_done(request, lesson_id: int):
    # Done is recorded against the original lesson, whichever translation the learner read.
    lesson = original_of(get_object_or_404(LessonPage.objects.live(), pk=lesson_id))
    course = lesson.get_parent().specific
    enrolment = selectors.reading_enrolment(user=request.user, course=course)
    readable = localized_page(lesson)
    try:
        services.lesson_complete(enrolment=enrolment, lesson=lesson, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(readable.url)
    messages.success(request, _("“%(lesson)s” is marked as done.") % {"lesson": readable.title})
    next_lesson = localized_page(lesson.get_next_siblings().live().specific().first())
    if request.POST.get("continue") and next_lesson is not None:
        return redirect(next_lesson.url)
    return redirect(readable.url)


@login_required
def staff_cohorts(request):
    cohorts = selectors.cohorts_for_staff(user=request.user)
    return render(request, "courses/staff_cohorts.html", {"cohorts": cohorts})


@login_required
def cohort_detail(request, cohort_id: int):
    cohort = get_object_or_404(
        selectors.cohorts_visible_to(request.user).select_related("course", "region"),
        pk=cohort_id,
    )
    today = timezone.localdate()
    sessions = list(selectors.sessions_of(cohort=cohort))
    context = {
        "cohort": cohort,
        "today": today,
        "upcoming": [s for s in sessions if s.date >= today],
        "past": [s for s in reversed(sessions) if s.date < today],
        "enrolments": selectors.cohort_enrolments(cohort=cohort),
        "trainers": cohort.trainers.select_related("profile"),
        "coordinators": cohort.coordinators.select_related("profile"),
        "is_coordinator": selectors.cohorts_coordinated_by(request.user)
        .filter(pk=cohort.pk)
        .exists(),
    }
    return render(request, "courses/cohort_detail.html", context)


@login_required
def session_create(request, cohort_id: int):
    cohort = get_object_or_404(selectors.cohorts_visible_to(request.user), pk=cohort_id)
    form = SessionForm(request.POST or None, initial={"date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.session_create(cohort=cohort, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The session is added."))
            return redirect("courses:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "courses/session_form.html",
        {"form": form, "cohort": cohort, "heading": _("Add a session")},
    )


@login_required
def sessions_schedule(request, cohort_id: int):
    cohort = get_object_or_404(selectors.cohorts_visible_to(request.user), pk=cohort_id)
    form = ScheduleForm(
        request.POST or None,
        initial={"start": max(cohort.start_date, timezone.localdate()), "until": cohort.end_date},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sessions = services.sessions_schedule(
                cohort=cohort,
                by=request.user,
                **{**data, "weekdays": set(data["weekdays"])},
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d session is scheduled.",
                    "%(count)d sessions are scheduled.",
                    len(sessions),
                )
                % {"count": len(sessions)},
            )
            return redirect("courses:cohort", cohort_id=cohort.pk)
    return render(
        request,
        "courses/session_form.html",
        {"form": form, "cohort": cohort, "heading": _("Schedule many sessions")},
    )


@login_required
def session_edit(request, session_id: int):
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=session_id)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        # The form wrote into `session`; the service re-reads nothing, so start from the stored row.
        session.refresh_from_db()
        try:
            services.session_update(session=session, by=request.user, **changed)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return redirect("courses:cohort", cohort_id=session.cohort_id)
    return render(
        request,
        "courses/session_form.html",
        {
            "form": form,
            "cohort": session.cohort,
            "session": session,
            "heading": _("Edit session"),
            # Cancelling is offered here, apart from the roll call and the save button.
            "can_cancel": not session.cancelled,
        },
    )


@login_required
def session_cancel(request, session_id: int):
    session = get_object_or_404(selectors.sessions_visible_to(request.user), pk=session_id)
    form = CancelSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.session_cancel(
                session=session, reason=form.cleaned_data["reason"], by=request.user
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("The session is cancelled."))
            return redirect("courses:cohort", cohort_id=session.cohort_id)
    # The question names the session and what cancelling does; only the POST with a reason acts.
    return render(
        request,
        "courses/session_cancel.html",
        {"form": form, "cohort": session.cohort, "session": session},
    )
