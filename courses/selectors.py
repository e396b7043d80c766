"""Reads for courses, and the one answer to 'what may this user see'."""

from collections import defaultdict
from dataclasses import dataclass, replace

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from courses import rules
from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion, LessonPage, Session
from lms import roles
from lms.i18n import locale_for, localized_pages, original_of
from lms.models import Profile, User

# Enrolments that give a learner access to course content.
READING_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.COMPLETED)


def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """Cohorts a member of staff works with: superusers see all, others those they train or
    coordinate. Learners see none here; their own enrolments come from `enrolments_of`."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(Q(trainers=user) | Q(coordinators=user)).distinct()


def cohorts_coordinated_by(user) -> QuerySet[Cohort]:
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(coordinators=user)


def enrolments_of(*, learner) -> QuerySet[Enrolment]:
    return Enrolment.objects.filter(learner=learner)


def can_read_course(*, user, course: CoursePage) -> bool:
    """Lesson bodies are for the course's learners, trainers and coordinators. A translation
    is read by the same people as its original."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    course = original_of(course)
    return (
        Cohort.objects.filter(course=course)
        .filter(
            Q(trainers=user)
            | Q(coordinators=user)
            | Q(enrolments__learner=user, enrolments__status__in=READING_STATUSES)
        )
        .exists()
    )


def reading_enrolment(
    *, user, course: CoursePage, lesson: LessonPage | None = None
) -> Enrolment | None:
    """The learner's enrolment through which lessons are marked done: the latest active one.
    With `lesson` (an original), the enrolment's `lesson_done` says whether it is done, read in
    the same query."""
    if not user.is_authenticated:
        return None
    course = original_of(course)
    enrolments = Enrolment.objects.filter(
        learner=user, cohort__course=course, status__in=READING_STATUSES
    ).select_related("cohort")
    if lesson is not None:
        enrolments = enrolments.annotate(
            lesson_done=Exists(
                LessonCompletion.objects.filter(enrolment=OuterRef("pk"), lesson_id=lesson.pk)
            )
        )
    enrolment = enrolments.order_by("status", "-enrolled_on").first()  # 'active' first
    if enrolment is not None:
        # The course page's status reads the course's rules: the course in hand is the
        # cohort's (the filter above), so it is not read again with every column of a page.
        enrolment.cohort.course = course
    return enrolment


@dataclass(frozen=True)
class LessonItem:
    lesson: LessonPage
    done: bool


@dataclass(frozen=True)
class DashboardEntry:
    enrolment: Enrolment
    progress: rules.Progress
    next_lesson: LessonPage | None
    next_sessions: tuple[Session, ...] = ()
    # The course as the learner reads it: its translation in their language, if there is one.
    course: CoursePage | None = None
    lessons_done: int = 0  # any lesson, required or optional: has the learner begun?


def _live_lessons_by_course(courses) -> dict[int, list[LessonPage]]:
    """Every live lesson of the given courses, in course order, in one query."""
    lessons: dict[int, list[LessonPage]] = defaultdict(list)
    if not courses:
        return lessons
    query = Q()
    by_path = {}
    for course in courses:
        query |= Q(path__startswith=course.path, depth=course.depth + 1)
        by_path[course.path] = course.pk
    for lesson in LessonPage.objects.live().filter(query).order_by("path").defer_streamfields():
        lessons[by_path[lesson.path[: -LessonPage.steplen]]].append(lesson)
    return lessons


def required_lesson_ids_by_course(*, courses) -> dict[int, list[int]]:
    """The live lessons required for completion of each course, in one query."""
    return {
        course_id: [lsn.pk for lsn in lessons if lsn.required_for_completion]
        for course_id, lessons in _live_lessons_by_course(list(courses)).items()
    }


