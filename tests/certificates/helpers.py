"""Realistic attendance and practical facts for tests, shaped like the assessments contracts."""

from assessments.attendance.rules import (
    AttendancePolicy,
    AttendanceSummary,
    SessionCounts,
    summarise,
)
from assessments.practical.rules import PracticalResult


def attendance(attended: int, counted: int, *, threshold: int = 90) -> AttendanceSummary:
    """Every session held and recorded: the attendance rules summarise (and decide), not this."""
    return summarise(
        SessionCounts(scheduled=counted, held=counted, present=attended, absent=counted - attended),
        AttendancePolicy(threshold=threshold),
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
