"""Self check-in as pure rules: the check-in window, the 20-second steps of the rotating code,
and why a check-in is refused. No ORM, no request: plain values in, a decision out."""

import datetime
from enum import Enum

STEP_SECONDS = 20  # the code on the trainer's screen changes this often
STEPS_ACCEPTED = 2  # the step shown and the one before it: a scan just before the change passes
OPENS_BEFORE_START = datetime.timedelta(minutes=15)
# A scan opened while the code was good may finish after logging in, within this long.
SCAN_KEPT_FOR = datetime.timedelta(minutes=10)


def default_window(
    *, start: datetime.datetime, end: datetime.datetime
) -> tuple[datetime.datetime, datetime.datetime]:
    """A session's check-in window unless its trainer says otherwise: 15 minutes before it
    starts until it ends."""
    return start - OPENS_BEFORE_START, end


def step_at(moment: datetime.datetime) -> int:
    """The 20-second step a moment falls in (counted from the epoch, so every node agrees)."""
    return int(moment.timestamp()) // STEP_SECONDS


def step_accepted(*, step: int, current: int) -> bool:
    """A code's step is good now if it is the current one or the one just before."""
    return current - STEPS_ACCEPTED < step <= current


def window_open(
    *, now: datetime.datetime, opens_at: datetime.datetime, ends_at: datetime.datetime
) -> bool:
    """The window takes check-ins from its opening, inclusive, until its end, exclusive."""
    return opens_at <= now < ends_at


class CheckInRefusal(Enum):
    CODE_WRONG = "code_wrong"  # not a code of this site: mistyped, or made up
    CODE_EXPIRED = "code_expired"
    SCAN_TOO_OLD = "scan_too_old"  # the scan was kept through the login for too long
    NOT_OPEN_YET = "not_open_yet"
    CLOSED = "closed"
    SESSION_CANCELLED = "session_cancelled"
    NOT_ENROLLED = "not_enrolled"
    WITHDRAWN = "withdrawn"
    DEVICE_USED = "device_used"  # this phone already checked in someone else


def check_in_refusal(
    *,
    now: datetime.datetime,
    scanned_at: datetime.datetime,
    step: int,
    opens_at: datetime.datetime,
    ends_at: datetime.datetime,
    cancelled: bool,
    enrolled: bool,
    withdrawn: bool,
    device_learner_id: int | None,
    learner_id: int,
) -> CheckInRefusal | None:
    """Why a learner's check-in is refused, or None. The code's step is judged at `scanned_at`
    (when the code was opened: the learner may have logged in since), the window at both the scan
    and now. `device_learner_id`: whom this device already checked in to the session, if anyone."""
    if not step_accepted(step=step, current=step_at(scanned_at)):
        return CheckInRefusal.CODE_EXPIRED
    if not scanned_at <= now <= scanned_at + SCAN_KEPT_FOR:
        return CheckInRefusal.SCAN_TOO_OLD
    if cancelled:
        return CheckInRefusal.SESSION_CANCELLED
    if scanned_at < opens_at:
        return CheckInRefusal.NOT_OPEN_YET
    if not window_open(now=scanned_at, opens_at=opens_at, ends_at=ends_at) or now >= ends_at:
        return CheckInRefusal.CLOSED
    if withdrawn:
        return CheckInRefusal.WITHDRAWN
    if not enrolled:
        return CheckInRefusal.NOT_ENROLLED
    if device_learner_id is not None and device_learner_id != learner_id:
        return CheckInRefusal.DEVICE_USED
    return None


class CardRefusal(Enum):
    UNKNOWN = "unknown"  # no such card: not one of ours, or mistyped
    REVOKED = "revoked"
    NOT_ON_ROLL_CALL = "not_on_roll_call"  # another cohort's learner, or not enrolled that day


def card_refusal(*, found: bool, revoked: bool, on_roll_call: bool) -> CardRefusal | None:
    if not found:
        return CardRefusal.UNKNOWN
    if revoked:
        return CardRefusal.REVOKED
    if not on_roll_call:
        return CardRefusal.NOT_ON_ROLL_CALL
    return None
