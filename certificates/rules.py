"""The completion decision and the certificate's arithmetic, as pure functions (no ORM)."""

import datetime
import secrets
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.attendance.rules import AttendanceSummary
from assessments.practical.rules import PracticalResult
from assessments.quizzes.rules import QuizResult
from lms.formats import medium_date, percent

WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class EligibilityFacts:
    """What the decision needs about one enrolment, gathered by `selectors.eligibility_facts`."""

    enrolment_status: str
    withdrawn_on: datetime.date | None
    awards_certificate: bool
    attendance_required: bool
    attendance_threshold: int
    attendance: AttendanceSummary | None
    practicals: Sequence[PracticalResult] = ()
    required_lessons: int = 0
    required_lessons_done: int = 0
    quizzes: Sequence[QuizResult] = ()


@dataclass(frozen=True)
class Eligibility:
    reasons: tuple[str, ...] = field(default_factory=tuple)

    @property
    def eligible(self) -> bool:
        return not self.reasons


def eligibility(facts: EligibilityFacts) -> Eligibility:
    """Every unmet requirement, in words a coordinator understands; none means eligible."""
    reasons: list[str] = []
    if not facts.awards_certificate:
        reasons.append(_("This course does not award a certificate."))
    if facts.enrolment_status == WITHDRAWN:
        if facts.withdrawn_on:
            reasons.append(
                _("Withdrew from the cohort on %(date)s.")
                % {"date": medium_date(facts.withdrawn_on)}
            )
        else:
            reasons.append(_("Withdrew from the cohort."))

    if facts.attendance_required:
        summary = facts.attendance
        threshold = facts.attendance_threshold
        if summary is None or summary.counted_whole_course <= 0:
            reasons.append(
                _(
                    "No attendance has been recorded for this cohort, so the %(threshold)s%% "
                    "attendance requirement cannot be met yet."
                )
                % {"threshold": threshold}
            )
        # The decision is the attendance rules' (`threshold_reached`), never worked out here.
        elif not summary.threshold_reached and summary.remaining and not summary.at_risk:
            # Sessions still to come, and the threshold still within reach: not a shortfall yet.
            reasons.append(
                ngettext(
                    "Attendance not complete: %(attended)s of %(counted)s sessions held so far "
                    "attended, %(remaining)s session still to come; %(threshold)s is required.",
                    "Attendance not complete: %(attended)s of %(counted)s sessions held so far "
                    "attended, %(remaining)s sessions still to come; %(threshold)s is required.",
                    summary.remaining,
                )
                % {
                    "attended": summary.attended,
                    "counted": summary.counted,
                    "remaining": summary.remaining,
                    "threshold": percent(threshold),
                }
            )
        elif not summary.threshold_reached and summary.remaining:
            # Sessions still to come, but too few to reach the threshold: what was held, what is
            # to come, and the most it can reach (the figure Today shows), not a rate that
            # counts the sessions to come as missed.
            reasons.append(
                ngettext(
                    "Attendance cannot reach %(threshold)s: %(attended)s of %(counted)s sessions "
                    "held so far attended, %(remaining)s session still to come; at most "
                    "%(best)s.",
                    "Attendance cannot reach %(threshold)s: %(attended)s of %(counted)s sessions "
                    "held so far attended, %(remaining)s sessions still to come; at most "
                    "%(best)s.",
                    summary.remaining,
                )
                % {
                    "attended": summary.attended,
                    "counted": summary.counted,
                    "remaining": summary.remaining,
                    "best": percent(summary.best_reachable),
                    "threshold": percent(threshold),
                }
            )
        elif not summary.threshold_reached:
            reasons.append(
                _(
                    "Attendance is %(rate)s (%(attended)s of %(counted)s sessions); "
                    "%(threshold)s is required."
                )
                % {
                    "rate": percent(summary.rate_whole_course),
                    "attended": summary.attended,
                    "counted": summary.counted_whole_course,
                    "threshold": percent(threshold),
                }
            )

    for practical in facts.practicals:
        if practical.required_for_certification and not practical.passed:
            if practical.attempts_used == 0:
                reasons.append(
                    _("Practical assessment “%(name)s” not yet taken.")
                    % {"name": practical.template_name}
                )
            else:
                reasons.append(
                    _(
                        "Practical assessment “%(name)s” not yet passed and reviewed "
                        "(%(used)s of %(allowed)s attempts used)."
                    )
                    % {
                        "name": practical.template_name,
                        "used": practical.attempts_used,
                        "allowed": practical.attempts_allowed,
                    }
                )

    for quiz in facts.quizzes:
        if quiz.required_for_certification and not quiz.passed:
            reasons.append(
                _("Theory test “%(name)s” not yet passed (%(used)s of %(allowed)s attempts used).")
                % {
                    "name": quiz.quiz_name,
                    "used": quiz.attempts_used,
                    "allowed": quiz.attempts_allowed,
                }
            )

    if facts.required_lessons_done < facts.required_lessons:
        missing = facts.required_lessons - facts.required_lessons_done
        reasons.append(
            ngettext(
                "%(missing)s required lesson not done (%(done)s of %(total)s done).",
                "%(missing)s required lessons not done (%(done)s of %(total)s done).",
                missing,
            )
            % {
                "missing": missing,
                "done": facts.required_lessons_done,
                "total": facts.required_lessons,
            }
        )
    return Eligibility(reasons=tuple(reasons))


