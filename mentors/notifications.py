"""What coordinators are told about mentoring that needs them (a kind registered in
MentorsConfig.ready(), see lms/notifications.py): the daily alerts of mentors/tasks.py."""

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
                "%(mentor)s has logged no contact with %(mentee)s for %(weeks)s weeks or more "
                "(last: %(since)s)."
            )
            % values
        )
    if alert == "lapsed":
        return (
            _(
                "%(mentor)s's mentor certification has lapsed and they still have "
                "%(mentees)s mentees. Assign another mentor or plan a refresher."
            )
            % values
        )
    if alert == "over_capacity":
        return _("%(mentor)s has %(mentees)s mentees, more than their maximum of %(max)s.") % values
    return _("%(mentor)s asks for your attention about %(mentee)s (meeting of %(since)s).") % values


KIND = NotificationKind(
    name=MENTORING_ALERT,
    text=_text,
    subject=lambda p: _("Mentoring needs your attention"),
    link=lambda p: reverse("mentors:mentees"),
    link_label=lambda p: _("Trainees and their mentors"),
)
