"""The attendance window: does a session count for an enrolment (DOMAIN.md, "Attendance rate").

A session counts for a learner if it is not cancelled, falls on or after their enrolment date and,
once they withdrew, on or before their withdrawal date (a withdrawn enrolment always carries that
date: a database constraint). Written twice, side by side: once in Python (`in_window`) and once
as the `Q` the database evaluates (`in_window_q`). tests/assessments/test_window.py checks with
hypothesis that the two agree; nothing else writes the window.
"""

import datetime

from django.db.models import F, Q, Value
from django.db.models.lookups import Exact, GreaterThanOrEqual, LessThanOrEqual

WITHDRAWN = "withdrawn"  # courses.models.Enrolment.Status.WITHDRAWN


def in_window(
    *,
    date: datetime.date,
    cancelled: bool,
    enrolled_on: datetime.date,
    withdrawn: bool,
    withdrawn_on: datetime.date | None,
) -> bool:
    """The session on `date` counts for the enrolment."""
    if cancelled or date < enrolled_on:
        return False
    # No date of withdrawal on a withdrawn enrolment (refused by a constraint) counts nothing,
    # as in SQL, where comparing with NULL is never true.
    return not withdrawn or (withdrawn_on is not None and date <= withdrawn_on)


def in_window_q(*, date, cancelled, enrolled_on, status, withdrawn_on) -> Q:
    """`in_window` as a `Q`: each argument an expression (an `F`) or a plain value."""
    date, cancelled, enrolled_on, status, withdrawn_on = (
        value if hasattr(value, "resolve_expression") else Value(value)
        for value in (date, cancelled, enrolled_on, status, withdrawn_on)
    )
    return (
        Q(Exact(cancelled, False))
        & Q(GreaterThanOrEqual(date, enrolled_on))
        & (~Q(Exact(status, WITHDRAWN)) | Q(LessThanOrEqual(date, withdrawn_on)))
    )


def between(*, session: str, enrolment: str) -> Q:
    """`in_window_q` for the session and the enrolment found at these lookup prefixes
    (for example "session__" and "enrolment__" from an attendance record, "" for the model
    itself)."""
    return in_window_q(
        date=F(f"{session}date"),
        cancelled=F(f"{session}cancelled"),
        enrolled_on=F(f"{enrolment}enrolled_on"),
        status=F(f"{enrolment}status"),
        withdrawn_on=F(f"{enrolment}withdrawn_on"),
    )


def counts_for(session, enrolment) -> bool:
    """`in_window` for a session and an enrolment (model instances, or anything alike)."""
    return in_window(
        date=session.date,
        cancelled=session.cancelled,
        enrolled_on=enrolment.enrolled_on,
        withdrawn=enrolment.status == WITHDRAWN,
        withdrawn_on=enrolment.withdrawn_on,
    )