def has_written_test(quizzes: Sequence[QuizResult]) -> bool:
    """The course assesses knowledge with a theory test required for the certificate."""
    return any(quiz.required_for_certification for quiz in quizzes)


def written_tests_supervised(quizzes: Sequence[QuizResult]) -> bool:
    """Every required theory test was passed with a trainer present who verified the learner's
    identity (an assisted attempt)."""
    required = [quiz for quiz in quizzes if quiz.required_for_certification]
    return bool(required) and all(quiz.passed and quiz.supervised for quiz in required)


def serial_format(*, year: int, number: int) -> str:
    """Human-readable, sequential per year: 2026-000123."""
    return f"{year:04d}-{number:06d}"


def verification_code_new() -> str:
    """256 random bits, URL-safe (43 characters)."""
    return secrets.token_urlsafe(32)


def looks_like_serial(text: str) -> bool:
    year, sep, number = text.partition("-")
    return bool(sep) and len(year) == 4 and year.isdigit() and number.isdigit()


# The short, typeable form of a verification code printed under the QR code: the code's first
# 60 bits (its first ten URL-safe base64 characters) written as twelve Crockford base32
# characters in groups of four. No I, L, O or U: nothing to mistake for 1, 0 or V.
_BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_CROCKFORD_READS = {"O": "0", "I": "1", "L": "1"}
SHORT_CODE_SOURCE_CHARS = 10
SHORT_CODE_CHARS = 12


def verification_short_code(code: str) -> str:
    """'7KQ4-M2XD-9PRA' for a verification code; '' for one too short or not base64url."""
    head = code[:SHORT_CODE_SOURCE_CHARS]
    if len(head) < SHORT_CODE_SOURCE_CHARS or any(c not in _BASE64URL for c in head):
        return ""
    value = 0
    for char in head:
        value = value * 64 + _BASE64URL.index(char)
    chars = "".join(
        _CROCKFORD[(value >> (5 * shift)) & 31] for shift in reversed(range(SHORT_CODE_CHARS))
    )
    return "-".join(chars[i : i + 4] for i in range(0, SHORT_CODE_CHARS, 4))


def verification_code_start(short_code: str) -> str:
    """The first ten characters of the verification code a typed short code stands for, or ''.
    Dashes, spaces and letter case do not matter; O, I and L are read as 0, 1 and 1."""
    typed = "".join(short_code.split()).replace("-", "").upper()
    typed = "".join(_CROCKFORD_READS.get(char, char) for char in typed)
    if len(typed) != SHORT_CODE_CHARS or any(char not in _CROCKFORD for char in typed):
        return ""
    value = 0
    for char in typed:
        value = value * 32 + _CROCKFORD.index(char)
    return "".join(
        _BASE64URL[(value >> (6 * shift)) & 63]
        for shift in reversed(range(SHORT_CODE_SOURCE_CHARS))
    )


