"""The reminders section of "My profile" (lms/profile_sections.py): for learners."""

from assessments.attendance.reminders import selectors
from assessments.attendance.reminders.forms import ReminderChoiceForm
from assessments.attendance.reminders.phone import phone_readable
from courses import nav as courses_nav


def initial_for(user) -> dict:
    choice = selectors.reminder_choice(user=user)
    profile = getattr(user, "profile", None)
    return {
        "by_email": choice.by_email,
        "by_sms": choice.by_sms,
        "mobile": phone_readable(getattr(profile, "mobile", "")),
    }


def section_context(request) -> dict | None:
    if not courses_nav.is_enrolled(request):
        return None
    return {
        "form": ReminderChoiceForm(
            initial=initial_for(request.user), sms_available=selectors.sms_available()
        ),
        "email": request.user.email,
    }
