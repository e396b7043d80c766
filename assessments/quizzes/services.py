"""Writes for theory tests: starting an attempt (alone or assisted), saving an answer,
submitting. Views, commands and the demo all come through here."""

import random

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from assessments.attendance import selectors as attendance_selectors
from assessments.models import AttemptQuestion, Question, QuestionKind, Quiz, QuizAttempt
from assessments.practical.selectors import cohort_staff_ids
from assessments.quizzes import rules, selectors
from courses.models import Enrolment
from courses.services import staff_check
from lms.formats import medium_datetime
from lms.notifications import language_of

MSG_NOT_YOURS = _("Only the learner can take their own theory test.")
MSG_NOT_COHORT_STAFF = _("Only a trainer or coordinator of this learner's cohort can assist.")
MSG_NOT_PRESENT = _(
    "%(learner)s is not recorded present at a session today. Take the roll call first: "
    "an assisted test is taken with the learner in the room."
)
MSG_WRONG_COURSE = _("This theory test belongs to another course.")
MSG_NOT_ACTIVE = _("This enrolment is not active, so no test can be started.")
MSG_ALREADY_PASSED = _("“%(quiz)s” has already been passed: no further attempt.")
MSG_ATTEMPTS_EXHAUSTED = _("All %(allowed)s attempts at “%(quiz)s” have been used.")
MSG_COOLING_DOWN = _("The next attempt at “%(quiz)s” can start from %(when)s.")
MSG_ATTEMPT_OPEN = _("An attempt at “%(quiz)s” is already in progress: finish it first.")
MSG_SHORT_OF_QUESTIONS = _(
    "“%(quiz)s” draws %(wanted)s questions from a category that has only %(available)s. "
    "A coordinator must add questions first."
)
MSG_NO_QUESTIONS = _("“%(quiz)s” has no questions to draw yet. A coordinator must add them.")
MSG_NOT_YOUR_ATTEMPT = _("This attempt is not yours to answer.")
MSG_SUBMITTED = _("This attempt has been submitted: its answers can no longer change.")
MSG_PAST_DEADLINE = _("The time for this attempt is over: answers can no longer change.")
MSG_NOT_SHOWN = _("That question is not part of this attempt.")
MSG_NOT_AN_OPTION = _("Choose among the options shown.")
MSG_ONE_ONLY = _("Choose one answer only.")

START_MESSAGES = {
    rules.StartRefusal.ALREADY_PASSED: MSG_ALREADY_PASSED,
    rules.StartRefusal.ATTEMPTS_EXHAUSTED: MSG_ATTEMPTS_EXHAUSTED,
    rules.StartRefusal.COOLING_DOWN: MSG_COOLING_DOWN,
}
ANSWER_MESSAGES = {
    rules.AnswerRefusal.SUBMITTED: MSG_SUBMITTED,
    rules.AnswerRefusal.PAST_DEADLINE: MSG_PAST_DEADLINE,
    rules.AnswerRefusal.NOT_SHOWN: MSG_NOT_SHOWN,
    rules.AnswerRefusal.NOT_AN_OPTION: MSG_NOT_AN_OPTION,
    rules.AnswerRefusal.ONE_ONLY: MSG_ONE_ONLY,
}

_rng = random.SystemRandom()


def _options_shown(original: Question, shown: Question, language: str, rng) -> list[dict]:
    """The options as the attempt shows them, in the shown order. Which are correct always
    comes from the original; the words from the translation where there is one."""
    if original.kind == QuestionKind.TRUE_FALSE:
        with translation.override(language):
            return [
                {"key": "true", "text": gettext("True"), "correct": bool(original.true_is_correct)},
                {
                    "key": "false",
                    "text": gettext("False"),
                    "correct": not original.true_is_correct,
                },
            ]
    words = list(shown.options.all())
    options = [
        {
            "key": str(option.pk),
            "text": words[index].text,
            "correct": option.correct,
            "feedback": words[index].feedback,
        }
        for index, option in enumerate(original.options.all())
    ]
    rng.shuffle(options)
    return options


