from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from assessments.attendance.reminders import selectors, services
from assessments.attendance.reminders.forms import ReminderChoiceForm
from assessments.attendance.reminders.profile import initial_for
from assessments.models import SessionReminder
from lms import roles
from lms.forms import form_add_service_errors
from lms.profile_sections import back_to_section


@login_required
def reminder_choose(request):
    """The reminders section's form, posted from "My profile"; shown on its own page when it
    needs correcting (or opened directly)."""
    available = selectors.sms_available()
    form = ReminderChoiceForm(
        request.POST or None, initial=initial_for(request.user), sms_available=available
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.reminder_preference_update(
                user=request.user,
                by=request.user,
                by_email=data["by_email"],
                by_sms=data.get("by_sms", False),
                mobile=data.get("mobile", ""),
            )
        except ValidationError as error:
            form_add_service_errors(form, error)
        else:
            if data["by_email"] or data.get("by_sms"):
                said = _("Your reminders are saved.")
            else:
                said = _("Reminders are off. You can turn them on here.")
            return back_to_section(request, "reminders", said)
    return render(
        request,
        "assessments/reminders/choose.html",
        {"section": {"form": form, "email": request.user.email}},
    )


@login_required
def reminder_statuses(request):
    if not roles.is_coordinator(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    reminders = list(selectors.reminders_for_coordinator(user=request.user, today=today))
    sessions = []
    for reminder in reminders:
        if not sessions or sessions[-1]["session"].pk != reminder.session_id:
            sessions.append({"session": reminder.session, "reminders": [], "failed": 0})
        sessions[-1]["reminders"].append(reminder)
        sessions[-1]["failed"] += reminder.status == "failed"
    return render(
        request,
        "assessments/reminders/statuses.html",
        {"sessions": sessions, "today": today, "days_back": selectors.STATUS_DAYS_BACK},
    )


@require_POST
@login_required
def reminder_retry(request, reminder_id: int):
    reminder = selectors.reminders_scoped(user=request.user).filter(pk=reminder_id).first()
    if reminder is None:
        raise Http404
    try:
        services.reminder_retry(reminder=reminder, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    except SessionReminder.DoesNotExist:
        raise Http404 from None
    else:
        messages.success(request, _("The reminder will be sent again in a moment."))
    return redirect(reverse("attendance:reminders") + f"#session-{reminder.session_id}")
