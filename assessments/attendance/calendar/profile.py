"""The calendar section of "My profile" (lms/profile_sections.py): for learners and trainers."""

from django.conf import settings
from django.urls import reverse

from assessments.attendance.calendar import selectors, tokens
from courses import nav as courses_nav


def feed_url(feed) -> str:
    token = tokens.feed_token(user_id=feed.user_id, nonce=feed.nonce)
    return settings.SITE_URL + reverse("attendance:calendar_feed", args=[token])


def section_context(request) -> dict | None:
    if not (courses_nav.is_enrolled(request) or courses_nav.trains(request)):
        return None
    feed = selectors.feed_of(user=request.user)
    if feed is None:
        return {"url": "", "webcal": ""}
    url = feed_url(feed)
    return {"url": url, "webcal": "webcal://" + url.split("://", 1)[-1]}
