"""The learner's one status per course (certificates.rules.course_status), as a table: plain
values in, no database. The attendance summaries come from the attendance rules themselves
(`summarise`), so the figures read here are theirs, never worked out again in the test."""

import datetime

import pytest

from assessments.attendance.rules import AttendancePolicy, SessionCounts, summarise
from assessments.practical.rules import PracticalResult
from certificates.rules import CourseState, CourseStatusFacts, Eligibility, course_status

DAY = datetime.date(2026, 12, 4)
ELIGIBLE = Eligibility()
NOT_ELIGIBLE = Eligibility(reasons=("Something a coordinator reads.",))


def attendance(*, scheduled=10, held=10, present=10, absent=0, threshold=90, required=True):
    return summarise(
        SessionCounts(scheduled=scheduled, held=held, present=present, absent=absent),
        AttendancePolicy(required=required, threshold=threshold),
    )


def practical(*, passed=True, used=1, allowed=3, required=True):
    return PracticalResult(
        template_id=1,
        template_name="Serve a customer",
        required_for_certification=required,
        passed=passed,
        attempts_used=used,
        attempts_allowed=allowed,
    )


def facts(**changes) -> CourseStatusFacts:
    values = {
        "enrolment_status": "active",
        "withdrawn_on": None,
        "lessons_done": 7,
        "required_lessons": 7,
        "required_lessons_done": 7,
        "next_lesson_id": None,
        "awards_certificate": True,
        "attendance": attendance(),
        "practicals": (practical(),),
        "eligibility": ELIGIBLE,
    }
    return CourseStatusFacts(**{**values, **changes})


LESSONS_LEFT = {"lessons_done": 3, "required_lessons_done": 3, "next_lesson_id": 44}
NOTHING_DONE = {"lessons_done": 0, "required_lessons_done": 0, "next_lesson_id": 41}


