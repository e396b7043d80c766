"""Pages of mentoring in practice: a mentee's consent (posted from "My profile"), the meeting
log of one mentoring (the mentor and the mentee's coordinators), logging and changing an entry
(the mentor), and a mentor's supervision (coordinators)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lms.forms import form_add_service_errors
from lms.profile_sections import back_to_section
from mentors import practice_services as services
from mentors import selectors
from mentors.forms import ConsentForm, DealtWithForm, MeetingForm, SupervisionForm


@require_POST
@login_required
def consent(request):
    form = ConsentForm(request.POST)
    if form.is_valid():
        try:
            services.consent_set(mentee=request.user, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            return back_to_section(
                request, "mentoring", " ".join(error.messages), level=messages.ERROR
            )
        return back_to_section(
            request, "mentoring", _("Saved. Your mentor sees only what you chose, from now on.")
        )
    return redirect(reverse("profile") + "#profile-mentoring")


@login_required
def meetings(request, assignment_id: int):
    assignment = get_object_or_404(
        selectors.assignments_with_log_visible_to(request.user).select_related(
            "mentor__profile", "mentee__profile", "enrolment__cohort"
        ),
        pk=assignment_id,
    )
    now = timezone.now()
    meetings = list(assignment.meetings.select_related("dealt_with_by__profile"))
    for meeting in meetings:
        meeting.assignment = assignment  # read once above, not once per entry
    entries = [
        {
            "meeting": m,
            "note": m.private_note if selectors.note_visible(meeting=m, user=request.user) else "",
            "editable": selectors.meeting_editable(meeting=m, user=request.user, now=now),
        }
        for m in meetings
    ]
    return render(
        request,
        "mentors/meetings.html",
        {
            "assignment": assignment,
            "entries": entries,
            "is_mentor": assignment.mentor_id == request.user.pk and assignment.ended_on is None,
        },
    )


def _meeting_kwargs(form) -> dict:
    data = form.cleaned_data
    return {
        "met_on": data["met_on"],
        "kind": data["kind"],
        "minutes": data["minutes"],
        "topics": data["topics"],
        "next_step": data["next_step"],
        "private_note": data["private_note"],
        "needs_attention": data["needs_attention"],
    }


@login_required
def meeting_new(request, assignment_id: int):
    assignment = get_object_or_404(
        selectors.assignments_logged_by(request.user).select_related("mentee__profile"),
        pk=assignment_id,
    )
    form = MeetingForm(
        request.POST or None,
        initial={"met_on": timezone.localdate(), "kind": "in_person", "minutes": 30},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_log(assignment=assignment, by=request.user, **_meeting_kwargs(form))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if form.cleaned_data["needs_attention"]:
                messages.success(request, _("Meeting logged. Your coordinator will be told."))
            else:
                messages.success(request, _("Meeting logged."))
            return redirect("mentors:home")
    return render(
        request, "mentors/meeting_form.html", {"form": form, "assignment": assignment, "new": True}
    )


@login_required
def meeting_edit(request, meeting_id: int):
    meeting = get_object_or_404(
        selectors.meetings_visible_to(request.user).select_related("assignment__mentee__profile"),
        pk=meeting_id,
    )
    if not selectors.meeting_editable(meeting=meeting, user=request.user):
        messages.info(request, str(services.MSG_READ_ONLY))
        return redirect("mentors:meetings", assignment_id=meeting.assignment_id)
    initial = {
        "met_on": meeting.met_on,
        "kind": meeting.kind,
        "minutes": meeting.minutes,
        "topics": meeting.topics,
        "next_step": meeting.next_step,
        "private_note": meeting.private_note,
        "needs_attention": meeting.needs_attention,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.meeting_update(meeting=meeting, by=request.user, **_meeting_kwargs(form))
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Meeting changed."))
            return redirect("mentors:meetings", assignment_id=meeting.assignment_id)
    return render(
        request,
        "mentors/meeting_form.html",
        {"form": form, "assignment": meeting.assignment, "meeting": meeting, "new": False},
    )


@require_POST
@login_required
def meeting_dealt_with(request, meeting_id: int):
    """A coordinator marks a flagged entry dealt with, from the alerts."""
    meeting = get_object_or_404(selectors.meetings_visible_to(request.user), pk=meeting_id)
    form = DealtWithForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    else:
        try:
            services.meeting_deal_with(
                meeting=meeting, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Marked as dealt with. The mentor sees it in the log."))
    return redirect(reverse("mentors:mentees") + "#alerts-title")


@login_required
def supervision(request, mentor_id: int):
    row = selectors.mentor_visible(user=request.user, mentor_id=mentor_id)
    if row is None:
        raise Http404
    form = SupervisionForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.supervision_record(mentor=row.mentor, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            messages.success(request, _("Supervision recorded."))
            return redirect("mentors:supervision", mentor_id=mentor_id)
    return render(
        request,
        "mentors/supervision.html",
        {
            "row": row,
            "form": form,
            "supervisions": selectors.supervisions_of(mentor=row.mentor),
        },
    )