def learner_dashboard(*, learner) -> list[DashboardEntry]:
    """'My learning': each enrolment with its progress and the lesson to continue with (none
    once every lesson is done); withdrawals last, so the learner still sees why a course left.

    A fixed number of queries however many enrolments and lessons there are."""
    enrolments = sorted(
        Enrolment.objects.filter(learner=learner)
        .select_related("cohort__course__trade", "cohort__region")
        .order_by("status", "-cohort__start_date"),
        key=lambda enrolment: enrolment.status == Enrolment.Status.WITHDRAWN,
    )
    courses = {e.cohort.course_id: e.cohort.course for e in enrolments}
    lessons_by_course = _live_lessons_by_course(list(courses.values()))
    completed = defaultdict(set)
    for enrolment_id, lesson_id in LessonCompletion.objects.filter(
        enrolment__in=[e.pk for e in enrolments]
    ).values_list("enrolment_id", "lesson_id"):
        completed[enrolment_id].add(lesson_id)

    upcoming = upcoming_sessions_by_cohort(cohort_ids={e.cohort_id for e in enrolments})
    locale = locale_for()
    readable = dict(
        zip(
            courses,
            localized_pages(
                list(courses.values()),
                queryset=CoursePage.objects.select_related("trade"),
                locale=locale,
            ),
            strict=True,
        )
    )

    entries = []
    next_lessons = []
    for enrolment in enrolments:
        lessons = lessons_by_course.get(enrolment.cohort.course_id, [])
        done_ids = completed[enrolment.pk]
        progress = rules.lesson_progress(
            required_lesson_ids=[lsn.pk for lsn in lessons if lsn.required_for_completion],
            completed_ids=done_ids,
        )
        next_id = rules.next_lesson_id(
            lesson_ids=[lsn.pk for lsn in lessons], completed_ids=done_ids
        )
        next_lesson = next((lsn for lsn in lessons if lsn.pk == next_id), None)
        next_lessons.append(next_lesson)
        entries.append(
            DashboardEntry(
                enrolment,
                progress,
                next_lesson,
                tuple(upcoming.get(enrolment.cohort_id, ())),
                readable[enrolment.cohort.course_id],
                len(done_ids),
            )
        )
    # Next lessons in the learner's language too, in one more query for all of them.
    present = [lesson for lesson in next_lessons if lesson is not None]
    translated = dict(
        zip(
            [lesson.pk for lesson in present],
            localized_pages(
                present, queryset=LessonPage.objects.defer_streamfields(), locale=locale
            ),
            strict=True,
        )
    )
    return [
        replace(entry, next_lesson=translated[entry.next_lesson.pk]) if entry.next_lesson else entry
        for entry in entries
    ]


def course_page_context(*, course: CoursePage, user) -> dict:
    """What a course page shows around its content. `course` may be a translation: progress
    and access come from the original, lesson titles in the reader's language."""
    shown_course = course
    course = original_of(course)
    lessons = list(course.lessons().defer_streamfields())
    enrolment = reading_enrolment(user=user, course=course)
    done_ids = (
        set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
        if enrolment
        else set()
    )
    progress = rules.lesson_progress(
        required_lesson_ids=[lsn.pk for lsn in lessons if lsn.required_for_completion],
        completed_ids=done_ids,
    )
    readable = localized_pages(lessons, queryset=LessonPage.objects.defer_streamfields())
    next_id = rules.next_lesson_id(lesson_ids=[lsn.pk for lsn in lessons], completed_ids=done_ids)
    next_lesson = next(
        (shown for lsn, shown in zip(lessons, readable, strict=True) if lsn.pk == next_id), None
    )
    return {
        "lesson_items": [
            LessonItem(shown, lsn.pk in done_ids)
            for lsn, shown in zip(lessons, readable, strict=True)
        ],
        "enrolment": enrolment,
        "progress": progress if enrolment else None,
        # The enrolment as "My learning" shows it, for the same status and next step.
        "entry": DashboardEntry(
            enrolment, progress, next_lesson, course=shown_course, lessons_done=len(done_ids)
        )
        if enrolment
        else None,
        "can_read": enrolment is not None or can_read_course(user=user, course=course),
    }


# What a lesson page reads of the other lessons of its course: their place, their title and
# address, and what finds their translation.
NEIGHBOUR_FIELDS = ("title", "url_path", "path", "depth", "locale", "translation_key", "live")


def lesson_page_context(*, lesson: LessonPage, user) -> dict:
    """What a lesson page shows around its body. `lesson` may be a translation: access, 'done'
    and the lesson's place come from the original; the course and neighbours are shown in the
    reader's language."""
    lesson = original_of(lesson)
    course = lesson.get_parent().specific
    siblings = list(course.lessons().only(*NEIGHBOUR_FIELDS))
    index = next((i for i, s in enumerate(siblings) if s.pk == lesson.pk), None)
    enrolment = reading_enrolment(user=user, course=course, lesson=lesson)
    siblings = localized_pages(siblings, queryset=LessonPage.objects.only(*NEIGHBOUR_FIELDS))
    return {
        "course": localized_pages([course])[0],
        "original_lesson": lesson,
        "can_read": enrolment is not None or can_read_course(user=user, course=course),
        "enrolment": enrolment,
        "is_done": bool(enrolment and enrolment.lesson_done),
        "previous_lesson": siblings[index - 1] if index else None,
        "next_lesson": siblings[index + 1]
        if index is not None and index + 1 < len(siblings)
        else None,
        "lesson_number": (index or 0) + 1,
        "lesson_count": len(siblings),
    }


def enrolments_coordinated_by(user) -> QuerySet[Enrolment]:
    """Enrolments in the cohorts a user coordinates (all of them for superusers)."""
    if not user.is_authenticated:
        return Enrolment.objects.none()
    if user.is_superuser:
        return Enrolment.objects.all()
    return Enrolment.objects.filter(cohort__in=cohorts_coordinated_by(user).values("pk"))


