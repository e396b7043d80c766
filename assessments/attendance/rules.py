"""Attendance rules as pure functions over plain values: no ORM, no request, no floats."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import NamedTuple

# Attendance (DOMAIN.md, "Attendance rate", "Threshold", "So far vs whole course"):
#
# - A session counts for a learner if it is their cohort's, is not cancelled, and falls on or after
#   their enrolment date (and, once they withdrew, on or before their withdrawal date).
# - Present counts as attended; Late too unless the course says otherwise; Excused is never
#   attended and stays in the denominator unless the course removes it; Absent is not attended.
#   A session held with no record for the learner is not attended either: there is no evidence.
# - "So far" counts the sessions held up to today; "whole course" counts every session of the
#   cohort.
#   The threshold is met only over the whole course: attended * 100 >= threshold * counted, in
#   integers, never rounded up. The best reachable rate assumes every remaining session attended.
PRESENT = "present"
LATE = "late"
EXCUSED = "excused"
ABSENT = "absent"
STATUSES = (PRESENT, LATE, EXCUSED, ABSENT)


@dataclass(frozen=True)
class AttendancePolicy:
    """What the course says about attendance."""

    required: bool = True
    threshold: int = 90
    late_counts_as_attended: bool = True
    excused_removed_from_denominator: bool = False


@dataclass(frozen=True)
class SessionCounts:
    """One learner's sessions, as counted by the database.

    `scheduled`: the sessions that count for this learner over the whole cohort;
    `held`: those of them held so far; the four statuses: records for held sessions."""

    scheduled: int
    held: int
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    withdrawn: bool = False

    def __post_init__(self):
        recorded = self.present + self.late + self.excused + self.absent
        if not 0 <= recorded <= self.held <= self.scheduled:
            raise ValueError(f"Inconsistent session counts: {self}")


@dataclass(frozen=True)
class AttendanceSummary:
    attended: int
    counted: int  # so far
    counted_whole_course: int
    remaining: int
    rate_so_far: Decimal | None
    rate_whole_course: Decimal | None
    best_reachable: Decimal | None
    threshold: int
    required: bool
    meets_threshold: bool  # the decision: over the whole cohort, required or not, withdrawn or not
    at_risk: bool
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0
    unrecorded: int = 0  # held sessions with no record: not attended
    sessions_needed: int | None = None  # of the remaining sessions, to meet the threshold
    withdrawn: bool = False
    # The attendance alone reaches the threshold (whatever the course requires or the learner
    # did): what the certificate's reasons say when the decision is "not met".
    threshold_reached: bool = False

    @property
    def can_miss(self) -> int | None:
        """How many of the remaining sessions the learner may still miss and meet the threshold."""
        if self.sessions_needed is None or self.sessions_needed > self.remaining:
            return None
        return self.remaining - self.sessions_needed


def is_attended(status: str, policy: AttendancePolicy) -> bool:
    return status == PRESENT or (status == LATE and policy.late_counts_as_attended)


def rate(attended: int | Fraction, counted: int) -> Decimal | None:
    """attended / counted as a percentage with one decimal, cut (never rounded up: 89.96...%
    is 89.9%, not 90.0%). None when nothing counts. The one rate of the site: the attendance
    pages, the certify queue, the caseload, the certificate, the indicators (whose means of
    rates pass an exact Fraction) and the exports all show this figure, through lms.formats
    (`percent` on staff pages, `percent_whole` for learners, the Decimal itself in exports)."""
    if counted == 0:
        return None
    tenths = attended * 1_000 // counted
    return Decimal(int(tenths)).scaleb(-1)


def meets(attended: int, counted: int, threshold: int) -> bool:
    """attended / counted >= threshold %, exactly. Nothing counted cannot meet a threshold."""
    return counted > 0 and attended * 100 >= threshold * counted


def sessions_needed(attended: int, counted: int, threshold: int) -> int:
    """The fewest further sessions to attend so that attended / counted meets the threshold."""
    shortfall = threshold * counted - attended * 100
    return max(0, -(-shortfall // 100))


class Attendance(NamedTuple):
    """The core of a summary: what reports over thousands of learners need of each."""

    attended: int
    counted: int  # so far
    counted_whole_course: int
    held: int
    meets_threshold: bool  # over the whole cohort
    threshold_reached: bool


def attendance(counts: SessionCounts, policy: AttendancePolicy) -> Attendance:
    """Sessions attended and counted, and the threshold decision: `summarise` without the rates
    and the outlook (the same figures, from the same code)."""
    attended = counts.present + (counts.late if policy.late_counts_as_attended else 0)
    removed = counts.excused if policy.excused_removed_from_denominator else 0
    # Once withdrawn, the learner attends nothing more: every session in their window is past.
    held = counts.scheduled if counts.withdrawn else counts.held
    counted_whole_course = counts.scheduled - removed
    reached = meets(attended, counted_whole_course, policy.threshold)
    return Attendance(
        attended=attended,
        counted=held - removed,
        counted_whole_course=counted_whole_course,
        held=held,
        meets_threshold=not policy.required or (not counts.withdrawn and reached),
        threshold_reached=reached,
    )


def summarise(counts: SessionCounts, policy: AttendancePolicy) -> AttendanceSummary:
    attended, counted, counted_whole_course, held, meets_threshold, reached = attendance(
        counts, policy
    )
    remaining = counts.scheduled - held
    recorded = counts.present + counts.late + counts.excused + counts.absent

    best = rate(attended + remaining, counted_whole_course)
    if policy.required:
        at_risk = (
            not counts.withdrawn
            and counted_whole_course > 0
            and not meets(attended + remaining, counted_whole_course, policy.threshold)
        )
        needed = (
            sessions_needed(attended, counted_whole_course, policy.threshold)
            if counted_whole_course
            else None
        )
    else:
        at_risk, needed = False, 0

    return AttendanceSummary(
        attended=attended,
        counted=counted,
        counted_whole_course=counted_whole_course,
        remaining=remaining,
        rate_so_far=rate(attended, counted),
        rate_whole_course=rate(attended, counted_whole_course),
        best_reachable=best,
        threshold=policy.threshold,
        required=policy.required,
        meets_threshold=meets_threshold,
        at_risk=at_risk,
        present=counts.present,
        late=counts.late,
        excused=counts.excused,
        absent=counts.absent,
        unrecorded=held - recorded,
        sessions_needed=needed,
        withdrawn=counts.withdrawn,
        threshold_reached=reached,
    )


# Learners are nudged when the sessions they may still miss fall to 2, then 1, then 0.
MARGIN_NUDGE_LEVELS = (2, 1, 0)


def margin_nudge(summary: AttendanceSummary) -> int | None:
    """The margin to tell the learner of ("you can miss at most N more sessions"): N in
    `MARGIN_NUDGE_LEVELS`, or None when there is nothing to say: attendance not required, the
    learner withdrawn, no session left, the threshold already reached whatever they miss, more
    margin than 2, or the threshold out of reach (the at-risk warning says that, with whom to
    talk). N is the summary's own `can_miss` (the remaining sessions less `sessions_needed`):
    the threshold and the rate are never worked out again here."""
    if not summary.required or summary.withdrawn or summary.remaining == 0:
        return None
    if summary.threshold_reached or summary.can_miss is None:
        return None
    return summary.can_miss if summary.can_miss <= max(MARGIN_NUDGE_LEVELS) else None


# Characters that make a spreadsheet treat a cell as a formula (CSV/formula injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell value that no spreadsheet will run: text starting like a formula gets a quote."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


# --- The roll call as a plan: what a save would change, decided before anything is written ---


@dataclass(frozen=True)
class RollCallEntry:
    """One line of a submitted roll call. `version` is the record's version the form was built
    from, 0 if it showed no record."""

    enrolment_id: int
    status: str
    note: str = ""
    version: int = 0


@dataclass(frozen=True)
class RecordState:
    """A learner's record at the session as it stands (no record: not in the plan's input)."""

    status: str
    note: str
    version: int
    self_checked_in: bool = False  # written by the learner's check-in, not yet seen by staff


class RollCallRefusal(Enum):
    STATUS_INVALID = "status_invalid"
    NOTE_TOO_LONG = "note_too_long"
    NOT_ON_ROLL_CALL = "not_on_roll_call"
    OWN_ENROLMENT = "own_enrolment"  # nobody records their own attendance


@dataclass(frozen=True)
class RollCallPlan:
    """What saving a roll call does: records to create, records to change (with the state they
    had), what to refuse, and the entries someone else changed since the form was shown."""

    refusal: RollCallRefusal | None = None
    conflicts: tuple[RollCallEntry, ...] = ()
    create: tuple[RollCallEntry, ...] = ()
    change: tuple[tuple[RollCallEntry, RecordState], ...] = ()
    unchanged: int = 0

    @property
    def audit(self) -> dict | None:
        """The audit entry's data, or None when nothing changes (and nothing is logged)."""
        if not (self.create or self.change):
            return None
        return {"created": len(self.create), "changed": len(self.change)}


