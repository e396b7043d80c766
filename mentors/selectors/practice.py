"""Mentoring in practice, read: what a mentee shares, a mentor's "My mentees", the meeting log
and who may read it, supervision.

Consent is applied here, before anything is loaded: the course and progress of a mentee who
does not share them are never read, nor their attendance. A mentor never sees practical
feedback, evidence or equality data: nothing here reads them. Nothing is cached, so a mentee
who stops sharing something is obeyed at the mentor's next request.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Max, Q, QuerySet
from django.utils import timezone

from assessments.attendance import selectors as attendance_selectors
from assessments.attendance.rules import AttendanceSummary
from courses import rules as course_rules
from courses import selectors as course_selectors
from courses.models import Cohort, CoursePage, LessonCompletion, Session
from mentors import rules
from mentors.models import Assignment, Meeting, MentoringSettings, SharingConsent, Supervision
from mentors.selectors.status import standing_of
from mentors.selectors.volunteering import mentor_profile_max


def no_contact_weeks() -> int:
    return MentoringSettings.load().no_contact_weeks


def sharing_of(*, mentee) -> rules.Sharing:
    consent = SharingConsent.objects.filter(mentee=mentee).first()
    return _sharing(consent)


def _sharing(consent: SharingConsent | None) -> rules.Sharing:
    if consent is None:
        return rules.Sharing()
    return rules.Sharing(
        course_progress=consent.course_progress,
        attendance=consent.attendance,
        next_session=consent.next_session,
    )


def last_contacts(assignment_ids) -> dict[int, datetime.date]:
    """The day of the latest logged meeting of each assignment, in one query."""
    if not assignment_ids:
        return {}
    return dict(
        Meeting.objects.filter(assignment_id__in=list(assignment_ids))
        .order_by()
        .values("assignment_id")
        .annotate(last=Max("met_on"))
        .values_list("assignment_id", "last")
    )


@dataclass(frozen=True)
class MenteeCard:
    """One mentee on "My mentees": what they agreed to share, and nothing else (None: not
    shared)."""

    assignment: Assignment
    sharing: rules.Sharing
    last_contact: datetime.date | None
    contact_recent: bool
    course_title: str | None = None
    progress: course_rules.Progress | None = None
    attendance: AttendanceSummary | None = None
    next_session: Session | None = None
    no_session_planned: bool = False

    @property
    def mentee(self):
        return self.assignment.mentee


@dataclass(frozen=True)
class MyMentees:
    standing: rules.MentorStanding | None
    max_mentees: int
    cards: list[MenteeCard] = field(default_factory=list)


def my_mentee_cards(*, mentor, today: datetime.date | None = None) -> list[MenteeCard]:
    """A mentor's current mentees with what each shares. A fixed number of queries whatever
    the number of mentees and meetings."""
    today = today or timezone.localdate()
    assignments = list(
        Assignment.objects.filter(mentor=mentor, ended_on__isnull=True)
        .select_related("mentee__profile", "mentee__mentoring_consent", "enrolment__cohort")
        .order_by("mentee__profile__printed_name", "pk")
    )
    sharing = {a.pk: _sharing(getattr(a.mentee, "mentoring_consent", None)) for a in assignments}
    progress_for = [a for a in assignments if sharing[a.pk].course_progress]
    attendance_for = [a for a in assignments if sharing[a.pk].attendance]
    sessions_for = [a for a in assignments if sharing[a.pk].next_session]

    titles, progress = _progress([a.enrolment for a in progress_for])
    summaries = _attendance([a.enrolment for a in attendance_for], today=today)
    sessions = _next_sessions({a.enrolment.cohort_id for a in sessions_for}, today=today)
    contacts = last_contacts(a.pk for a in assignments)
    weeks = no_contact_weeks()
    cards = []
    for a in assignments:
        share = sharing[a.pk]
        cards.append(
            MenteeCard(
                assignment=a,
                sharing=share,
                last_contact=contacts.get(a.pk),
                contact_recent=rules.contact_recent(
                    last_contact=contacts.get(a.pk), since=a.started_on, today=today, weeks=weeks
                ),
                course_title=titles.get(a.enrolment_id) if share.course_progress else None,
                progress=progress.get(a.enrolment_id) if share.course_progress else None,
                attendance=summaries.get(a.enrolment_id) if share.attendance else None,
                next_session=(sessions.get(a.enrolment.cohort_id) if share.next_session else None),
                no_session_planned=share.next_session and a.enrolment.cohort_id not in sessions,
            )
        )
    return cards


def my_mentees_page(*, mentor, today: datetime.date | None = None) -> MyMentees:
    standing = standing_of(person=mentor, today=today)
    if standing is None:
        return MyMentees(standing=None, max_mentees=0)
    return MyMentees(
        standing=standing,
        max_mentees=mentor_profile_max(mentor=mentor),
        cards=my_mentee_cards(mentor=mentor, today=today),
    )


def _progress(enrolments) -> tuple[dict[int, str], dict[int, course_rules.Progress]]:
    """Course title and required lessons done, per enrolment: two queries."""
    if not enrolments:
        return {}, {}
    courses = {e.cohort.course_id for e in enrolments}
    pages = {
        c.pk: c
        for c in CoursePage.objects.filter(pk__in=courses).only("pk", "title", "path", "depth")
    }
    required = course_selectors.required_lesson_ids_by_course(courses=pages.values())
    done: dict[int, set[int]] = {e.pk: set() for e in enrolments}
    for enrolment_id, lesson_id in LessonCompletion.objects.filter(
        enrolment__in=[e.pk for e in enrolments]
    ).values_list("enrolment_id", "lesson_id"):
        done[enrolment_id].add(lesson_id)
    titles, progress = {}, {}
    for e in enrolments:
        course = pages[e.cohort.course_id]
        titles[e.pk] = course.title
        progress[e.pk] = course_rules.lesson_progress(
            required_lesson_ids=required.get(course.pk, []), completed_ids=done[e.pk]
        )
    return titles, progress


def _attendance(enrolments, *, today) -> dict[int, AttendanceSummary]:
    """The attendance decision as the attendance pages make it (never worked out here)."""
    if not enrolments:
        return {}
    cohorts = {e.cohort_id: e.cohort for e in enrolments}
    loaded = list(Cohort.objects.filter(pk__in=cohorts).select_related("course"))
    return attendance_selectors.attendance_summaries_for_cohorts(
        cohorts=loaded, as_of=today, enrolment_ids=[e.pk for e in enrolments]
    )


def _next_sessions(cohort_ids, *, today) -> dict[int, Session]:
    """Each cohort's next session that is not cancelled, in one query."""
    if not cohort_ids:
        return {}
    found: dict[int, Session] = {}
    for session in Session.objects.filter(
        cohort_id__in=list(cohort_ids), date__gte=today, cancelled=False
    ).order_by("date", "start_time"):
        found.setdefault(session.cohort_id, session)
    return found


