"""Reads for theory tests. Keyword-only; query counts do not grow with learners or attempts."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import FilteredRelation, Q, QuerySet
from django.utils import timezone

from assessments.attendance import selectors as attendance_selectors
from assessments.models import AttemptQuestion, Question, QuestionCategory, Quiz, QuizAttempt
from assessments.quizzes import rules
from courses.models import Cohort, Enrolment
from courses.selectors import cohorts_coordinated_by, cohorts_visible_to
from lms.i18n import NAME_LANGUAGES


def _coordinated_courses(user):
    return cohorts_coordinated_by(user).values("course_id")


def quizzes_editable_by(user) -> QuerySet[Quiz]:
    """Theory tests a user may edit in the admin: superusers all, coordinators those of the
    courses they coordinate a cohort of."""
    if not user.is_authenticated:
        return Quiz.objects.none()
    if user.is_superuser:
        return Quiz.objects.all()
    return Quiz.objects.filter(course__in=_coordinated_courses(user))


def questions_editable_by(user) -> QuerySet[Question]:
    if not user.is_authenticated:
        return Question.objects.none()
    if user.is_superuser:
        return Question.objects.all()
    return Question.objects.filter(course__in=_coordinated_courses(user))


def categories_editable_by(user) -> QuerySet[QuestionCategory]:
    if not user.is_authenticated:
        return QuestionCategory.objects.none()
    if user.is_superuser:
        return QuestionCategory.objects.all()
    return QuestionCategory.objects.filter(course__in=_coordinated_courses(user))


def attempt_for_screen(*, attempt_id: int, user) -> QuizAttempt:
    """One attempt with its questions, for the learner who takes it or the trainer assisting
    (two queries). Anyone else: DoesNotExist."""
    return (
        QuizAttempt.objects.filter(
            Q(enrolment__learner=user, assisted_by__isnull=True) | Q(assisted_by=user)
            if user.is_authenticated
            else Q(pk__in=[])
        )
        .select_related("quiz", "enrolment__learner__profile", "enrolment__cohort")
        .prefetch_related("questions")
        .get(pk=attempt_id)
    )


def attempt_result_for(*, attempt_id: int, user) -> QuizAttempt:
    """A submitted attempt for its result page: the learner's own (assisted or not), or one
    the user assisted."""
    if not user.is_authenticated:
        raise QuizAttempt.DoesNotExist
    return (
        QuizAttempt.objects.filter(Q(enrolment__learner=user) | Q(assisted_by=user))
        .select_related("quiz", "enrolment__learner__profile", "assisted_by__profile")
        .prefetch_related("questions")
        .get(pk=attempt_id)
    )


def _result(quiz: Quiz, attempts: list[QuizAttempt]) -> rules.QuizResult:
    passing = next((a for a in attempts if a.passed), None)
    return rules.QuizResult(
        quiz_id=quiz.pk,
        quiz_name=str(quiz),
        required_for_certification=quiz.required_for_certification,
        passed=passing is not None,
        passed_on=timezone.localdate(passing.submitted_at) if passing else None,
        supervised=passing is not None and passing.assisted_by_id is not None,
        attempts_used=len(attempts),
        attempts_allowed=quiz.max_attempts,
    )


def _quizzes_by_course(course_ids) -> dict[int, list[Quiz]]:
    by_course: dict[int, list[Quiz]] = defaultdict(list)
    for quiz in Quiz.objects.filter(course__in=set(course_ids)).order_by("name", "pk"):
        by_course[quiz.course_id].append(quiz)
    return by_course


def _attempts_by_key(enrolment_ids) -> dict[tuple[int, int], list[QuizAttempt]]:
    by_key: dict[tuple[int, int], list[QuizAttempt]] = defaultdict(list)
    for attempt in QuizAttempt.objects.filter(enrolment__in=list(enrolment_ids)).order_by("number"):
        by_key[attempt.enrolment_id, attempt.quiz_id].append(attempt)
    return by_key


@dataclass(frozen=True)
class _AttemptRow:
    passed: bool | None
    submitted_at: datetime.datetime | None
    assisted_by_id: int | None


_QUIZ_FIELDS = ("pk", "course_id", "name", *(f"name_{code}" for code in NAME_LANGUAGES))
_QUIZ_RULES = ("required_for_certification", "max_attempts", "cooldown_hours", "pass_mark")


def quiz_results(
    *, cohorts: list[Cohort], enrolments: list[Enrolment]
) -> dict[int, list[rules.QuizResult]]:
    """Each enrolment's standing on every theory test of its course, keyed by enrolment id: one
    query (the tests joined to these enrolments' attempts) whatever the number of learners."""
    course_of = {cohort.pk: cohort.course_id for cohort in cohorts}
    ids = [e.pk for e in enrolments]
    if not ids or not course_of:
        return {pk: [] for pk in ids}
    rows = (
        Quiz.objects.filter(course__in=set(course_of.values()))
        .annotate(mine=FilteredRelation("attempts", condition=Q(attempts__enrolment__in=ids)))
        .values(
            *_QUIZ_FIELDS,
            *_QUIZ_RULES,
            "mine__enrolment_id",
            "mine__passed",
            "mine__submitted_at",
            "mine__assisted_by_id",
        )
        .order_by("name", "pk", "mine__number")
    )
    quizzes: dict[int, Quiz] = {}
    attempts: dict[tuple[int, int], list[_AttemptRow]] = defaultdict(list)
    for row in rows:
        quiz = quizzes.get(row["pk"])
        if quiz is None:
            quiz = quizzes[row["pk"]] = Quiz(**{f: row[f] for f in (*_QUIZ_FIELDS, *_QUIZ_RULES)})
        if row["mine__enrolment_id"] is not None:
            attempts[row["mine__enrolment_id"], quiz.pk].append(
                _AttemptRow(
                    row["mine__passed"], row["mine__submitted_at"], row["mine__assisted_by_id"]
                )
            )
    by_course: dict[int, list[Quiz]] = defaultdict(list)
    for quiz in quizzes.values():
        by_course[quiz.course_id].append(quiz)
    return {
        e.pk: [
            _result(quiz, attempts.get((e.pk, quiz.pk), []))
            for quiz in by_course.get(course_of[e.cohort_id], [])
        ]
        for e in enrolments
    }


@dataclass(frozen=True)
class QuizCard:
    """One theory test as a learner (or the trainer assisting them) sees it."""

    enrolment: Enrolment
    quiz: Quiz
    result: rules.QuizResult
    attempts: tuple[QuizAttempt, ...]
    refusal: rules.StartRefusal | None
    ready_at: datetime.datetime | None

    @property
    def open_attempt(self) -> QuizAttempt | None:
        return next((a for a in self.attempts if a.is_open), None)

    @property
    def last_submitted(self) -> QuizAttempt | None:
        done = [a for a in self.attempts if not a.is_open]
        return done[-1] if done else None

    @property
    def can_start(self) -> bool:
        return self.open_attempt is None and self.refusal is None


def _card(enrolment, quiz, attempts, now) -> QuizCard:
    result = _result(quiz, attempts)
    submitted = [a.submitted_at for a in attempts if a.submitted_at]
    last = max(submitted) if submitted else None
    refusal = rules.attempt_start_refusal(
        passed=result.passed,
        attempts_used=result.attempts_used,
        attempts_allowed=quiz.max_attempts,
        last_submitted_at=last,
        cooldown_hours=quiz.cooldown_hours,
        now=now,
    )
    ready = rules.next_start_at(last_submitted_at=last, cooldown_hours=quiz.cooldown_hours)
    return QuizCard(enrolment, quiz, result, tuple(attempts), refusal, ready)


def quiz_cards(*, enrolments: list[Enrolment]) -> list[QuizCard]:
    """The theory tests of the given enrolments (their cohorts loaded): two queries, one when
    their courses have no tests."""
    now = timezone.now()
    quizzes = _quizzes_by_course(e.cohort.course_id for e in enrolments)
    if not quizzes:
        return []
    attempts = _attempts_by_key(e.pk for e in enrolments)
    return [
        _card(e, quiz, attempts.get((e.pk, quiz.pk), []), now)
        for e in enrolments
        for quiz in quizzes.get(e.cohort.course_id, [])
    ]


def learner_cards(*, learner) -> list[QuizCard]:
    """The learner's theory tests in their active courses: three queries."""
    enrolments = list(
        Enrolment.objects.filter(learner=learner, status=Enrolment.Status.ACTIVE)
        .select_related("cohort__course")
        .order_by("cohort__start_date", "pk")
    )
    return quiz_cards(enrolments=enrolments)


def card_for(*, enrolment: Enrolment, quiz: Quiz) -> QuizCard:
    attempts = list(QuizAttempt.objects.filter(enrolment=enrolment, quiz=quiz).order_by("number"))
    return _card(enrolment, quiz, attempts, timezone.now())


def assist_cards(*, user, day: datetime.date | None = None) -> list[QuizCard]:
    """For a trainer: the theory tests of the learners of their cohorts recorded present today
    (the attendance records' answer), which they may take with them. Five queries."""
    day = day or timezone.localdate()
    enrolments = list(
        Enrolment.objects.filter(
            cohort__in=cohorts_visible_to(user).values("pk"), status=Enrolment.Status.ACTIVE
        )
        .exclude(learner=user)
        .select_related("cohort__course", "learner__profile")
        .order_by("cohort__name", "learner__profile__printed_name", "pk")
    )
    present = attendance_selectors.present_on(enrolment_ids=[e.pk for e in enrolments], day=day)
    return quiz_cards(enrolments=[e for e in enrolments if e.pk in present])


def cohorts_have_tests(*, user) -> bool:
    """Whether a course of the cohorts the person works with has a theory test (one query)."""
    return Quiz.objects.filter(course__in=cohorts_visible_to(user).values("course_id")).exists()


def attempt_ids_past_deadline(*, now: datetime.datetime) -> list[int]:
    """The attempts still open after their deadline (the deadline itself is still in time)."""
    return list(
        QuizAttempt.objects.filter(status=QuizAttempt.Status.OPEN, deadline__lt=now)
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)
    )


