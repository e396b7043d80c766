"""What each count of the coordinator's caseload means: one definition each, as pure functions.

The facts come from the rules of the apps below (gathered by `workspace.selectors`):
attendance risk from `assessments.attendance.rules.summarise`, whether a new attempt may start from
`assessments.practical.rules.attempt_start_refusal`, eligibility from
`certificates.rules.eligibility`.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

ACTIVE = "active"
WITHDRAWN = "withdrawn"
VALID = "valid"


@dataclass(frozen=True)
class EnrolmentStanding:
    """Where one enrolment stands, as plain values."""

    enrolment_status: str  # active, completed or withdrawn
    # Even attending every remaining session, the best reachable attendance rate stays below the
    # course's threshold (False for withdrawn learners and courses without an attendance rule).
    at_risk: bool
    # Required practical assessments not yet passed on which a new attempt may start now: no
    # attempt in progress and attempts left (the assessor queue's "first attempt" and "re-sit").
    may_start: tuple[str, ...]
    # Attempts submitted by an assessor and not yet confirmed by a second person.
    submitted: int
    # Every requirement of the course met (certificates.rules.eligibility gives no reason).
    eligible: bool
    # The status of the current certificate (valid or revoked; superseded ones are history).
    certificate_status: str | None


def enrolled(s: EnrolmentStanding) -> bool:
    """Every enrolment of the cohort, withdrawn and completed ones included."""
    return True


def active(s: EnrolmentStanding) -> bool:
    """Still taking part: enrolment status Active, that is neither withdrawn nor marked completed.
    The same figure "My cohorts" shows. A cohort that has not started yet has active learners;
    once the coordinator marks them completed they leave this count."""
    return s.enrolment_status == ACTIVE


def at_risk(s: EnrolmentStanding) -> bool:
    """At risk on attendance: the best rate still reachable is below the threshold."""
    return s.enrolment_status != WITHDRAWN and s.at_risk


def awaiting_attempt(s: EnrolmentStanding) -> bool:
    """An active learner with a required practical assessment not yet passed, no attempt in
    progress and attempts left: an assessor can observe a (first or further) attempt now.
    Attempts in draft or returned for correction are with their assessor and count in neither
    this nor the next count."""
    return s.enrolment_status == ACTIVE and bool(s.may_start)


def awaiting_review(s: EnrolmentStanding) -> bool:
    """A learner (not withdrawn) with an attempt submitted and not yet confirmed by a second
    person, on any practical assessment of the course."""
    return s.enrolment_status != WITHDRAWN and s.submitted > 0


def eligible_not_certified(s: EnrolmentStanding) -> bool:
    """Eligible, with no current certificate: the learners the certify queue lets one certify.
    A learner whose certificate was revoked is in neither this count nor the next: they are
    re-issued a certificate from its page, not from the queue."""
    return s.eligible and s.certificate_status is None


def certified(s: EnrolmentStanding) -> bool:
    """Holding a valid certificate from this cohort."""
    return s.certificate_status == VALID


@dataclass(frozen=True)
class CaseloadCount:
    name: str  # as it appears in the URL of its people page
    test: Callable[[EnrolmentStanding], bool]
    label: str  # the heading of its people page
    phrase: Callable[[int], str]  # the link's text: "3 learners at risk"

    def text(self, *, count: int) -> str:
        return self.phrase(count) % {"count": count}


ENROLLED = "enrolled"
COUNTS = (
    CaseloadCount(
        ENROLLED,
        enrolled,
        _("Enrolled"),
        lambda n: ngettext("%(count)s learner enrolled", "%(count)s learners enrolled", n),
    ),
    CaseloadCount(
        "active",
        active,
        _("Active"),
        lambda n: ngettext("%(count)s active learner", "%(count)s active learners", n),
    ),
    CaseloadCount(
        "at-risk",
        at_risk,
        _("At risk on attendance"),
        lambda n: ngettext("%(count)s learner at risk", "%(count)s learners at risk", n),
    ),
    CaseloadCount(
        "awaiting-attempt",
        awaiting_attempt,
        _("Awaiting a practical assessment attempt"),
        lambda n: ngettext(
            "%(count)s learner awaiting a practical assessment attempt",
            "%(count)s learners awaiting a practical assessment attempt",
            n,
        ),
    ),
    CaseloadCount(
        "awaiting-review",
        awaiting_review,
        _("Practical assessment awaiting review"),
        lambda n: ngettext(
            "%(count)s learner with an attempt awaiting review",
            "%(count)s learners with an attempt awaiting review",
            n,
        ),
    ),
    CaseloadCount(
        "eligible",
        eligible_not_certified,
        _("Eligible, not yet certified"),
        lambda n: ngettext(
            "%(count)s learner eligible, not yet certified",
            "%(count)s learners eligible, not yet certified",
            n,
        ),
    ),
    CaseloadCount(
        "certified",
        certified,
        _("Certified"),
        lambda n: ngettext("%(count)s learner certified", "%(count)s learners certified", n),
    ),
)
COUNTS_BY_NAME = {count.name: count for count in COUNTS}

RUNNING = "running"
UPCOMING = "upcoming"
FINISHED = "finished"


def cohort_phase(*, start: datetime.date, end: datetime.date, today: datetime.date) -> str:
    """Running from its start date to its end date inclusive; upcoming before; finished after."""
    if today < start:
        return UPCOMING
    if today > end:
        return FINISHED
    return RUNNING
