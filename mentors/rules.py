"""Mentor rules as pure functions over dates and numbers: no ORM, no request.

Validity. A mentor certified on day D in a course valid for V months is certified up to and
including the *last valid day*: the day before the same day of the month V months later
(certified on 2024-03-01 for 24 months: valid until 2026-02-28, lapsed from 2026-03-01). When
that month has no such day, the last valid day is the month's last day (certified 2024-01-31 for
one month: valid until 2024-02-29; 2024-02-29 for 12 months: valid until 2025-02-28).

Status on a day T:
- lapsed           when T is after the last valid day;
- refresher due    from `last valid day - notice days` up to and including the last valid day;
- active           before that, and always when the course never expires.
A completed refresher (a certificate of a course that is a refresher for the mentor course)
counts as a new certification: the validity restarts from its date, even after a lapse.

A mentor whose refresher is due is still certified: they may take mentees and count as an
active mentor in coverage until the last valid day; the register flags them.
"""

import calendar
import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from certificates.credentials.rules import last_valid_day

ACTIVE = "active"
REFRESHER_DUE = "refresher_due"
LAPSED = "lapsed"
STATUSES = (ACTIVE, REFRESHER_DUE, LAPSED)
# Statuses in which a mentor may take mentees and counts as an active mentor.
MAY_MENTOR = (ACTIVE, REFRESHER_DUE)


def valid_until(
    *, certified_on: datetime.date, validity_months: int | None
) -> datetime.date | None:
    """The last day the certification is valid; None when it never expires. The rule is the
    certificate's own (its credential's expiry reads the same function)."""
    return last_valid_day(issued_on=certified_on, validity_months=validity_months)


def refresher_due_from(*, last_valid_day: datetime.date, notice_days: int) -> datetime.date:
    return last_valid_day - datetime.timedelta(days=notice_days)


@dataclass(frozen=True)
class MentorStanding:
    """Where a person stands as a mentor: their status and the dates it comes from."""

    status: str
    first_certified_on: datetime.date
    last_certified_on: datetime.date  # the initial certification or the latest refresher
    valid_until: datetime.date | None
    refresher_due_from: datetime.date | None

    @property
    def may_mentor(self) -> bool:
        return self.status in MAY_MENTOR


def status_on(
    *, today: datetime.date, last_valid_day: datetime.date | None, notice_days: int
) -> str:
    if last_valid_day is None:
        return ACTIVE
    if today > last_valid_day:
        return LAPSED
    if today >= refresher_due_from(last_valid_day=last_valid_day, notice_days=notice_days):
        return REFRESHER_DUE
    return ACTIVE


def standing(
    *,
    certified_on: Iterable[datetime.date],
    refreshed_on: Iterable[datetime.date] = (),
    validity_months: int | None,
    today: datetime.date,
    notice_days: int,
) -> MentorStanding | None:
    """A person's standing as a mentor from the dates of their certificates in the mentor course
    and in its refresher courses; None if they hold no certificate of the mentor course (a
    refresher alone does not make a mentor)."""
    initial = sorted(certified_on)
    if not initial:
        return None
    latest = max([initial[-1], *(d for d in refreshed_on if d >= initial[0])])
    last_day = valid_until(certified_on=latest, validity_months=validity_months)
    return MentorStanding(
        status=status_on(today=today, last_valid_day=last_day, notice_days=notice_days),
        first_certified_on=initial[0],
        last_certified_on=latest,
        valid_until=last_day,
        refresher_due_from=(
            refresher_due_from(last_valid_day=last_day, notice_days=notice_days)
            if last_day
            else None
        ),
    )


def best_standing(standings: Iterable[MentorStanding | None]) -> MentorStanding | None:
    """A person certified in several mentor courses: the standing that lasts longest."""
    found = [s for s in standings if s is not None]
    if not found:
        return None
    return max(
        found,
        key=lambda s: (s.may_mentor, s.valid_until is None, s.valid_until or datetime.date.min),
    )


# --- Capacity and suggestions ---------------------------------------------------------------


def free_places(*, max_mentees: int, current: int) -> int:
    return max(max_mentees - current, 0)


def may_assign(*, status: str, max_mentees: int, current: int) -> bool:
    return status in MAY_MENTOR and free_places(max_mentees=max_mentees, current=current) > 0


@dataclass(frozen=True)
class Candidate:
    mentor_id: int
    name: str
    region_id: int | None
    free: int
    region_name: str = ""


