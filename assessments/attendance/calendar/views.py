from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, HttpResponseNotFound
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from assessments.attendance.calendar import ics, selectors, services
from lms.i18n import localized_pages
from lms.notifications import language_of
from lms.profile_sections import back_to_section


@require_GET
def calendar_feed(request, feed_token: str):
    """The person's sessions as ICS. A wrong, old or reset secret is a plain 404: it says nothing
    about whether an address ever worked, or whose it was."""
    feed = selectors.feed_for_token(feed_token)
    if feed is None:
        # The same two words for every wrong secret (a calendar app shows no page anyway).
        gone = HttpResponseNotFound(b"Not found", content_type="text/plain; charset=utf-8")
        patch_cache_control(gone, private=True, max_age=0)
        return gone
    user = feed.user
    language = language_of(user)
    sessions = list(selectors.feed_sessions(user=user))
    courses = {s.cohort.course_id: s.cohort.course for s in sessions}
    titles = {
        pk: page.title
        for pk, page in zip(
            courses, localized_pages(courses.values(), language=language), strict=True
        )
    }
    body = ics.sessions_calendar(sessions, course_titles=titles, language=language)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="sessions.ics"'
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Personal: no shared cache (a proxy, a CDN) may keep it.
    patch_cache_control(response, private=True, max_age=0)
    return response


@require_POST
@login_required
def calendar_feed_reset(request):
    had_one = selectors.feed_of(user=request.user) is not None
    try:
        services.calendar_feed_reset(user=request.user, by=request.user)
    except ValidationError as error:  # pragma: no cover - the service refuses only others
        return back_to_section(request, "calendar", " ".join(error.messages), level=messages.ERROR)
    if had_one:
        said = _("Your new calendar link is ready. The link you had before no longer works.")
    else:
        said = _("Your calendar link is ready.")
    return back_to_section(request, "calendar", said)
