"""Assessment rules as pure functions over plain values: no ORM, no request."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

# --- Practical assessments ---

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
