"""Practical assessment rules as pure functions over plain values: no ORM, no request."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

EVIDENCE_MAX_BYTES = 10 * 1024 * 1024

# Content types we accept, recognised by their first bytes rather than by the file's name.
EVIDENCE_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
)
EVIDENCE_EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "application/pdf": "pdf"}


@dataclass(frozen=True)
class CriterionMark:
    """One criterion as the assessor marked it: `met` is None while not yet recorded."""

    mandatory: bool
    met: bool | None


@dataclass(frozen=True)
class PracticalResult:
    """Where one enrolment stands on one assessment template. Only confirmed attempts pass."""

    template_id: int
    template_name: str
    required_for_certification: bool
    passed: bool
    attempts_used: int
    attempts_allowed: int

    @property
    def attempts_left(self) -> int:
        return max(self.attempts_allowed - self.attempts_used, 0)


class StartRefusal(Enum):
    ALREADY_PASSED = "already_passed"
    ATTEMPT_OPEN = "attempt_open"
    ATTEMPTS_EXHAUSTED = "attempts_exhausted"


def marks_complete(marks: Sequence[CriterionMark]) -> bool:
    """Every criterion has been marked met or not yet met, and there is at least one."""
    return bool(marks) and all(mark.met is not None for mark in marks)


def practical_passed(*, marks: Sequence[CriterionMark], min_share_met: int | None) -> bool:
    """Pass when every mandatory criterion is met and, if the template sets a share (a whole
    percent), at least that share of all criteria is met. Exact: met * 100 >= share * total.

    A checklist with no criteria, or with a criterion not yet marked, cannot pass."""
    if not marks_complete(marks):
        return False
    if any(mark.mandatory and not mark.met for mark in marks):
        return False
    if min_share_met is None:
        return True
    met = sum(1 for mark in marks if mark.met)
    return met * 100 >= min_share_met * len(marks)


def attempt_start_refusal(
    *, attempts_used: int, attempts_allowed: int, passed: bool, has_open_attempt: bool
) -> StartRefusal | None:
    """Why a new attempt may not start, or None if it may. An open attempt (draft, submitted or
    returned for correction) must be finished first; a passed assessment is never re-sat."""
    if passed:
        return StartRefusal.ALREADY_PASSED
    if has_open_attempt:
        return StartRefusal.ATTEMPT_OPEN
    if attempts_used >= attempts_allowed:
        return StartRefusal.ATTEMPTS_EXHAUSTED
    return None


class DateRefusal(Enum):
    COHORT_NOT_STARTED = "cohort_not_started"
    NOT_ENROLLED_YET = "not_enrolled_yet"
    IN_FUTURE = "in_future"
    BEFORE_COHORT_START = "before_cohort_start"
    BEFORE_ENROLMENT = "before_enrolment"
    AFTER_WITHDRAWAL = "after_withdrawal"


def assessment_earliest_day(
    *, cohort_start: datetime.date, enrolled_on: datetime.date
) -> datetime.date:
    """The first day a learner can be assessed: an assessment observes work done in the cohort,
    so not before the cohort starts, nor before a learner who joined late enrolled."""
    return max(cohort_start, enrolled_on)


def assessment_latest_day(
    *, today: datetime.date, withdrawn_on: datetime.date | None
) -> datetime.date:
    """The last day an attempt may carry: today, or the day the learner withdrew if earlier."""
    return today if withdrawn_on is None else min(today, withdrawn_on)


def assessment_date_refusal(
    *,
    assessed_on: datetime.date,
    cohort_start: datetime.date,
    enrolled_on: datetime.date,
    withdrawn_on: datetime.date | None,
    today: datetime.date,
) -> DateRefusal | None:
    """Why an attempt may not carry this date, or None if it may: it must fall between the first
    day the learner can be assessed and today, both included, and not after the day the learner
    withdrew, if they did (an attempt started before a withdrawal observes work done before it).
    Before that first day has come, no date can be right, and the refusal says so rather than
    ask for an impossible date."""
    earliest = assessment_earliest_day(cohort_start=cohort_start, enrolled_on=enrolled_on)
    joined_late = enrolled_on > cohort_start
    if earliest > today:
        return DateRefusal.NOT_ENROLLED_YET if joined_late else DateRefusal.COHORT_NOT_STARTED
    if withdrawn_on is not None and assessed_on > withdrawn_on:
        return DateRefusal.AFTER_WITHDRAWAL
    if assessed_on > today:
        return DateRefusal.IN_FUTURE
    if assessed_on < earliest:
        return DateRefusal.BEFORE_ENROLMENT if joined_late else DateRefusal.BEFORE_COHORT_START
    return None


def reviewer_allowed(
    *, reviewer_id: int, assessor_id: int, cohort_staff_ids: Iterable[int]
) -> bool:
    """A second person reviews: a trainer or coordinator of the cohort who did not assess."""
    return reviewer_id != assessor_id and reviewer_id in set(cohort_staff_ids)


def evidence_content_type(head: bytes) -> str | None:
    """The evidence's content type from its first bytes, or None if it is not JPEG, PNG or PDF."""
    for signature, content_type in EVIDENCE_SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None