@pytest.mark.parametrize(
    ("changes", "state", "next_lesson_id", "missing"),
    [
        pytest.param(NOTHING_DONE, CourseState.NOT_STARTED, 41, (), id="not started"),
        pytest.param(LESSONS_LEFT, CourseState.IN_PROGRESS, 44, (), id="in progress"),
        # An optional lesson read first: begun, not started.
        pytest.param(
            {**NOTHING_DONE, "lessons_done": 1}, CourseState.IN_PROGRESS, 41, (), id="optional"
        ),
        pytest.param({}, CourseState.WAITING, None, (), id="waiting for certification"),
        pytest.param(
            {"certificate_status": "valid"}, CourseState.CERTIFIED, None, (), id="certified"
        ),
        pytest.param(
            {"certificate_status": "revoked", "certificate_reason": "Issued in error."},
            CourseState.NOT_CERTIFIED,
            None,
            ("Issued in error.",),
            id="revoked, with its reason",
        ),
        pytest.param(
            {"enrolment_status": "withdrawn", "withdrawn_on": DAY, **LESSONS_LEFT},
            CourseState.WITHDRAWN,
            None,
            (),
            id="withdrawn, nothing to continue",
        ),
        # The mentor's card: completed before the lessons were on the site, 0 of 7 done.
        pytest.param(
            {"enrolment_status": "completed", **NOTHING_DONE},
            CourseState.FINISHED,
            None,
            (),
            id="completed with no lesson done: no Start",
        ),
        pytest.param(
            {"enrolment_status": "completed", "certificate_status": "valid", **NOTHING_DONE},
            CourseState.CERTIFIED,
            None,
            (),
            id="certified with no lesson done: no Start",
        ),
        pytest.param(
            {"awards_certificate": False, "eligibility": NOT_ELIGIBLE},
            CourseState.FINISHED,
            None,
            (),
            id="no certificate awarded",
        ),
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "practicals": (practical(passed=False, used=0),),
            },
            CourseState.LESSONS_DONE,
            None,
            ("Practical assessment “Serve a customer”: not taken yet.",),
            id="practical not taken",
        ),
        pytest.param(
            {"eligibility": NOT_ELIGIBLE, "practicals": (practical(passed=False, used=1),)},
            CourseState.LESSONS_DONE,
            None,
            ("Practical assessment “Serve a customer”: not passed yet (1 of 3 attempts used).",),
            id="practical not passed, attempts left",
        ),
        pytest.param(
            {"eligibility": NOT_ELIGIBLE, "practicals": (practical(passed=False, used=3),)},
            CourseState.NOT_CERTIFIED,
            None,
            ("Practical assessment “Serve a customer”: not passed, and no attempts are left.",),
            id="practical: no attempts left",
        ),
        pytest.param(
            {"practicals": (practical(passed=False, used=0, required=False),)},
            CourseState.WAITING,
            None,
            (),
            id="optional practical not taken",
        ),
        # 9 of 10 held, 10 more to come at 90%: 18 of 20 needed, so 9 more of 10: miss 1.
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=20, held=10, present=9, absent=1),
            },
            CourseState.LESSONS_DONE,
            None,
            (
                "You need to attend 9 of the remaining 10 sessions: "
                "you can miss at most 1 more session.",
            ),
            id="attendance: miss at most 1",
        ),
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=30, held=10, present=10, absent=0),
            },
            CourseState.LESSONS_DONE,
            None,
            (
                "You need to attend 17 of the remaining 20 sessions: "
                "you can miss at most 3 more sessions.",
            ),
            id="attendance: miss at most 3",
        ),
        # 8 of 10 held, 10 to come: 18 of 20 needs all 10.
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=20, held=10, present=8, absent=2),
            },
            CourseState.LESSONS_DONE,
            None,
            ("You need to attend all 10 remaining sessions.",),
            id="attendance: every remaining session",
        ),
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=11, held=10, present=9, absent=1),
            },
            CourseState.LESSONS_DONE,
            None,
            ("You need to attend the remaining session.",),
            id="attendance: the one remaining session",
        ),
        # 7 of 10 held, 10 to come: at best 17 of 20 = 85%.
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=20, held=10, present=7, absent=3),
            },
            CourseState.NOT_CERTIFIED,
            None,
            ("Attendance of 90% can no longer be reached.",),
            id="attendance out of reach",
        ),
        # The boundary: 9 of 10 is exactly 90% and passes; 26 of 29 (89.66%) does not.
        pytest.param(
            {"attendance": attendance(present=9, absent=1)},
            CourseState.WAITING,
            None,
            (),
            id="attendance 9 of 10 at 90%",
        ),
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=29, held=29, present=26, absent=3),
            },
            CourseState.NOT_CERTIFIED,
            None,
            ("Attendance of 90% can no longer be reached.",),
            id="attendance 26 of 29 at 90%",
        ),
        pytest.param(
            {
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=0, held=0, present=0),
            },
            CourseState.LESSONS_DONE,
            None,
            ("No sessions are recorded for your group yet.",),
            id="attendance: no sessions",
        ),
        pytest.param(
            {"attendance": attendance(present=0, absent=10, required=False)},
            CourseState.WAITING,
            None,
            (),
            id="attendance not required",
        ),
        # Out of reach while lessons remain: said now, with Continue still there.
        pytest.param(
            {
                **LESSONS_LEFT,
                "eligibility": NOT_ELIGIBLE,
                "attendance": attendance(scheduled=20, held=10, present=7, absent=3),
            },
            CourseState.IN_PROGRESS,
            44,
            ("Attendance of 90% can no longer be reached.",),
            id="in progress, attendance out of reach",
        ),
        pytest.param(
            {**LESSONS_LEFT, "practicals": (practical(passed=False, used=1),)},
            CourseState.IN_PROGRESS,
            44,
            (),
            id="in progress, practical to come: not said yet",
        ),
        # A reason the learner's lines do not cover: the decision's own words.
        pytest.param(
            {"eligibility": NOT_ELIGIBLE},
            CourseState.LESSONS_DONE,
            None,
            ("Something a coordinator reads.",),
            id="another reason",
        ),
    ],
)
def test_course_status(changes, state, next_lesson_id, missing):
    status = course_status(facts(**changes))
    assert status.state == state
    assert status.next_lesson_id == next_lesson_id
    assert status.missing == missing


