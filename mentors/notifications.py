"""What coordinators are told about mentoring that needs them (a kind registered in
MentorsConfig.ready(), see lms/notifications.py): the daily alerts of mentors/tasks.py.

The words name nobody: a notification stays in an inbox (and an email is sent) long after the
condition, and the people concerned may be erased meanwhile. They say what kind of thing needs
the coordinator and link to "Mentoring that needs you", which names the people to whoever may
see them today."""

import datetime

from django.urls import reverse
from django.utils.translation import gettext as _

from lms.formats import medium_date
from lms.notifications import NotificationKind

MENTORING_ALERT = "mentoring_alert"


def _since(params: dict) -> str:
    return medium_date(datetime.date.fromisoformat(params["since"])) if params.get("since") else ""


def _text(params: dict) -> str:
    alert = params.get("alert")
    values = params | {"since": _since(params)}
    if alert == "no_contact":
        return (
            _(
                "A mentee has had no logged contact with their mentor for %(weeks)s weeks or "
                "more (last: %(since)s)."
            )
            % values
        )
    if alert == "lapsed":
        return (
            _(
                "A mentor's certification has lapsed and they still have %(mentees)s mentees. "
                "Assign another mentor or plan a refresher."
            )
            % values
        )
    if alert == "over_capacity":
        return _("A mentor has %(mentees)s mentees, more than their maximum of %(max)s.") % values
    return _("A mentor asks for your attention about a mentee (meeting of %(since)s).") % values


KIND = NotificationKind(
    name=MENTORING_ALERT,
    text=_text,
    subject=lambda p: _("Mentoring needs your attention"),
    link=lambda p: reverse("mentors:mentees") + "#alerts-title",
    link_label=lambda p: _("Mentoring that needs you"),
)
