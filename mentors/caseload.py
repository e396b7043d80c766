"""'Mentoring that needs you' on the coordinator's caseload (a section registered in
MentorsConfig.ready(), see workspace/sections.py): how many alerts of each kind are about the
mentoring of trainees in the cohorts the coordinator coordinates, and the flagged entries
themselves, each linking to "Trainees and their mentors", where they are dealt with. The same
selector as that page (mentors/selectors/alerts.py), so a fixed number of queries."""

from lms.roles import COORDINATOR_PERMISSION
from mentors.selectors import alerts as alert_selectors


def mentoring_section(request) -> dict | None:
    """None for a coordinator with no mentoring in their cohorts and nothing to say."""
    if not request.user.has_perm(COORDINATOR_PERMISSION):
        return None
    found = alert_selectors.alerts(user=request.user)
    if not found and not alert_selectors.has_mentoring(user=request.user):
        return None
    return {
        "counts": alert_selectors.counts(found),
        "flagged": [a for a in found if a.kind == alert_selectors.FLAGGED],
        "total": len(found),
    }
