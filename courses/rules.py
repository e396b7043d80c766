"""Course rules as pure functions: no ORM, no request."""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class Progress:
    done: int
    required: int

    @property
    def percent(self) -> int:
        """Whole percent for a progress bar, rounded down so 'complete' is never shown early."""
        if self.required == 0:
            return 100
        return self.done * 100 // self.required

    @property
    def complete(self) -> bool:
        return self.done >= self.required


def lesson_progress(*, required_lesson_ids: Sequence[int], completed_ids: set[int]) -> Progress:
    """Required lessons done out of required lessons. Optional lessons never change the figure."""
    done = sum(1 for lesson_id in required_lesson_ids if lesson_id in completed_ids)
    return Progress(done=done, required=len(required_lesson_ids))


def next_lesson_id(*, lesson_ids: Sequence[int], completed_ids: set[int]) -> int | None:
    """The first lesson, in course order, not yet done; None once all are done (a finished
    course has nothing to "Continue")."""
    return next((lesson_id for lesson_id in lesson_ids if lesson_id not in completed_ids), None)


class LessonCompleteRefusal(Enum):
    NOT_ENROLLED = "not_enrolled"
    NOT_OWN_ENROLMENT = "not_own_enrolment"


def lesson_complete_refusal(
    *, enrolment_status: str | None, lesson_in_course: bool, by_is_learner: bool
) -> LessonCompleteRefusal | None:
    """Only the learner marks a lesson done, through an enrolment (not withdrawn) in the cohort
    of the lesson's course. `enrolment_status` is None when there is no such enrolment."""
    if enrolment_status is None or enrolment_status == "withdrawn" or not lesson_in_course:
        return LessonCompleteRefusal.NOT_ENROLLED
    if not by_is_learner:
        return LessonCompleteRefusal.NOT_OWN_ENROLMENT
    return None


def enrolment_has_room(*, capacity: int, active_count: int) -> bool:
    return active_count < capacity


class StaffRefusal(Enum):
    OWN_ENROLMENT = "own_enrolment"


def staff_refusal(*, actor_id: int | None, learner_id: int) -> StaffRefusal | None:
    """Why someone may not act as staff on an enrolment (take its roll call, assess or review an
    attempt, certify it), or None if they may: nobody does so on their own enrolment, whatever
    their roles (a coordinator enrolled in their own cohort is a learner there)."""
    if actor_id is not None and actor_id == learner_id:
        return StaffRefusal.OWN_ENROLMENT
    return None


class EnrolRefusal(Enum):
    STAFF_ACCOUNT = "staff_account"
    SELF = "self"


def enrol_refusal(
    *, by_id: int | None, by_is_admin: bool, learner_id: int, learner_is_staff: bool
) -> EnrolRefusal | None:
    """Why `by` may not enrol this person, or None if they may. The system (`by_id` None) and
    administrators enrol anyone; nobody else enrols a member of staff (an employee's account is
    not a learner's to pull into a cohort) or themselves (staff never act on their own
    enrolment)."""
    if by_id is None or by_is_admin:
        return None
    if learner_id == by_id:
        return EnrolRefusal.SELF
    if learner_is_staff:
        return EnrolRefusal.STAFF_ACCOUNT
    return None


class WithdrawalDateRefusal(Enum):
    BEFORE_ENROLMENT = "before_enrolment"
    IN_FUTURE = "in_future"


def withdrawal_earliest_day(*, enrolled_on: datetime.date, today: datetime.date) -> datetime.date:
    """A withdrawal ends an enrolment, so it is not dated before it; an enrolment dated ahead
    can still be withdrawn today, before it begins."""
    return min(enrolled_on, today)


def withdrawal_date_refusal(
    *, withdrawn_on: datetime.date, enrolled_on: datetime.date, today: datetime.date
) -> WithdrawalDateRefusal | None:
    """Why a withdrawal may not carry this date, or None if it may. The withdrawal takes effect
    when it is recorded, so it is not dated ahead either: the learner's attendance counts the
    sessions up to the withdrawal, and would count sessions still to come as missed."""
    if withdrawn_on > today:
        return WithdrawalDateRefusal.IN_FUTURE
    if withdrawn_on < withdrawal_earliest_day(enrolled_on=enrolled_on, today=today):
        return WithdrawalDateRefusal.BEFORE_ENROLMENT
    return None


class CohortDateRefusal(Enum):
    SESSION_BEFORE_START = "session_before_start"
    ATTEMPT_BEFORE_START = "attempt_before_start"
    SESSION_AFTER_END = "session_after_end"
    ENROLMENT_AFTER_END = "enrolment_after_end"


@dataclass(frozen=True)
class CohortDatesInUse:
    """The dates a cohort's records already carry, None where there is no such record:
    its sessions that are not cancelled, its practical attempts and its enrolments."""

    first_session: datetime.date | None = None
    last_session: datetime.date | None = None
    first_attempt: datetime.date | None = None
    last_enrolled_on: datetime.date | None = None


@dataclass(frozen=True)
class CohortDateConflict:
    refusal: CohortDateRefusal
    day: datetime.date  # the date in use that the new cohort date would leave outside


def cohort_start_conflict(
    *, start_date: datetime.date, in_use: CohortDatesInUse
) -> CohortDateConflict | None:
    """Why the cohort may not start on this date, or None if it may: sessions fall within the
    cohort's dates, and an attempt is not dated before the cohort started, so the start does not
    move past the first of either. When both are passed, the earlier one is named: its date is
    the latest start that keeps both."""
    limits = [
        (day, refusal)
        for day, refusal in (
            (in_use.first_session, CohortDateRefusal.SESSION_BEFORE_START),
            (in_use.first_attempt, CohortDateRefusal.ATTEMPT_BEFORE_START),
        )
        if day is not None
    ]
    for day, refusal in sorted(limits, key=lambda limit: limit[0]):
        if day < start_date:
            return CohortDateConflict(refusal=refusal, day=day)
    return None


def cohort_end_conflict(
    *, end_date: datetime.date, in_use: CohortDatesInUse
) -> CohortDateConflict | None:
    """Why the cohort may not end on this date, or None if it may: sessions fall within the
    cohort's dates, and no enrolment is dated after the cohort ends, so the end does not move
    before the last of either; the later one is named. Attempts may come after the end (a
    re-sit), so they do not hold the end back."""
    limits = [
        (day, refusal)
        for day, refusal in (
            (in_use.last_session, CohortDateRefusal.SESSION_AFTER_END),
            (in_use.last_enrolled_on, CohortDateRefusal.ENROLMENT_AFTER_END),
        )
        if day is not None
    ]
    for day, refusal in sorted(limits, key=lambda limit: limit[0], reverse=True):
        if day > end_date:
            return CohortDateConflict(refusal=refusal, day=day)
    return None


# The most sessions one scheduling request may create: a year of daily sessions.
MAX_SCHEDULED_SESSIONS = 366


def session_dates(
    *, start: datetime.date, until: datetime.date, weekdays: set[int], every_weeks: int = 1
) -> list[datetime.date]:
    """The dates of a repeating schedule: each chosen weekday (0 = Monday) from `start` to `until`
    inclusive, in every `every_weeks`-th week counted from the week `start` falls in."""
    if every_weeks < 1 or until < start or not weekdays:
        return []
    first_monday = start - datetime.timedelta(days=start.weekday())
    dates = []
    day = start
    while day <= until:
        week = (day - first_monday).days // 7
        if day.weekday() in weekdays and week % every_weeks == 0:
            dates.append(day)
        day += datetime.timedelta(days=1)
    return dates
