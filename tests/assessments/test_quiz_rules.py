"""Theory test rules at their boundaries, without a database."""

import datetime
import random

import pytest

from assessments.quizzes import rules

T0 = datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    ("score", "max_score", "pass_mark", "passed"),
    [
        (700, 1000, 70, True),  # 7 of 10 at 70%: exactly the pass mark
        (699, 1000, 70, False),  # one hundredth of a question short
        (600, 1000, 70, False),  # fails by one mark
        (1400, 2000, 70, True),
        (1399, 2000, 70, False),
        (200, 300, 67, False),  # 66.67% is not 67%: never rounded up
        (200, 300, 66, True),
        (100, 100, 100, True),
        (99, 100, 100, False),
        (0, 0, 1, False),  # no questions cannot pass
        (0, 100, 1, False),
        (1, 100, 1, True),
    ],
)
def test_quiz_passed_is_exact(score, max_score, pass_mark, passed):
    assert rules.quiz_passed(score=score, max_score=max_score, pass_mark=pass_mark) is passed


def test_score_percent_rounds_down():
    assert rules.score_percent(score=200, max_score=300) == 66
    assert rules.score_percent(score=0, max_score=0) == 0


@pytest.mark.parametrize(
    ("kind", "partial", "correct", "chosen", "marks"),
    [
        ("single", False, ["a"], ["a"], 100),
        ("single", False, ["a"], ["b"], 0),
        ("single", False, ["a"], ["a", "b"], 0),
        ("single", False, ["a"], None, 0),
        ("single", False, ["a"], [], 0),
        ("true_false", False, ["true"], ["true"], 100),
        ("true_false", False, ["true"], ["false"], 0),
        ("multiple", False, ["a", "b"], ["a", "b"], 100),
        ("multiple", False, ["a", "b"], ["a"], 0),
        ("multiple", False, ["a", "b"], ["a", "b", "c"], 0),
        ("multiple", True, ["a", "b"], ["a"], 50),
        ("multiple", True, ["a", "b", "c"], ["a", "b"], 66),  # floored, not 67
        ("multiple", True, ["a", "b", "c"], ["a", "b", "c"], 100),
        ("multiple", True, ["a", "b"], ["a", "c"], 0),  # one wrong takes one right away
        ("multiple", True, ["a", "b"], ["c", "d"], 0),  # never below zero
        ("multiple", True, [], ["c"], 0),
    ],
)
def test_question_marks(kind, partial, correct, chosen, marks):
    got = rules.question_marks(kind=kind, partial_credit=partial, correct=correct, chosen=chosen)
    assert got == marks


def test_attempt_score_counts_unanswered_as_zero():
    questions = [
        rules.AnsweredQuestion("single", False, ("a",), ("a",)),
        rules.AnsweredQuestion("single", False, ("a",), None),
        rules.AnsweredQuestion("multiple", True, ("a", "b"), ("a",)),
    ]
    assert rules.attempt_score(questions) == (150, 300)


def _refusal(**kwargs):
    facts = {
        "passed": False,
        "attempts_used": 1,
        "attempts_allowed": 3,
        "last_submitted_at": T0,
        "cooldown_hours": 24,
        "now": T0 + datetime.timedelta(hours=24),
    } | kwargs
    return rules.attempt_start_refusal(**facts)


def test_start_after_cooldown_exactly():
    assert _refusal() is None
    before = T0 + datetime.timedelta(hours=24) - datetime.timedelta(seconds=1)
    assert _refusal(now=before) is rules.StartRefusal.COOLING_DOWN
    assert _refusal(cooldown_hours=None, now=T0) is None
    assert _refusal(last_submitted_at=None, attempts_used=0, now=T0) is None


def test_start_refusals_in_order():
    assert _refusal(passed=True) is rules.StartRefusal.ALREADY_PASSED
    assert _refusal(attempts_used=3) is rules.StartRefusal.ATTEMPTS_EXHAUSTED
    assert _refusal(attempts_used=2) is None


def test_deadline_is_inclusive():
    deadline = rules.attempt_deadline(started_at=T0, time_limit_minutes=20)
    assert deadline == T0 + datetime.timedelta(minutes=20)
    assert not rules.past_deadline(deadline=deadline, now=deadline)
    assert rules.past_deadline(deadline=deadline, now=deadline + datetime.timedelta(seconds=1))
    assert rules.attempt_deadline(started_at=T0, time_limit_minutes=None) is None
    assert not rules.past_deadline(deadline=None, now=T0)


def _answer(**kwargs):
    facts = {
        "is_open": True,
        "deadline": None,
        "now": T0,
        "shown": True,
        "kind": "single",
        "option_keys": ["1", "2"],
        "chosen": ["1"],
    } | kwargs
    return rules.answer_refusal(**facts)


def test_answer_refusals():
    assert _answer() is None
    assert _answer(chosen=[]) is None  # clearing an answer
    assert _answer(is_open=False) is rules.AnswerRefusal.SUBMITTED
    past = T0 - datetime.timedelta(seconds=1)
    assert _answer(deadline=past) is rules.AnswerRefusal.PAST_DEADLINE
    assert _answer(shown=False) is rules.AnswerRefusal.NOT_SHOWN
    assert _answer(chosen=["3"]) is rules.AnswerRefusal.NOT_AN_OPTION
    assert _answer(chosen=["1", "2"]) is rules.AnswerRefusal.ONE_ONLY
    assert _answer(kind="multiple", chosen=["1", "2"]) is None


def test_corrections_only_after_pass_or_last_attempt():
    assert not rules.corrections_visible(passed=False, attempts_used=2, attempts_allowed=3)
    assert rules.corrections_visible(passed=False, attempts_used=3, attempts_allowed=3)
    assert rules.corrections_visible(passed=True, attempts_used=1, attempts_allowed=3)


def test_draw_takes_count_per_category_without_repeats():
    pool = {1: [10, 11, 12, 13], 2: [20, 21]}
    ids = rules.draw_questions(
        draws=[(1, 3), (2, 2)], questions_by_category=pool, rng=random.Random(4)
    )
    assert len(ids) == len(set(ids)) == 5
    assert len([i for i in ids if i < 20]) == 3
    with pytest.raises(rules.DrawShortage) as shortage:
        rules.draw_questions(draws=[(2, 3)], questions_by_category=pool, rng=random.Random(1))
    assert (shortage.value.available, shortage.value.wanted) == (2, 3)