def rank_candidates(
    candidates: Sequence[Candidate], *, mentee_region_id: int | None
) -> list[Candidate]:
    """Mentors in the mentee's region first, then the most free places, then by name."""
    return sorted(
        candidates,
        key=lambda c: (
            not (mentee_region_id is not None and c.region_id == mentee_region_id),
            -c.free,
            c.name.casefold(),
            c.mentor_id,
        ),
    )


# --- Coverage ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionCoverage:
    region_id: int | None
    name: str
    mentees: int
    active_mentors: int
    no_mentor: bool
    over_ratio: bool

    @property
    def mentees_per_mentor(self) -> Fraction | None:
        if not self.active_mentors:
            return None
        return Fraction(self.mentees, self.active_mentors)

    @property
    def mentees_per_mentor_display(self) -> Decimal | None:
        """To one decimal, half up, as a Decimal: a template writes it the reader's way
        (15.5, 15,5)."""
        ratio = self.mentees_per_mentor
        if ratio is None:
            return None
        exact = Decimal(ratio.numerator) / Decimal(ratio.denominator)
        return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def flagged(self) -> bool:
        return self.no_mentor or self.over_ratio


def region_coverage(
    *, region_id, name: str, mentees: int, active_mentors: int, max_ratio: int
) -> RegionCoverage:
    """A region is flagged when it has mentees and no active mentor, or more mentees per active
    mentor than `max_ratio` (exactly `max_ratio` is not flagged)."""
    no_mentor = mentees > 0 and active_mentors == 0
    over = active_mentors > 0 and mentees > max_ratio * active_mentors
    return RegionCoverage(region_id, name, mentees, active_mentors, no_mentor, over)


def coverage_order(rows: Iterable[RegionCoverage]) -> list[RegionCoverage]:
    """Regions without a mentor first, then those over the ratio (worst first), then the rest."""
    return sorted(
        rows,
        key=lambda r: (
            not r.no_mentor,
            not r.over_ratio,
            -(r.mentees_per_mentor or 0),
            -r.mentees,
            r.name.casefold(),
        ),
    )


# --- Volunteering -----------------------------------------------------------------------------

NOT_CERTIFIED = "not_certified"
ALREADY_MENTOR = "already_mentor"
IN_TRAINING = "in_training"
PENDING = "pending"


def volunteer_refusal(
    *,
    has_vocational_certificate: bool,
    is_mentor: bool,
    in_mentor_training: bool,
    has_pending_request: bool,
) -> str | None:
    """Why a person may not volunteer for mentor training now, or None if they may. Having
    completed a vocational course means holding a valid (not revoked) certificate of one."""
    if is_mentor:
        return ALREADY_MENTOR
    if in_mentor_training:
        return IN_TRAINING
    if has_pending_request:
        return PENDING
    if not has_vocational_certificate:
        return NOT_CERTIFIED
    return None


# --- Mentoring in practice --------------------------------------------------------------------

# How long the author of a meeting entry may change it.
MEETING_EDITABLE_FOR = datetime.timedelta(days=7)
# A mentor counts as supervised recently when supervised within this many months.
SUPERVISION_MONTHS = 3


@dataclass(frozen=True)
class Sharing:
    """What a mentee lets their mentor see besides their name (defaults: the next session)."""

    course_progress: bool = False
    attendance: bool = False
    next_session: bool = True


def meeting_editable(
    *, author_id: int, by_id: int | None, created_at: datetime.datetime, now: datetime.datetime
) -> bool:
    """Its author may change an entry for 7 days after logging it (up to, not including, the
    same moment 7 days later); then it is read-only, for everyone."""
    return by_id == author_id and now < created_at + MEETING_EDITABLE_FOR


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` earlier, or that month's last day when it has no such day."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def contact_recent(
    *, last_contact: datetime.date | None, since: datetime.date, today: datetime.date, weeks: int
) -> bool:
    """Whether a mentee had a contact in the last `weeks` weeks: the last logged meeting, or
    the start of the mentoring when none is logged yet, on or after `today - 7 x weeks` days
    (a meeting exactly 3 weeks ago is still within 3 weeks)."""
    reference = last_contact or since
    return reference >= today - datetime.timedelta(weeks=weeks)


def over_capacity(*, max_mentees: int, current: int) -> bool:
    return current > max_mentees


def supervised_recently(*, last: datetime.date | None, today: datetime.date) -> bool:
    """Supervised on or after the same day 3 months ago."""
    return last is not None and last >= months_before(today, SUPERVISION_MONTHS)


def mentors_per_ten(*, mentors: int, mentees: int) -> Fraction | None:
    """Mentors per 10 mentees; None without mentees."""
    if not mentees:
        return None
    return Fraction(mentors * 10, mentees)
