# MERGE: the attendance and practical branches replace this file.
"""Placeholders for the attendance and practical selectors (contracts in the helper brief).

They compute nothing: with them, a course that requires attendance has no counted sessions and
no practical assessment is passed, so certificate eligibility stays closed until the real
selectors arrive."""

import datetime

from assessments.rules import AttendanceSummary, PracticalResult


def attendance_summaries(
    *, cohort, as_of: datetime.date | None = None
) -> dict[int, AttendanceSummary]:
    return {}


def practical_results(*, cohort) -> dict[int, list[PracticalResult]]:
    return {}
