"""Theory test rules as pure functions over plain values: no ORM, no request.

Marks are whole numbers: each question is worth QUESTION_MARKS (100), so partial credit stays a
whole number too (floored, never rounded up), and the pass decision is exact in integers."""

import datetime
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum

QUESTION_MARKS = 100

SINGLE = "single"
MULTIPLE = "multiple"
TRUE_FALSE = "true_false"


def question_marks(
    *, kind: str, partial_credit: bool, correct: Iterable[str], chosen: Iterable[str] | None
) -> int:
    """The marks (0 to QUESTION_MARKS) one answer earns.

    Single choice and true/false: all marks for the right option, none otherwise. Multiple
    choice, all or nothing: all marks only for exactly the right set. Multiple choice with
    partial credit: each right option chosen earns an equal share and each wrong one chosen takes
    a share away, floored at zero and rounded down to a whole mark."""
    if chosen is None:
        return 0
    correct_set, chosen_set = set(correct), set(chosen)
    if not correct_set:
        return 0
    if kind == MULTIPLE and partial_credit:
        right = len(chosen_set & correct_set)
        wrong = len(chosen_set - correct_set)
        return max(right - wrong, 0) * QUESTION_MARKS // len(correct_set)
    if kind in (SINGLE, TRUE_FALSE) and len(chosen_set) != 1:
        return 0
    return QUESTION_MARKS if chosen_set == correct_set else 0


@dataclass(frozen=True)
class AnsweredQuestion:
    kind: str
    partial_credit: bool
    correct: tuple[str, ...]
    chosen: tuple[str, ...] | None


def attempt_score(questions: Sequence[AnsweredQuestion]) -> tuple[int, int]:
    """(score, max_score) of an attempt; an unanswered question earns nothing."""
    score = sum(
        question_marks(
            kind=q.kind, partial_credit=q.partial_credit, correct=q.correct, chosen=q.chosen
        )
        for q in questions
    )
    return score, QUESTION_MARKS * len(questions)


def quiz_passed(*, score: int, max_score: int, pass_mark: int) -> bool:
    """Passed iff score * 100 >= pass_mark * max_score: exact, never rounded up. An attempt with
    no questions cannot pass."""
    return max_score > 0 and score * 100 >= pass_mark * max_score


def score_percent(*, score: int, max_score: int) -> int:
    """The score as a whole percent, rounded down (69.9% reads 69%, as it fails at 70%)."""
    return score * 100 // max_score if max_score else 0


class StartRefusal(Enum):
    ALREADY_PASSED = "already_passed"
    ATTEMPTS_EXHAUSTED = "attempts_exhausted"
    COOLING_DOWN = "cooling_down"


def next_start_at(
    *, last_submitted_at: datetime.datetime | None, cooldown_hours: int | None
) -> datetime.datetime | None:
    """When the next attempt may start after the cool-down, or None if at once."""
    if last_submitted_at is None or not cooldown_hours:
        return None
    return last_submitted_at + datetime.timedelta(hours=cooldown_hours)


def attempt_start_refusal(
    *,
    passed: bool,
    attempts_used: int,
    attempts_allowed: int,
    last_submitted_at: datetime.datetime | None,
    cooldown_hours: int | None,
    now: datetime.datetime,
) -> StartRefusal | None:
    """Why a new attempt may not start, or None if it may. A passed test is never re-sat; the
    cool-down runs from the moment the last attempt was submitted, its end included."""
    if passed:
        return StartRefusal.ALREADY_PASSED
    if attempts_used >= attempts_allowed:
        return StartRefusal.ATTEMPTS_EXHAUSTED
    ready = next_start_at(last_submitted_at=last_submitted_at, cooldown_hours=cooldown_hours)
    if ready is not None and now < ready:
        return StartRefusal.COOLING_DOWN
    return None


def attempt_deadline(
    *, started_at: datetime.datetime, time_limit_minutes: int | None
) -> datetime.datetime | None:
    if not time_limit_minutes:
        return None
    return started_at + datetime.timedelta(minutes=time_limit_minutes)


def past_deadline(*, deadline: datetime.datetime | None, now: datetime.datetime) -> bool:
    """The deadline is the last moment an answer counts: at it, still in time."""
    return deadline is not None and now > deadline


class AnswerRefusal(Enum):
    SUBMITTED = "submitted"
    PAST_DEADLINE = "past_deadline"
    NOT_SHOWN = "not_shown"
    NOT_AN_OPTION = "not_an_option"
    ONE_ONLY = "one_only"


def answer_refusal(
    *,
    is_open: bool,
    deadline: datetime.datetime | None,
    now: datetime.datetime,
    shown: bool,
    kind: str,
    option_keys: Iterable[str],
    chosen: Sequence[str],
) -> AnswerRefusal | None:
    """Why an answer may not be saved, or None if it may: the attempt must be open and in time,
    the question one the attempt showed, each choice one of its options, and one choice only
    for single choice and true/false."""
    if not is_open:
        return AnswerRefusal.SUBMITTED
    if past_deadline(deadline=deadline, now=now):
        return AnswerRefusal.PAST_DEADLINE
    if not shown:
        return AnswerRefusal.NOT_SHOWN
    if not set(chosen) <= set(option_keys):
        return AnswerRefusal.NOT_AN_OPTION
    if kind != MULTIPLE and len(chosen) > 1:
        return AnswerRefusal.ONE_ONLY
    return None


def corrections_visible(*, passed: bool, attempts_used: int, attempts_allowed: int) -> bool:
    """Which answers were wrong, and why, is shown only once nothing more can be gained from it:
    after a pass or after the last allowed attempt."""
    return passed or attempts_used >= attempts_allowed


class DrawShortage(Exception):
    """A category has fewer questions than the quiz draws from it."""

    def __init__(self, category_id: int, available: int, wanted: int):
        super().__init__(category_id, available, wanted)
        self.category_id, self.available, self.wanted = category_id, available, wanted


def draw_questions(
    *,
    draws: Sequence[tuple[int, int]],
    questions_by_category: Mapping[int, Sequence[int]],
    rng: random.Random,
) -> list[int]:
    """The question ids of a new attempt: for each (category, count) in order, `count` distinct
    questions at random; the whole list then shuffled so categories do not come in blocks."""
    chosen: list[int] = []
    for category_id, count in draws:
        pool = list(questions_by_category.get(category_id, ()))
        if len(pool) < count:
            raise DrawShortage(category_id, len(pool), count)
        chosen.extend(rng.sample(pool, count))
    rng.shuffle(chosen)
    return chosen


@dataclass(frozen=True)
class QuizResult:
    """Where one enrolment stands on one theory test. Certificates read this decision."""

    quiz_id: int
    quiz_name: str
    required_for_certification: bool
    passed: bool
    passed_on: datetime.date | None
    # The passing attempt was taken with a trainer present who verified the learner's identity.
    supervised: bool
    attempts_used: int
    attempts_allowed: int

    @property
    def attempts_left(self) -> int:
        return max(self.attempts_allowed - self.attempts_used, 0)
