"""A person's sessions as an iCalendar file (RFC 5545, with the `icalendar` library): each
session one event with a stable UID, in the site's time zone (its VTIMEZONE included), the
place and the topic; a cancelled session stays, marked CANCELLED, so calendars remove it. It
names nobody: no trainer, no learner, no reason for a cancellation (it may name someone)."""

import datetime
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from icalendar import Calendar, Event


def session_uid(session) -> str:
    host = urlsplit(settings.SITE_URL).hostname or "lms"
    return f"session-{session.pk}@{host}"


def sessions_calendar(sessions, *, course_titles: dict[int, str], language: str) -> bytes:
    """`sessions` (their cohorts and courses loaded) as an ICS file, the words in `language`;
    `course_titles` gives each course's title in that language, by course id."""
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//LMS//Sessions//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    with translation.override(language):
        calendar.add("x-wr-calname", _("My sessions"))
        cancelled_label = _("Cancelled")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for session in sessions:
        event = Event()
        event.add("uid", session_uid(session))
        event.add("dtstamp", session.updated_at)
        event.add("last-modified", session.updated_at)
        event.add("dtstart", datetime.datetime.combine(session.date, session.start_time, zone))
        event.add("dtend", datetime.datetime.combine(session.date, session.end_time, zone))
        summary = session.topic_in(language)
        if session.cancelled:
            summary = f"{cancelled_label}: {summary}"
        event.add("summary", summary)
        event.add("description", course_titles.get(session.cohort.course_id, ""))
        if session.place:
            event.add("location", session.place)
        event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
        event.add("transp", "TRANSPARENT" if session.cancelled else "OPAQUE")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
