from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_POST

from courses import offline, selectors, services
from courses.dashboard import cards_render, parts_render
from courses.forms import CancelSessionForm, ScheduleForm, SessionForm
from courses.models import CoursePage, LessonPage
from lms.forms import form_add_service_errors
from lms.i18n import localized_page, original_of
from lms.offline.replay import refused_answer, replay_answer, replay_key
from lms.offline.services import offline_write_replay


@login_required
def dashboard(request):
    entries = selectors.learner_dashboard(learner=request.user)
    # What the apps above courses add (attendance warnings, the mentor card): courses/dashboard.py.
    parts = parts_render(request)
    # Each course's status and next step come from certificates, through the same registry.
    cards = cards_render(request, entries)
    return render(request, "courses/dashboard.html", {"cards": cards, "parts": parts})


@require_GET
@login_required
def course_offline(request, course_id: int):
    """What "Save for offline" stores of a course, and how much it weighs (courses/offline.py)."""
    course = get_object_or_404(CoursePage.objects.live(), pk=course_id)
    pack = offline.offline_pack(course=course, user=request.user)
    if pack is None:
        raise Http404
    return JsonResponse(
        {
            "course": pack.course_id,
            "version": pack.version,
            "urls": [*pack.page_urls, *pack.image_urls],
            "pages": pack.page_urls,
            "bytes": pack.bytes,
        }
    )


@require_POST
@login_required
def lesson_mark_done(request, lesson_id: int):
    # Done is recorded against the original lesson, whichever translation the learner read.
    lesson = original_of(get_object_or_404(LessonPage.objects.live(), pk=lesson_id))
    course = lesson.get_parent().specific
    enrolment = selectors.reading_enrolment(user=request.user, course=course)
    readable = localized_page(lesson)
    if key := replay_key(request):
        # Marked on the phone without a signal, sent now (static/js/offline.js).
        def perform():
            services.lesson_complete(enrolment=enrolment, lesson=lesson, by=request.user)
            return _("“%(lesson)s” is marked as done.") % {"lesson": readable.title}

        try:
            result = offline_write_replay(
                user=request.user, key=key, action="courses.lesson.complete", perform=perform
            )
        except ValidationError as error:
            return refused_answer(" ".join(error.messages))
        return replay_answer(result)
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
