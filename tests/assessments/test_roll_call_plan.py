"""The roll call as a pure plan: the diff, the conflicts, the refusals and the audit line."""

from assessments.attendance.rules import (
    RecordState,
    RollCallEntry,
    RollCallRefusal,
    roll_call_plan,
)


def plan(entries, records=None, *, on_roll=(1, 2, 3), own=()):
    return roll_call_plan(
        entries=entries,
        records=records or {},
        on_roll=set(on_roll),
        own_enrolment_ids=set(own),
        note_limit=10,
    )


def test_new_changed_and_unchanged_records():
    records = {2: RecordState("present", "", 1), 3: RecordState("late", "", 2)}
    result = plan(
        [
            RollCallEntry(1, "present"),
            RollCallEntry(2, "absent", "", 1),
            RollCallEntry(3, "late", "", 2),
        ],
        records,
    )
    assert [e.enrolment_id for e in result.create] == [1]
    assert [(e.status, before.status) for e, before in result.change] == [("absent", "present")]
    assert result.unchanged == 1
    assert result.audit == {"created": 1, "changed": 1}
    assert result.refusal is None
    assert result.conflicts == ()


def test_nothing_changed_logs_nothing():
    result = plan([RollCallEntry(1, "present", "", 1)], {1: RecordState("present", "", 1)})
    assert result.audit is None


def test_a_record_changed_meanwhile_is_a_conflict_unless_it_already_says_the_same():
    records = {1: RecordState("absent", "", 2), 2: RecordState("late", "", 2)}
    result = plan([RollCallEntry(1, "present", "", 1), RollCallEntry(2, "late", "", 1)], records)
    assert [e.enrolment_id for e in result.conflicts] == [1]
    assert result.create == ()
    assert result.change == ()


def test_refusals():
    assert plan([RollCallEntry(1, "asleep")]).refusal is RollCallRefusal.STATUS_INVALID
    assert plan([RollCallEntry(1, "present", "x" * 11)]).refusal is RollCallRefusal.NOTE_TOO_LONG
    assert plan([RollCallEntry(9, "present")]).refusal is RollCallRefusal.NOT_ON_ROLL_CALL


def test_nobody_records_their_own_attendance_but_an_unchanged_own_row_passes():
    own = plan([RollCallEntry(1, "present"), RollCallEntry(2, "present")], own=(1,))
    assert own.refusal is RollCallRefusal.OWN_ENROLMENT
    assert own.create == ()
    unchanged = plan(
        [RollCallEntry(1, "late", "", 1), RollCallEntry(2, "present")],
        {1: RecordState("late", "", 1)},
        own=(1,),
    )
    assert unchanged.refusal is None
    assert [e.enrolment_id for e in unchanged.create] == [2]