def _snapshot(attempt: QuizAttempt, quiz: Quiz, language: str, rng) -> None:
    pool = selectors.questions_for_draw(quiz=quiz)
    draws = [(draw.category_id, draw.count) for draw in quiz.draws.all()]
    params = {"quiz": str(quiz)}
    try:
        ids = rules.draw_questions(draws=draws, questions_by_category=pool, rng=rng)
    except rules.DrawShortage as shortage:
        params |= {"wanted": shortage.wanted, "available": shortage.available}
        raise ValidationError(MSG_SHORT_OF_QUESTIONS, params=params) from shortage
    if not ids:
        raise ValidationError(MSG_NO_QUESTIONS, params=params)
    originals = {q.pk: q for q in Question.objects.filter(pk__in=ids).prefetch_related("options")}
    shown = selectors.questions_in_language(ids=ids, language=language)
    AttemptQuestion.objects.bulk_create(
        AttemptQuestion(
            attempt=attempt,
            position=position,
            question_id=pk,
            kind=originals[pk].kind,
            partial_credit=originals[pk].partial_credit,
            text=shown[pk].text,
            language=shown[pk].locale.language_code,
            feedback=shown[pk].feedback,
            options=_options_shown(originals[pk], shown[pk], language, rng),
        )
        for position, pk in enumerate(ids, start=1)
    )
    attempt.max_score = rules.QUESTION_MARKS * len(ids)
    attempt.save(update_fields=["max_score"])


def _check_starter(enrolment: Enrolment, by, assisted: bool) -> None:
    if not assisted:
        if by.pk != enrolment.learner_id:
            raise ValidationError(MSG_NOT_YOURS)
        return
    if not (by.is_superuser or by.pk in cohort_staff_ids(cohort=enrolment.cohort)):
        raise ValidationError(MSG_NOT_COHORT_STAFF)
    staff_check(actor=by, enrolment=enrolment)
    present = attendance_selectors.present_on(
        enrolment_ids=[enrolment.pk], day=timezone.localdate()
    )
    if enrolment.pk not in present:
        raise ValidationError(MSG_NOT_PRESENT, params={"learner": enrolment.learner})


