"""Realistic attendance and practical facts for tests, shaped like the assessments contracts."""

from decimal import Decimal

from assessments.attendance.rules import AttendanceSummary
from assessments.practical.rules import PracticalResult


def attendance(attended: int, counted: int, *, threshold: int = 90) -> AttendanceSummary:
    rate = Decimal(attended) * 100 / Decimal(counted) if counted else None
    return AttendanceSummary(
        attended=attended,
        counted=counted,
        counted_whole_course=counted,
        remaining=0,
        rate_so_far=rate,
        rate_whole_course=rate,
        best_reachable=rate,
        threshold=threshold,
        required=True,
        meets_threshold=counted > 0 and attended * 100 >= threshold * counted,
        at_risk=not (counted > 0 and attended * 100 >= threshold * counted),
    )


def practical(*, passed: bool, name: str = "Bread dough", used: int = 1) -> PracticalResult:
    return PracticalResult(
        template_id=1,
        template_name=name,
        required_for_certification=True,
        passed=passed,
        attempts_used=used,
        attempts_allowed=3,
    )


def patch_assessments(monkeypatch, *, attendance_by_enrolment=None, practicals_by_enrolment=None):
    """Replace the two assessment selectors with fixed facts keyed by enrolment id."""
    monkeypatch.setattr(
        "assessments.attendance.selectors.attendance_summaries",
        lambda *, cohort, as_of=None: dict(attendance_by_enrolment or {}),
    )
    monkeypatch.setattr(
        "assessments.practical.selectors.practical_results",
        lambda *, cohort: dict(practicals_by_enrolment or {}),
    )
