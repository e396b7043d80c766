# MERGE: the attendance and practical branches replace this file.
"""Minimal shapes of the attendance and practical facts that certificate eligibility reads.

The attendance (issue 3) and practical assessment (issue 4) branches own these dataclasses; this
copy only lets the certificates branch build and test against the agreed contract."""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class AttendanceSummary:
    attended: int
    counted: int
    counted_whole_course: int
    remaining: int
    rate_so_far: Decimal | None
    rate_whole_course: Decimal | None
    best_reachable: Decimal | None
    threshold: int
    required: bool
    meets_threshold: bool
    at_risk: bool


@dataclass(frozen=True)
class PracticalResult:
    template_id: int
    template_name: str
    required_for_certification: bool
    passed: bool
    attempts_used: int
    attempts_allowed: int