@transaction.atomic
def attempt_start(
    *, enrolment: Enrolment, quiz: Quiz, by, assisted: bool = False, rng=None
) -> QuizAttempt:
    """Start an attempt: the learner alone, or (`assisted`) a trainer of the cohort with the
    learner present today, who reads the questions and enters the answers. The questions are
    drawn and frozen now. The enrolment row is locked so that two tabs cannot both start."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort", "learner__profile")
        .get(pk=enrolment.pk)
    )
    _check_starter(enrolment, by, assisted)
    if quiz.course_id != enrolment.cohort.course_id:
        raise ValidationError(MSG_WRONG_COURSE)
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise ValidationError(MSG_NOT_ACTIVE)
    params = {"quiz": str(quiz), "allowed": quiz.max_attempts}
    for open_attempt in QuizAttempt.objects.filter(
        enrolment=enrolment, quiz=quiz, status=QuizAttempt.Status.OPEN
    ):
        if not rules.past_deadline(deadline=open_attempt.deadline, now=timezone.now()):
            raise ValidationError(MSG_ATTEMPT_OPEN, params=params)
        _finish(open_attempt, by=None)
    card = selectors.card_for(enrolment=enrolment, quiz=quiz)
    if card.refusal is not None:
        params["when"] = medium_datetime(card.ready_at) if card.ready_at else ""
        raise ValidationError(START_MESSAGES[card.refusal], params=params)
    now = timezone.now()
    language = language_of(enrolment.learner)
    try:
        with transaction.atomic():
            attempt = QuizAttempt.objects.create(
                enrolment=enrolment,
                quiz=quiz,
                number=card.result.attempts_used + 1,
                language=language,
                started_at=now,
                deadline=rules.attempt_deadline(
                    started_at=now, time_limit_minutes=quiz.time_limit_minutes
                ),
                max_score=0,
                started_by=by,
                assisted_by=by if assisted else None,
            )
    except IntegrityError as exc:  # the same number was taken at the same moment
        raise ValidationError(MSG_ATTEMPT_OPEN, params=params) from exc
    _snapshot(attempt, quiz, language, rng or _rng)
    log(
        instance=attempt,
        action="assessments.quiz_attempt.start",
        user=by,
        data={"assisted": assisted, "learner": enrolment.learner_id},
    )
    return attempt


def _locked(attempt: QuizAttempt) -> QuizAttempt:
    return (
        QuizAttempt.objects.select_for_update(of=("self",))
        .select_related("quiz", "enrolment")
        .get(pk=attempt.pk)
    )


def _check_answerer(attempt: QuizAttempt, by) -> None:
    """The learner answers their own attempt; an assisted one, only the trainer assisting."""
    allowed = attempt.assisted_by_id if attempt.assisted else attempt.enrolment.learner_id
    if by is None or by.pk != allowed:
        raise ValidationError(MSG_NOT_YOUR_ATTEMPT)


@transaction.atomic
def answer_save(*, attempt: QuizAttempt, by, position: int, chosen: list[str]) -> AttemptQuestion:
    """Save one answer as given, replacing the one before. Refused once the attempt is submitted
    or past its deadline (server clock), for a question it did not show, or a choice not shown."""
    attempt = _locked(attempt)
    _check_answerer(attempt, by)
    question = attempt.questions.filter(position=position).first()
    refusal = rules.answer_refusal(
        is_open=attempt.is_open,
        deadline=attempt.deadline,
        now=timezone.now(),
        shown=question is not None,
        kind=question.kind if question else "",
        option_keys=[o["key"] for o in question.options] if question else [],
        chosen=chosen,
    )
    if refusal is not None:
        raise ValidationError(ANSWER_MESSAGES[refusal])
    # Nothing chosen ("Save and next" on a question left blank) is no answer: counted as not
    # answered, and said so before handing in. It clears an answer given before.
    question.answer = sorted(set(chosen)) or None
    question.answered_at = timezone.now() if chosen else None
    question.save(update_fields=["answer", "answered_at"])
    return question


def _finish(attempt: QuizAttempt, *, by) -> QuizAttempt:
    questions = list(attempt.questions.all())
    score, max_score = rules.attempt_score(
        [
            rules.AnsweredQuestion(
                kind=q.kind,
                partial_credit=q.partial_credit,
                correct=tuple(o["key"] for o in q.options if o["correct"]),
                chosen=tuple(q.answer) if q.answer is not None else None,
            )
            for q in questions
        ]
    )
    passed = rules.quiz_passed(score=score, max_score=max_score, pass_mark=attempt.quiz.pass_mark)
    now = timezone.now()
    # Conditional: of two tabs submitting at once, only the first changes the row.
    changed = QuizAttempt.objects.filter(pk=attempt.pk, status=QuizAttempt.Status.OPEN).update(
        status=QuizAttempt.Status.SUBMITTED,
        submitted_at=now,
        score=score,
        passed=passed,
    )
    if not changed:
        raise ValidationError(MSG_SUBMITTED)
    attempt.refresh_from_db()
    log(
        instance=attempt,
        action="assessments.quiz_attempt.submit",
        user=by,
        data={
            "score": score,
            "max_score": max_score,
            "passed": passed,
            "assisted": attempt.assisted,
        },
    )
    return attempt


@transaction.atomic
def attempt_submit(*, attempt: QuizAttempt, by) -> QuizAttempt:
    """Hand the attempt in and score it. After the deadline it may still be handed in, with the
    answers saved in time; a second submission is refused."""
    attempt = _locked(attempt)
    _check_answerer(attempt, by)
    if not attempt.is_open:
        raise ValidationError(MSG_SUBMITTED)
    return _finish(attempt, by=by)


def _expired(attempt: QuizAttempt) -> bool:
    return attempt.is_open and rules.past_deadline(deadline=attempt.deadline, now=timezone.now())


@transaction.atomic
def attempt_expire(*, attempt: QuizAttempt) -> QuizAttempt:
    """Close an attempt whose deadline has passed (by the system): scored as it stood."""
    attempt = _locked(attempt)
    if not _expired(attempt):
        return attempt
    return _finish(attempt, by=None)


def attempts_expire() -> int:
    """Hand in every attempt left open past its deadline, scored with the answers saved in time;
    how many were closed. Each in its own transaction with its row locked, so a run that meets
    a learner handing in (or a second run) closes nothing twice. `manage.py quiz_attempts_expire`
    and `quiz_attempts_expire_task` call this."""
    closed = 0
    for attempt_id in selectors.attempt_ids_past_deadline(now=timezone.now()):
        with transaction.atomic():
            attempt = _locked(QuizAttempt(pk=attempt_id))
            if _expired(attempt):
                _finish(attempt, by=None)
                closed += 1
    return closed
