"""What a learner is told about their assessments (kinds registered in AssessmentsConfig.ready(),
see lms/notifications.py): a practical attempt confirmed or returned, and attendance at risk."""

from decimal import Decimal

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lms.notifications import NotificationKind, page_titles, words_in_languages

ATTEMPT_CONFIRMED = "attempt_confirmed"
ATTEMPT_RETURNED = "attempt_returned"
ATTENDANCE_AT_RISK = "attendance_at_risk"
ATTENDANCE_MARGIN = "attendance_margin"


def _results(params: dict) -> str:
    return reverse("assessments:results")


def _results_label(params: dict) -> str:
    return _("My practical assessments")


def _confirmed_text(params: dict) -> str:
    if params.get("passed"):
        text = _("Your practical assessment “%(assessment)s” (%(course)s) is confirmed: passed.")
    else:
        text = _(
            "Your practical assessment “%(assessment)s” (%(course)s) is confirmed: not yet "
            "competent. Your assessor will tell you about another attempt."
        )
    return text % params


def _at_risk_text(params: dict) -> str:
    figures = {
        "course": params["course"],
        # A whole number, cut: a learner never reads 89.9% as 90%.
        "best": int(Decimal(params["best"])),
        "threshold": params["threshold"],
    }
    text = _(
        "In %(course)s, your attendance can now reach at most %(best)s%%, even if you attend "
        "every remaining session; %(threshold)s%% is needed for the certificate."
    )
    short = params.get("short", 0)
    recover = (
        ngettext(
            "You would need %(count)s more session than there are left: attend every "
            "remaining session and talk to your coordinator about what you can still do.",
            "You would need %(count)s more sessions than there are left: attend every "
            "remaining session and talk to your coordinator about what you can still do.",
            short,
        )
        % {"count": short}
        if short
        else _("Attend every remaining session and talk to your coordinator.")
    )
    told = f"{text % figures} {recover}"
    if params.get("coordinators"):
        told += " " + _("Your coordinator: %(coordinators)s.") % params
    return told


def _margin_text(params: dict) -> str:
    """How many more sessions the learner may miss (assessments.attendance.nudges)."""
    figures = {
        "course": params["course"],
        "count": params["can_miss"],
        "threshold": params["threshold"],
    }
    if params["can_miss"] == 0:
        text = _(
            "In %(course)s, you cannot miss any more sessions: attend every remaining session "
            "to reach the %(threshold)s%% attendance needed for the certificate."
        )
    else:
        text = ngettext(
            "In %(course)s, you can miss at most %(count)s more session and still reach the "
            "%(threshold)s%% attendance needed for the certificate.",
            "In %(course)s, you can miss at most %(count)s more sessions and still reach the "
            "%(threshold)s%% attendance needed for the certificate.",
            params["can_miss"],
        )
    return text % figures


KINDS = (
    NotificationKind(
        name=ATTEMPT_CONFIRMED,
        text=_confirmed_text,
        subject=lambda p: _("Your practical assessment “%(assessment)s” is confirmed") % p,
        link=_results,
        link_label=_results_label,
    ),
    NotificationKind(
        name=ATTEMPT_RETURNED,
        text=lambda p: (
            _(
                "Your practical assessment “%(assessment)s” (%(course)s) is being checked again: "
                "the reviewer returned it to your assessor for correction. You will be told the "
                "result."
            )
            % p
        ),
        subject=lambda p: (
            _("Your practical assessment “%(assessment)s” is being checked again") % p
        ),
        link=_results,
        link_label=_results_label,
    ),
    NotificationKind(
        name=ATTENDANCE_AT_RISK,
        text=_at_risk_text,
        subject=lambda p: _("Your attendance in %(course)s") % p,
        link=lambda p: reverse("attendance:mine_detail", args=[p["enrolment_id"]]),
        link_label=lambda p: _("My attendance"),
    ),
    NotificationKind(
        name=ATTENDANCE_MARGIN,
        text=_margin_text,
        subject=lambda p: _("Your attendance in %(course)s") % p,
        link=lambda p: reverse("attendance:mine_detail", args=[p["enrolment_id"]]),
        link_label=lambda p: _("My attendance"),
    ),
)


def attempt_params(attempt) -> dict:
    return {
        "course": attempt.enrolment.cohort.course.title,
        **page_titles(course=attempt.enrolment.cohort.course),
        "assessment": attempt.template.name,
        **words_in_languages(assessment=attempt.template.names_in_languages()),
        "attempt_id": attempt.pk,
        "passed": attempt.outcome == "pass",
    }