def _name_words(text: str) -> list[str]:
    # O'Brien and O\u2019Brien are "obrien"; García-López is two words.
    text = text.replace("'", "").replace("\u2019", "")
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    for mark in "-.,":
        plain = plain.replace(mark, " ")
    return plain.split()


def surname_matches(*, printed_name: str, surname: str) -> bool:
    """Whether `surname` is one or more consecutive words of the printed name after its first
    (given) name: 'García', 'López' and 'garcia-lopez' match 'Ana García López'; 'Ana' does not.
    Accents, case, hyphens and apostrophes do not matter."""
    name, given = _name_words(printed_name), _name_words(surname)
    family = name[1:]
    return bool(given) and any(
        family[start : start + len(given)] == given for start in range(len(family))
    )


def record_state(*, certified: bool, awards_certificate: bool, enrolment_status: str) -> str:
    """What the learning record says of a course's outcomes: achieved only when certified; "in
    progress" while the learner is still on the course; otherwise covered, with or without the
    certificate the course awards."""
    if certified:
        return "certified"
    if enrolment_status == "active":
        return "in_progress"
    return "finished" if not awards_certificate else "not_certified"


# --- Where a learner stands in a course: one status, said in plain words ----------------------


class CourseState(Enum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    LESSONS_DONE = "lessons_done"  # every required lesson done, something else still missing
    WAITING = "waiting"  # every requirement met: a coordinator certifies
    CERTIFIED = "certified"
    NOT_CERTIFIED = "not_certified"  # revoked, or a requirement can no longer be met
    FINISHED = "finished"  # done, in a course that awards no certificate (or completed without)
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True)
class CourseStatusFacts:
    """What the learner's status needs about one enrolment, as plain values. The eligibility is
    the certify queue's decision (`eligibility`), read here and never worked out again."""

    enrolment_status: str
    withdrawn_on: datetime.date | None
    lessons_done: int  # any lesson, required or not: has the learner begun?
    required_lessons: int
    required_lessons_done: int
    next_lesson_id: int | None  # the first lesson not done, in course order
    awards_certificate: bool
    attendance: AttendanceSummary | None
    practicals: Sequence[PracticalResult]
    eligibility: Eligibility
    certificate_status: str | None = None  # the current certificate's: valid or revoked
    certificate_reason: str = ""
    quizzes: Sequence[QuizResult] = ()


@dataclass(frozen=True)
class CourseStatus:
    state: CourseState
    next_lesson_id: int | None = None  # only while lessons remain: "Start" / "Continue"
    missing: tuple[str, ...] = ()  # for the certificate, in the learner's words
    attendance_missing: bool = False  # the next step is the learner's attendance page


def _attendance_missing(summary: AttendanceSummary | None) -> tuple[str | None, bool]:
    """What the learner still needs of their attendance, and whether that can no longer be
    reached; (None, False) when attendance is met or not required. Reads the attendance rules'
    figures (`threshold_reached`, `sessions_needed`, `can_miss`, `at_risk`)."""
    if summary is None or summary.counted_whole_course <= 0:
        return _("No sessions are recorded for your group yet."), False
    if not summary.required or summary.threshold_reached:
        return None, False
    if summary.at_risk or summary.can_miss is None:
        return (
            _("Attendance of %(threshold)s%% can no longer be reached.")
            % {"threshold": summary.threshold},
            True,
        )
    if summary.can_miss == 0:
        return (
            ngettext(
                "You need to attend the remaining session.",
                "You need to attend all %(remaining)s remaining sessions.",
                summary.remaining,
            )
            % {"remaining": summary.remaining},
            False,
        )
    return (
        ngettext(
            "You need to attend %(needed)s of the remaining %(remaining)s sessions: "
            "you can miss at most %(can_miss)s more session.",
            "You need to attend %(needed)s of the remaining %(remaining)s sessions: "
            "you can miss at most %(can_miss)s more sessions.",
            summary.can_miss,
        )
        % {
            "needed": summary.sessions_needed,
            "remaining": summary.remaining,
            "can_miss": summary.can_miss,
        },
        False,
    )


