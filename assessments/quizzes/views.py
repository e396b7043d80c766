"""Theory test pages: the learner's tests, one question per screen, the result; the trainer's
assisted attempts. Thin: scope, call the service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from assessments.models import Quiz, QuizAttempt
from assessments.quizzes import rules, selectors, services
from assessments.quizzes.forms import AnswerForm
from courses.models import Enrolment
from courses.selectors import cohorts_visible_to


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _attempt_or_404(request, attempt_id: int) -> QuizAttempt:
    try:
        return selectors.attempt_for_screen(attempt_id=attempt_id, user=request.user)
    except QuizAttempt.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def mine(request):
    return render(
        request,
        "assessments/quizzes/mine.html",
        {"cards": selectors.learner_cards(learner=request.user)},
    )


@require_POST
@login_required
def start(request, enrolment_id: int, quiz_id: int):
    enrolment = get_object_or_404(Enrolment, pk=enrolment_id, learner=request.user)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    try:
        attempt = services.attempt_start(enrolment=enrolment, quiz=quiz, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("quizzes:mine")
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


def _expired(attempt: QuizAttempt) -> bool:
    return attempt.is_open and rules.past_deadline(deadline=attempt.deadline, now=timezone.now())


@login_required
def attempt(request, attempt_id: int):
    """One question per screen. GET ?q=N shows question N (else the first unanswered); POST
    saves the answer shown and goes on to the next."""
    attempt = _attempt_or_404(request, attempt_id)
    if _expired(attempt):
        services.attempt_expire(attempt=attempt)
        messages.info(request, services.MSG_PAST_DEADLINE)
    if not attempt.is_open or _expired(attempt):
        return redirect("quizzes:result", attempt_id=attempt.pk)
    questions = list(attempt.questions.all())
    try:
        position = int(request.POST.get("position") or request.GET.get("q") or 0)
    except ValueError:
        position = 0
    if not 1 <= position <= len(questions):
        unanswered = [q.position for q in questions if q.answer is None]
        position = unanswered[0] if unanswered else len(questions)
    question = questions[position - 1]
    form = AnswerForm(request.POST or None, question=question)
    if request.method == "POST" and form.is_valid():
        try:
            services.answer_save(
                attempt=attempt, by=request.user, position=position, chosen=form.chosen()
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
            return redirect("quizzes:attempt", attempt_id=attempt.pk)
        if request.POST.get("go") == "back" and position > 1:
            target = position - 1
        elif position < len(questions):
            target = position + 1
        else:
            return redirect("quizzes:review", attempt_id=attempt.pk)
        return redirect(f"{reverse('quizzes:attempt', args=[attempt.pk])}?q={target}")
    return render(
        request,
        "assessments/quizzes/question.html",
        {
            "attempt": attempt,
            "question": question,
            "form": form,
            "position": position,
            "total": len(questions),
            "answered": sum(1 for q in questions if q.answer is not None),
            "speech_language": attempt.language,
        },
    )


@login_required
def review(request, attempt_id: int):
    """Before handing in: which questions have an answer, each a link back to it."""
    attempt = _attempt_or_404(request, attempt_id)
    if not attempt.is_open or _expired(attempt):
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    questions = list(attempt.questions.all())
    return render(
        request,
        "assessments/quizzes/review.html",
        {
            "attempt": attempt,
            "questions": questions,
            "unanswered": sum(1 for q in questions if q.answer is None),
        },
    )


@require_POST
@login_required
def submit(request, attempt_id: int):
    attempt = _attempt_or_404(request, attempt_id)
    try:
        services.attempt_submit(attempt=attempt, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("quizzes:result", attempt_id=attempt.pk)


@login_required
def result(request, attempt_id: int):
    try:
        attempt = selectors.attempt_result_for(attempt_id=attempt_id, user=request.user)
    except QuizAttempt.DoesNotExist as exc:
        raise Http404 from exc
    if attempt.is_open and not _expired(attempt):
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    if attempt.is_open:
        attempt = services.attempt_expire(attempt=attempt)
    card = selectors.card_for(enrolment=attempt.enrolment, quiz=attempt.quiz)
    corrections = rules.corrections_visible(
        passed=card.result.passed,
        attempts_used=card.result.attempts_used,
        attempts_allowed=card.result.attempts_allowed,
    )
    return render(
        request,
        "assessments/quizzes/result.html",
        {
            "attempt": attempt,
            "card": card,
            "percent": rules.score_percent(score=attempt.score, max_score=attempt.max_score),
            "corrections": corrections,
            "questions": _marked(attempt) if corrections else [],
            "is_learner": attempt.enrolment.learner_id == request.user.pk,
        },
    )


def _marked(attempt: QuizAttempt) -> list[dict]:
    marked = []
    for question in attempt.questions.all():
        correct = [o["key"] for o in question.options if o["correct"]]
        marks = rules.question_marks(
            kind=question.kind,
            partial_credit=question.partial_credit,
            correct=correct,
            chosen=question.answer,
        )
        chosen = set(question.answer or ())
        marked.append(
            {
                "question": question,
                "right": marks == rules.QUESTION_MARKS,
                "options": [o | {"chosen": o["key"] in chosen} for o in question.options],
            }
        )
    return marked


@login_required
def assist(request):
    """For a trainer: the learners of their cohorts present today, and their theory tests."""
    if not request.user.is_superuser and not cohorts_visible_to(request.user).exists():
        raise PermissionDenied
    return render(
        request,
        "assessments/quizzes/assist.html",
        {
            "cards": selectors.assist_cards(user=request.user),
            "has_tests": selectors.cohorts_have_tests(user=request.user),
            "today": timezone.localdate(),
        },
    )


@require_POST
@login_required
def assist_start(request, enrolment_id: int, quiz_id: int):
    staff_enrolments = Enrolment.objects.filter(
        cohort__in=cohorts_visible_to(request.user).values("pk")
    )
    enrolment = get_object_or_404(staff_enrolments, pk=enrolment_id)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    try:
        attempt = services.attempt_start(
            enrolment=enrolment, quiz=quiz, by=request.user, assisted=True
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("quizzes:assist")
    return redirect("quizzes:attempt", attempt_id=attempt.pk)