def test_attendance_missing_points_at_the_attendance_page():
    status = course_status(
        facts(
            eligibility=NOT_ELIGIBLE,
            attendance=attendance(scheduled=20, held=10, present=9, absent=1),
        )
    )
    assert status.attendance_missing
    assert not course_status(facts()).attendance_missing


@pytest.mark.parametrize(
    "state", [CourseState.WAITING, CourseState.CERTIFIED, CourseState.FINISHED]
)
def test_nothing_to_start_or_continue_once_the_lessons_are_done(state):
    changes = {
        CourseState.WAITING: {},
        CourseState.CERTIFIED: {"certificate_status": "valid"},
        CourseState.FINISHED: {"enrolment_status": "completed"},
    }[state]
    # Even if a caller passed a lesson (the first, as the old rule did), none is offered.
    status = course_status(facts(next_lesson_id=41, **changes))
    assert status.state == state
    assert status.next_lesson_id is None


# --- Theory tests ----------------------------------------------------------------------------


def quiz(*, passed=False, used=1, allowed=3, required=True):
    from assessments.quizzes.rules import QuizResult

    return QuizResult(
        quiz_id=1,
        quiz_name="Food hygiene theory",
        required_for_certification=required,
        passed=passed,
        passed_on=DAY if passed else None,
        supervised=False,
        attempts_used=used,
        attempts_allowed=allowed,
    )


NO_CERTIFICATE = {"awards_certificate": False, "eligibility": NOT_ELIGIBLE, "practicals": ()}
RETAKE = "Theory test “Food hygiene theory”: not passed yet (1 of 3 attempts used)."


@pytest.mark.parametrize(
    ("changes", "state", "missing"),
    [
        # A course without a certificate is not finished while a required test is not passed.
        pytest.param(
            {**NO_CERTIFICATE, "quizzes": (quiz(),)},
            CourseState.LESSONS_DONE,
            (RETAKE,),
            id="no certificate, test to pass",
        ),
        pytest.param(
            {**NO_CERTIFICATE, "quizzes": (quiz(used=0),)},
            CourseState.LESSONS_DONE,
            ("Theory test “Food hygiene theory”: not taken yet.",),
            id="no certificate, test not taken",
        ),
        pytest.param(
            {**NO_CERTIFICATE, "quizzes": (quiz(passed=True),)},
            CourseState.FINISHED,
            (),
            id="no certificate, test passed",
        ),
        pytest.param(
            {**NO_CERTIFICATE, "quizzes": (quiz(required=False),)},
            CourseState.FINISHED,
            (),
            id="no certificate, optional test",
        ),
        # With a certificate: the test is said beside the attendance still needed, not instead.
        pytest.param(
            {
                "attendance": attendance(scheduled=10, held=5, present=5),
                "eligibility": NOT_ELIGIBLE,
                "quizzes": (quiz(),),
            },
            CourseState.LESSONS_DONE,
            (
                "You need to attend 4 of the remaining 5 sessions: you can miss at most 1 more "
                "session.",
                RETAKE,
            ),
            id="certificate, attendance and test",
        ),
        pytest.param(
            {"eligibility": NOT_ELIGIBLE, "quizzes": (quiz(used=3),)},
            CourseState.NOT_CERTIFIED,
            ("Theory test “Food hygiene theory”: not passed, and no attempts are left.",),
            id="certificate, no attempts left",
        ),
        # No attempts left where no certificate is at stake: still to finish, not "not certified".
        pytest.param(
            {**NO_CERTIFICATE, "quizzes": (quiz(used=3),)},
            CourseState.LESSONS_DONE,
            ("Theory test “Food hygiene theory”: not passed, and no attempts are left.",),
            id="no certificate, no attempts left",
        ),
    ],
)
def test_a_required_theory_test_is_part_of_finishing(changes, state, missing):
    status = course_status(facts(**changes))
    assert (status.state, status.missing) == (state, missing)
