"""The person's reminders and calendar link, for "My data" (privacy/sections.py): the mobile number,
the channels chosen, the reminders sent and the margin nudges; on erasure the number, the choice
and the calendar link go (the feed then answers 404), and the reminders' records with them."""

from assessments.models import CalendarFeed, MarginNudge, ReminderPreference, SessionReminder
from lms.models import Profile, User
from privacy.formats import iso


def export(user) -> dict:
    """Three queries: the person with their choice and feed, the reminders, the nudges."""
    person = User.objects.select_related("profile", "reminder_preference", "calendar_feed").get(
        pk=user.pk
    )
    profile = getattr(person, "profile", None)
    preference = getattr(person, "reminder_preference", None)
    feed = getattr(person, "calendar_feed", None)
    return {
        "mobile": profile.mobile if profile else "",
        "by_email": preference.by_email if preference else True,
        "by_sms": preference.by_sms if preference else False,
        "calendar_link_made_at": iso(feed.created_at if feed else None),
        "reminders": [
            {
                "session": r.session.topic,
                "date": iso(r.session.date),
                "channel": r.channel,
                "status": r.status,
                "sent_at": iso(r.sent_at),
            }
            for r in SessionReminder.objects.filter(enrolment__learner=user)
            .select_related("session")
            .order_by("session__date", "pk")
        ],
        "attendance_margins_told": [
            {"sessions_that_may_be_missed": n.level, "at": iso(n.sent_at)}
            for n in MarginNudge.objects.filter(enrolment__learner=user).order_by("sent_at", "pk")
        ],
    }


def erase(user) -> list[str]:
    Profile.objects.filter(user=user).update(mobile="")
    ReminderPreference.objects.filter(user=user).delete()
    CalendarFeed.objects.filter(user=user).delete()
    SessionReminder.objects.filter(enrolment__learner=user).delete()
    return []