def people_coordinated_by(user) -> QuerySet[Profile]:
    """Profiles of the learners, trainers and coordinators of the cohorts a user coordinates."""
    if not user.is_authenticated:
        return Profile.objects.none()
    if user.is_superuser:
        return Profile.objects.all()
    cohort_ids = cohorts_coordinated_by(user).values("pk")
    return Profile.objects.filter(
        Q(user__in=Enrolment.objects.filter(cohort__in=cohort_ids).values("learner"))
        | Q(user__in=Cohort.trainers.through.objects.filter(cohort__in=cohort_ids).values("user"))
        | Q(
            user__in=Cohort.coordinators.through.objects.filter(cohort__in=cohort_ids).values(
                "user"
            )
        )
    )


def learners_enrollable_by(user) -> QuerySet[User]:
    """The existing accounts a user may enrol in a cohort: administrators any; anyone else only
    active learners already enrolled in a cohort they work with, never a member of staff or an
    administrator. Whether an account exists outside this scope is never told."""
    if not user.is_authenticated:
        return User.objects.none()
    if user.is_superuser:
        return User.objects.all()
    return User.objects.filter(
        is_active=True,
        is_staff=False,
        is_superuser=False,
        pk__in=Enrolment.objects.filter(cohort__in=cohorts_visible_to(user).values("pk")).values(
            "learner"
        ),
    ).exclude(groups__name__in=[roles.TRAINER, roles.COORDINATOR])


# How many upcoming sessions the learner's dashboard shows for each course.
DASHBOARD_SESSIONS = 3


def upcoming_sessions_by_cohort(
    *, cohort_ids, today=None, limit: int = DASHBOARD_SESSIONS
) -> dict[int, list[Session]]:
    """The next sessions (today onwards, cancelled ones included so nobody comes in vain) of
    each cohort, in one query."""
    today = today or timezone.localdate()
    upcoming: dict[int, list[Session]] = defaultdict(list)
    if not cohort_ids:
        return upcoming
    sessions = Session.objects.filter(cohort_id__in=cohort_ids, date__gte=today).select_related(
        "cohort"
    )
    for session in sessions.order_by("date", "start_time"):
        if len(upcoming[session.cohort_id]) < limit:
            upcoming[session.cohort_id].append(session)
    return upcoming


def cohorts_for_staff(*, user) -> QuerySet[Cohort]:
    """'My cohorts': the cohorts a member of staff trains or coordinates, with counts."""
    return (
        cohorts_visible_to(user)
        .select_related("course", "region")
        .annotate(
            active_learners=Count(
                "enrolments",
                filter=Q(enrolments__status=Enrolment.Status.ACTIVE),
                distinct=True,
            ),
            session_count=Count("sessions", filter=Q(sessions__cancelled=False), distinct=True),
        )
        .order_by("-start_date", "course__title", "name")
    )


def sessions_of(*, cohort: Cohort) -> QuerySet[Session]:
    return Session.objects.filter(cohort=cohort).select_related("cohort")


def sessions_visible_to(user) -> QuerySet[Session]:
    """Sessions of the cohorts a member of staff works with."""
    return Session.objects.filter(cohort__in=cohorts_visible_to(user).values("pk")).select_related(
        "cohort__course"
    )


def cohorts_not_ended(*, course: CoursePage, today=None) -> QuerySet[Cohort]:
    """Cohorts of a course (its original) still running or yet to start: its rules decide
    their learners' certificates."""
    today = today or timezone.localdate()
    return Cohort.objects.filter(course=original_of(course), end_date__gte=today)


def cohort_enrolments(*, cohort: Cohort) -> QuerySet[Enrolment]:
    return (
        Enrolment.objects.filter(cohort=cohort)
        .select_related("learner__profile")
        .order_by("learner__profile__printed_name", "learner__username")
    )


def cohort_dates_in_use(*, cohort: Cohort) -> rules.CohortDatesInUse:
    """The dates that hold a cohort's start and end in place (rules.cohort_start_conflict).
    Cancelled sessions are left out: nobody attends them, and cancelling is how a coordinator
    clears the dates a cohort no longer runs on. Attempts are read through the enrolments'
    reverse relation, so that courses does not import assessments."""
    sessions = Session.objects.filter(cohort=cohort, cancelled=False).aggregate(
        first=Min("date"), last=Max("date")
    )
    enrolments = Enrolment.objects.filter(cohort=cohort).aggregate(
        last_enrolled_on=Max("enrolled_on"), first_attempt=Min("attempts__assessed_on")
    )
    return rules.CohortDatesInUse(
        first_session=sessions["first"],
        last_session=sessions["last"],
        first_attempt=enrolments["first_attempt"],
        last_enrolled_on=enrolments["last_enrolled_on"],
    )
