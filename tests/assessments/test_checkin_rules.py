"""Self check-in rules at their boundaries, without a database."""

import datetime

import pytest

from assessments.attendance import checkin_rules as cr
from assessments.attendance import rules
from assessments.attendance.checkin_rules import CardRefusal, CheckInRefusal

UTC = datetime.UTC
OPENS = datetime.datetime(2026, 11, 18, 8, 45, tzinfo=UTC)
ENDS = datetime.datetime(2026, 11, 18, 12, 0, tzinfo=UTC)
NOW = datetime.datetime(2026, 11, 18, 9, 0, 0, tzinfo=UTC)  # a multiple of 20 s: a step starts


def refusal(**changes):
    facts = {
        "now": NOW,
        "scanned_at": NOW,
        "step": cr.step_at(NOW),
        "opens_at": OPENS,
        "ends_at": ENDS,
        "cancelled": False,
        "enrolled": True,
        "withdrawn": False,
        "device_learner_id": None,
        "learner_id": 1,
    }
    return cr.check_in_refusal(**{**facts, **changes})


def test_default_window_is_fifteen_minutes_before_start_until_end():
    start = datetime.datetime(2026, 11, 18, 9, 0, tzinfo=UTC)
    assert cr.default_window(start=start, end=ENDS) == (OPENS, ENDS)


def test_steps_are_twenty_seconds():
    assert cr.step_at(NOW + datetime.timedelta(seconds=19)) == cr.step_at(NOW)
    assert cr.step_at(NOW + datetime.timedelta(seconds=20)) == cr.step_at(NOW) + 1
    assert cr.step_at(NOW - datetime.timedelta(seconds=1)) == cr.step_at(NOW) - 1


@pytest.mark.parametrize(
    ("offset", "accepted"),
    [(0, True), (-1, True), (-2, False), (1, False), (-1000, False)],
)
def test_the_current_and_the_previous_step_are_accepted(offset, accepted):
    current = cr.step_at(NOW)
    assert cr.step_accepted(step=current + offset, current=current) is accepted


def test_a_code_scanned_39_seconds_after_it_appeared_passes_and_40_fails():
    shown = cr.step_at(NOW)
    assert (
        refusal(
            step=shown,
            scanned_at=NOW + datetime.timedelta(seconds=39),
            now=NOW + datetime.timedelta(seconds=39),
        )
        is None
    )
    later = NOW + datetime.timedelta(seconds=40)
    assert refusal(step=shown, scanned_at=later, now=later) is CheckInRefusal.CODE_EXPIRED


def test_a_code_of_a_step_not_yet_shown_is_refused():
    assert refusal(step=cr.step_at(NOW) + 1) is CheckInRefusal.CODE_EXPIRED


def test_the_scan_is_judged_when_it_was_opened_within_ten_minutes_of_login():
    kept = NOW + cr.SCAN_KEPT_FOR
    assert refusal(now=kept) is None
    assert refusal(now=kept + datetime.timedelta(seconds=1)) is CheckInRefusal.SCAN_TOO_OLD


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (OPENS - datetime.timedelta(seconds=1), CheckInRefusal.NOT_OPEN_YET),
        (OPENS, None),
        (ENDS - datetime.timedelta(seconds=1), None),
        (ENDS, CheckInRefusal.CLOSED),
    ],
)
def test_window_edges(moment, expected):
    assert refusal(now=moment, scanned_at=moment, step=cr.step_at(moment)) is expected


def test_a_window_that_ends_between_scan_and_login_refuses():
    assert (
        refusal(
            ends_at=NOW + datetime.timedelta(seconds=30), now=NOW + datetime.timedelta(minutes=1)
        )
        is CheckInRefusal.CLOSED
    )


def test_who_may_check_in():
    assert refusal(cancelled=True) is CheckInRefusal.SESSION_CANCELLED
    assert refusal(enrolled=False) is CheckInRefusal.NOT_ENROLLED
    assert refusal(enrolled=False, withdrawn=True) is CheckInRefusal.WITHDRAWN
    assert refusal(device_learner_id=2) is CheckInRefusal.DEVICE_USED
    assert refusal(device_learner_id=1) is None  # the same learner again on their own phone


def test_card_refusals():
    assert cr.card_refusal(found=False, revoked=False, on_roll_call=False) is CardRefusal.UNKNOWN
    assert cr.card_refusal(found=True, revoked=True, on_roll_call=True) is CardRefusal.REVOKED
    assert (
        cr.card_refusal(found=True, revoked=False, on_roll_call=False)
        is CardRefusal.NOT_ON_ROLL_CALL
    )
    assert cr.card_refusal(found=True, revoked=False, on_roll_call=True) is None


def test_a_self_check_in_writes_present_only_where_there_is_no_record():
    assert rules.self_check_in_status(None) == rules.PRESENT
    for status in rules.STATUSES:
        assert rules.self_check_in_status(rules.RecordState(status, "", 1)) is None


def test_saving_a_self_check_in_as_it_is_confirms_it_and_another_status_overturns_it():
    record = rules.RecordState(rules.PRESENT, "", 1, self_checked_in=True)
    kept = rules.roll_call_plan(
        entries=[rules.RollCallEntry(7, rules.PRESENT, "", 1)],
        records={7: record},
        on_roll={7},
        own_enrolment_ids=set(),
        note_limit=300,
    )
    assert [entry.status for entry, _before in kept.change] == [rules.PRESENT]
    # A form shown before the check-in (version 0) that says Absent: someone changed it meanwhile.
    overturned = rules.roll_call_plan(
        entries=[rules.RollCallEntry(7, rules.ABSENT, "", 0)],
        records={7: record},
        on_roll={7},
        own_enrolment_ids=set(),
        note_limit=300,
    )
    assert [entry.status for entry in overturned.conflicts] == [rules.ABSENT]
    # A staff record said the same is unchanged, as before.
    staff = rules.roll_call_plan(
        entries=[rules.RollCallEntry(7, rules.PRESENT, "", 1)],
        records={7: rules.RecordState(rules.PRESENT, "", 1)},
        on_roll={7},
        own_enrolment_ids=set(),
        note_limit=300,
    )
    assert staff.unchanged == 1
    assert not staff.change