def roll_call_plan(
    *,
    entries: Sequence[RollCallEntry],
    records: dict[int, RecordState],
    on_roll: set[int],
    own_enrolment_ids: set[int],
    note_limit: int,
) -> RollCallPlan:
    """Plan a roll call save: all of it, or nothing. Refused when a status or note is wrong, a
    learner is not on the roll call, or the person saving would record their own attendance
    (an entry that leaves their record as it is changes nothing and passes). Conflicts: records
    changed since the form was shown (their version moved), unless they already say the same."""
    for entry in entries:
        if entry.status not in STATUSES:
            return RollCallPlan(refusal=RollCallRefusal.STATUS_INVALID)
        if len(entry.note) > note_limit:
            return RollCallPlan(refusal=RollCallRefusal.NOTE_TOO_LONG)
        if entry.enrolment_id not in on_roll:
            return RollCallPlan(refusal=RollCallRefusal.NOT_ON_ROLL_CALL)
    create, change, conflicts, unchanged = [], [], [], 0
    for entry in entries:
        current = records.get(entry.enrolment_id)
        same = current is not None and (current.status, current.note) == (entry.status, entry.note)
        if (current.version if current else 0) != entry.version and not same:
            conflicts.append(entry)
        elif current is None:
            create.append(entry)
        elif not same or current.self_checked_in:
            # Saving a learner's own check-in as it is confirms it: a change, in the history.
            change.append((entry, current))
        else:
            unchanged += 1
    touched = {entry.enrolment_id for entry in (*create, *conflicts, *(e for e, _s in change))}
    if touched & own_enrolment_ids:
        return RollCallPlan(refusal=RollCallRefusal.OWN_ENROLMENT)
    if conflicts:
        return RollCallPlan(conflicts=tuple(conflicts))
    return RollCallPlan(create=tuple(create), change=tuple(change), unchanged=unchanged)


# --- Self check-in (docs/attendance.md, "Self check-in") ---


def self_check_in_status(current: RecordState | None) -> str | None:
    """The status a learner's own check-in writes on their record at the session, or None when it
    writes nothing. With no record yet it writes Present, marked as the learner's own
    (`self_checked_in`: "Present (self)" on the roll call); a record already there (the trainer's,
    whatever it says) stays as it is: a check-in never overwrites staff.

    The record holds the status that counts, so a check-in that staff neither confirm nor change
    counts as Present, during and after the session, through the same counts as every record
    (the tallies, the grid, the rate); when staff confirm it or choose another status (saving the
    roll call, scanning the card), theirs is the record and it counts."""
    return PRESENT if current is None else None
