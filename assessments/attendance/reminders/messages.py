"""The words of a reminder, in the learner's language. What a locked phone shows (the text
message, the email's subject) says no more than "Reminder: session tomorrow 09:00": never the
course, the place or the programme (docs/security.md). The email's body has the details."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from lms import formats


def locked_screen_text(session, language: str) -> str:
    """The text message, and the email's subject."""
    with translation.override(language):
        return _("Reminder: session tomorrow %(time)s") % {
            "time": formats.short_time(session.start_time, language)
        }


def email_body(*, session, name: str, course_title: str, language: str) -> str:
    base = settings.SITE_URL
    with translation.override(language):
        return render_to_string(
            "assessments/reminders/email.txt",
            {
                "name": name,
                "date": formats.weekday_date(session.date, language),
                "start": formats.short_time(session.start_time, language),
                "end": formats.short_time(session.end_time, language),
                "place": session.place,
                "topic": session.topic_in(language),
                "course": course_title,
                "attendance_url": base + reverse("attendance:mine"),
                "profile_url": base + reverse("profile") + "#profile-reminders",
            },
        )