def _quiz_missing(quiz: QuizResult) -> tuple[str, bool]:
    """What is missing of one required theory test not passed, and whether no attempt is left."""
    name = {"name": quiz.quiz_name}
    if quiz.attempts_used == 0:
        return _("Theory test “%(name)s”: not taken yet.") % name, False
    if quiz.attempts_left == 0:
        return _("Theory test “%(name)s”: not passed, and no attempts are left.") % name, True
    return (
        _("Theory test “%(name)s”: not passed yet (%(used)s of %(allowed)s attempts used).")
        % {**name, "used": quiz.attempts_used, "allowed": quiz.attempts_allowed},
        False,
    )


def _practical_missing(practical: PracticalResult) -> tuple[str, bool]:
    """What is missing of one required practical assessment not passed, and whether no attempt
    is left to pass it."""
    name = {"name": practical.template_name}
    if practical.attempts_used == 0:
        return _("Practical assessment “%(name)s”: not taken yet.") % name, False
    if practical.attempts_left == 0:
        return _("Practical assessment “%(name)s”: not passed, and no attempts are left.") % name, (
            True
        )
    return (
        _(
            "Practical assessment “%(name)s”: not passed yet "
            "(%(used)s of %(allowed)s attempts used)."
        )
        % {**name, "used": practical.attempts_used, "allowed": practical.attempts_allowed},
        False,
    )


def course_status(facts: CourseStatusFacts) -> CourseStatus:
    """The one status a learner sees for a course, and what it takes to move on.

    Withdrawn first; then a certificate (valid or revoked) says it all; then an enrolment marked
    completed is finished whatever its lessons say (a course completed before its lessons were
    on the site has nothing to start); then lessons remaining; then the certificate decision."""
    if facts.enrolment_status == WITHDRAWN:
        return CourseStatus(CourseState.WITHDRAWN)
    if facts.certificate_status == "valid":
        return CourseStatus(CourseState.CERTIFIED)
    if facts.certificate_status == "revoked":
        reason = facts.certificate_reason or _("Your certificate was revoked.")
        return CourseStatus(CourseState.NOT_CERTIFIED, missing=(reason,))

    missing: list[str] = []
    final = False
    attendance_needed = False
    if facts.awards_certificate and facts.attendance is not None and facts.attendance.required:
        line, unreachable = _attendance_missing(facts.attendance)
        if line:
            missing.append(line)
            attendance_needed, final = True, unreachable
    for practical in facts.practicals:
        if (
            facts.awards_certificate
            and practical.required_for_certification
            and not practical.passed
        ):
            line, exhausted = _practical_missing(practical)
            missing.append(line)
            final = final or exhausted
    # A required theory test is part of finishing a course even where it awards no certificate:
    # the learner is told it is still to pass, never that the course is finished.
    tests_missing: list[str] = []
    for quiz in facts.quizzes:
        if quiz.required_for_certification and not quiz.passed:
            line, exhausted = _quiz_missing(quiz)
            tests_missing.append(line)
            final = final or (exhausted and facts.awards_certificate)
    missing.extend(tests_missing)

    if facts.enrolment_status == "completed":
        return CourseStatus(CourseState.FINISHED)
    if facts.required_lessons_done < facts.required_lessons:
        state = CourseState.IN_PROGRESS if facts.lessons_done else CourseState.NOT_STARTED
        # Certification already out of reach is said now, not after the last lesson.
        return CourseStatus(
            state,
            next_lesson_id=facts.next_lesson_id,
            missing=tuple(missing) if final else (),
            attendance_missing=final and attendance_needed,
        )
    if not facts.awards_certificate:
        if tests_missing:
            return CourseStatus(CourseState.LESSONS_DONE, missing=tuple(tests_missing))
        return CourseStatus(CourseState.FINISHED)
    if facts.eligibility.eligible:
        return CourseStatus(CourseState.WAITING)
    if not missing:
        # A reason the learner's words above do not cover: the coordinator's words, as they are.
        missing = list(facts.eligibility.reasons)
    return CourseStatus(
        CourseState.NOT_CERTIFIED if final else CourseState.LESSONS_DONE,
        missing=tuple(missing),
        attendance_missing=attendance_needed,
    )
