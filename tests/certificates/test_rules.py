"""The completion decision at its boundaries, with plain values (no database)."""

import datetime

import pytest
from django.utils import translation

from assessments.attendance.rules import AttendancePolicy, SessionCounts, summarise
from assessments.practical.rules import PracticalResult
from certificates import rules


def summary(attended: int, counted: int, *, threshold: int = 90, remaining: int = 0):
    """The attendance rules' own summary of these counts: certificates read its decision."""
    held = counted - remaining
    return summarise(
        SessionCounts(scheduled=counted, held=held, present=attended, absent=held - attended),
        AttendancePolicy(threshold=threshold),
    )


def practical(name="Bread", *, passed=True, required=True, used=1, allowed=3):
    return PracticalResult(
        template_id=1,
        template_name=name,
        required_for_certification=required,
        passed=passed,
        attempts_used=used,
        attempts_allowed=allowed,
    )


def facts(**overrides):
    values = {
        "enrolment_status": "active",
        "withdrawn_on": None,
        "awards_certificate": True,
        "attendance_required": True,
        "attendance_threshold": 90,
        "attendance": summary(10, 10),
        "practicals": (practical(),),
        "required_lessons": 3,
        "required_lessons_done": 3,
    }
    values.update(overrides)
    return rules.EligibilityFacts(**values)


def test_everything_met_is_eligible():
    decision = rules.eligibility(facts())
    assert decision.eligible
    assert decision.reasons == ()


@pytest.mark.parametrize(
    ("attended", "counted", "threshold", "met"),
    [
        (9, 10, 90, True),  # exactly 90%
        (26, 29, 90, False),  # 89.66%
        (8999, 10000, 90, False),  # 89.99%
        (27, 30, 90, True),
        (1, 1, 100, True),
        (99, 100, 100, False),
        (0, 0, 90, False),  # no counted sessions cannot meet it
        (3, 4, 75, True),
        (2, 3, 67, False),  # 66.67% < 67%: no rounding up
        (1, 100, 1, True),  # a threshold of 1%: exactly 1%
        (1, 101, 1, False),  # 0.99%
    ],
)
def test_attendance_threshold_is_exact(attended, counted, threshold, met):
    decision = rules.eligibility(
        facts(
            attendance=summary(attended, counted, threshold=threshold),
            attendance_threshold=threshold,
        )
    )
    assert decision.eligible is met


def test_attendance_reason_names_rate_counts_and_threshold():
    decision = rules.eligibility(facts(attendance=summary(26, 29)))
    assert decision.reasons == ("Attendance is 89.6% (26 of 29 sessions); 90% is required.",)


def test_the_decision_uses_every_session_of_the_cohort_not_only_those_held():
    # 5 of 5 so far is 100%, but with 10 sessions in the cohort 5 of 10 is 50%: not eligible
    # yet, and said as what it is while the threshold is still within reach (not a shortfall).
    decision = rules.eligibility(facts(attendance=summary(5, 10, remaining=5)))
    assert not decision.eligible
    assert decision.reasons == (
        "Attendance not complete: 5 of 5 sessions held so far attended, 5 sessions still to "
        "come; 90% is required.",
    )
    # Out of reach with sessions still to come: what was held and the most it can reach, not a
    # rate that counts the sessions to come as missed (a coordinator read "20%" as the truth).
    decision = rules.eligibility(facts(attendance=summary(2, 10, remaining=5)))
    assert decision.reasons == (
        "Attendance cannot reach 90%: 2 of 5 sessions held so far attended, 5 sessions still to "
        "come; at most 70%.",
    )
    # Over: the shortfall over the whole course.
    decision = rules.eligibility(facts(attendance=summary(7, 10)))
    assert decision.reasons == ("Attendance is 70% (7 of 10 sessions); 90% is required.",)


def test_missing_attendance_summary_cannot_meet_a_required_threshold():
    decision = rules.eligibility(facts(attendance=None))
    assert decision.reasons == (
        "No attendance has been recorded for this cohort, so the 90% attendance requirement "
        "cannot be met yet.",
    )


def test_attendance_not_required_ignores_missing_attendance():
    assert rules.eligibility(facts(attendance_required=False, attendance=None)).eligible


@pytest.mark.parametrize(
    ("result", "expected"),
    [
        (practical(passed=False, used=0), "Practical assessment “Bread” not yet taken."),
        (
            practical(passed=False, used=2, allowed=3),
            "Practical assessment “Bread” not yet passed and reviewed (2 of 3 attempts used).",
        ),
    ],
)
def test_required_practical_not_passed_is_a_reason(result, expected):
    assert rules.eligibility(facts(practicals=(result,))).reasons == (expected,)


def test_optional_practical_not_passed_does_not_block():
    assert rules.eligibility(facts(practicals=(practical(passed=False, required=False),))).eligible


def test_every_required_practical_must_pass():
    decision = rules.eligibility(
        facts(practicals=(practical("Bread"), practical("Pastry", passed=False, used=1)))
    )
    assert len(decision.reasons) == 1
    assert "Pastry" in decision.reasons[0]


@pytest.mark.parametrize(("done", "eligible"), [(2, False), (3, True)])
def test_required_lessons_boundary(done, eligible):
    decision = rules.eligibility(facts(required_lessons=3, required_lessons_done=done))
    assert decision.eligible is eligible
    if not eligible:
        assert decision.reasons == ("1 required lesson not done (2 of 3 done).",)


def test_withdrawn_enrolment_is_not_eligible():
    withdrawn = facts(enrolment_status="withdrawn", withdrawn_on=datetime.date(2026, 3, 4))
    decision = rules.eligibility(withdrawn)
    assert decision.reasons == ("Withdrew from the cohort on 4 Mar 2026.",)
    with translation.override("es"):  # the date as the coordinator's language writes it
        assert rules.eligibility(withdrawn).reasons == ("Se dio de baja del grupo el 4 mar 2026.",)


def test_course_without_certificate_is_not_eligible():
    assert rules.eligibility(facts(awards_certificate=False)).reasons == (
        "This course does not award a certificate.",
    )


def test_every_unmet_requirement_is_listed():
    decision = rules.eligibility(
        facts(
            awards_certificate=False,
            enrolment_status="withdrawn",
            attendance=summary(1, 10),
            practicals=(practical(passed=False, used=0),),
            required_lessons_done=0,
        )
    )
    assert len(decision.reasons) == 5


def test_serial_format_and_recognition():
    assert rules.serial_format(year=2026, number=123) == "2026-000123"
    assert rules.looks_like_serial("2026-000123")
    assert not rules.looks_like_serial(rules.verification_code_new())


def test_verification_code_has_at_least_128_random_bits_and_is_url_safe():
    codes = {rules.verification_code_new() for _ in range(50)}
    assert len(codes) == 50
    for code in codes:
        assert len(code) >= 22  # 22 base64 characters carry 132 bits; ours carry 256
        assert set(code) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