# --- The meeting log ----------------------------------------------------------------------


def assignments_logged_by(mentor) -> QuerySet[Assignment]:
    """The mentor's current mentees: where they may log a meeting."""
    return Assignment.objects.filter(mentor=mentor, ended_on__isnull=True)


def assignments_with_log_visible_to(user) -> QuerySet[Assignment]:
    """Whose meeting log a person may read: their own mentoring as the mentor, and the
    mentoring of trainees enrolled in cohorts they coordinate."""
    if not user.is_authenticated:
        return Assignment.objects.none()
    if user.is_superuser:
        return Assignment.objects.all()
    coordinated = course_selectors.enrolments_coordinated_by(user).values("pk")
    return Assignment.objects.filter(Q(mentor=user) | Q(enrolment__in=coordinated))


def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(assignment__in=assignments_with_log_visible_to(user).values("pk"))


def note_visible(*, meeting: Meeting, user) -> bool:
    """The private note: for the mentor who wrote it; for coordinators only when flagged."""
    if meeting.assignment.mentor_id == user.pk:
        return True
    return meeting.needs_attention


def meeting_editable(*, meeting: Meeting, user, now: datetime.datetime | None = None) -> bool:
    return rules.meeting_editable(
        author_id=meeting.author_id,
        by_id=user.pk,
        created_at=meeting.created_at,
        now=now or timezone.now(),
    )


@dataclass(frozen=True)
class MenteeMeeting:
    """What a mentee sees of a logged meeting: that it happened, when, and the next step."""

    met_on: datetime.date
    next_step: str


def meetings_for_mentee(*, mentee, limit: int = 10) -> list[MenteeMeeting]:
    return [
        MenteeMeeting(met_on, next_step)
        for met_on, next_step in Meeting.objects.filter(assignment__mentee=mentee)
        .order_by("-met_on", "-pk")
        .values_list("met_on", "next_step")[:limit]
    ]


def current_mentor_of(*, mentee):
    assignment = (
        Assignment.objects.filter(mentee=mentee, ended_on__isnull=True)
        .select_related("mentor__profile")
        .first()
    )
    return assignment.mentor if assignment else None


# --- Supervision --------------------------------------------------------------------------


def last_supervised(mentor_ids) -> dict[int, datetime.date]:
    if not mentor_ids:
        return {}
    return dict(
        Supervision.objects.filter(mentor__in=list(mentor_ids))
        .order_by()
        .values("mentor_id")
        .annotate(last=Max("held_on"))
        .values_list("mentor_id", "last")
    )


def supervisions_of(*, mentor) -> QuerySet[Supervision]:
    return Supervision.objects.filter(mentor=mentor).select_related("supervisor__profile")