def questions_for_draw(*, quiz: Quiz) -> dict[int, list[int]]:
    """The original questions of each category the quiz draws from, by category id."""
    pool: dict[int, list[int]] = defaultdict(list)
    category_ids = [draw.category_id for draw in quiz.draws.all()]
    originals = Question.objects.filter(
        category__in=category_ids,
        course=quiz.course_id,
        locale__language_code=settings.LANGUAGE_CODE,
    )
    for pk, category_id in originals.order_by("pk").values_list("pk", "category_id"):
        pool[category_id].append(pk)
    return pool


def questions_in_language(*, ids: list[int], language: str) -> dict[int, Question]:
    """The questions with these ids as the reader should see them: the translation in
    `language` where one exists with as many options, else the original. Three queries."""
    originals = {
        q.pk: q
        for q in Question.objects.filter(pk__in=ids)
        .select_related("locale")
        .prefetch_related("options")
    }
    shown = dict(originals)
    if language != settings.LANGUAGE_CODE:
        keys = {q.translation_key: q.pk for q in originals.values()}
        for translation in (
            Question.objects.filter(translation_key__in=keys, locale__language_code=language)
            .select_related("locale")
            .prefetch_related("options")
        ):
            original = originals[keys[translation.translation_key]]
            if len(translation.options.all()) == len(original.options.all()):
                shown[original.pk] = translation
    return shown


def attempt_questions(*, attempt: QuizAttempt) -> list[AttemptQuestion]:
    return list(attempt.questions.all())


def quiz_names(*, ids, language: str | None = None) -> dict[int, str]:
    """The names of these tests in `language` (the active one by default)."""
    return {quiz.pk: quiz.name_in(language) for quiz in Quiz.objects.filter(pk__in=list(ids))}
