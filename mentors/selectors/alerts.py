"""Mentoring that needs a coordinator: mentees with no logged contact in N weeks (the
organisation's setting), mentors lapsed or over capacity who still have mentees, and meetings
flagged "needs coordinator attention" that no coordinator has dealt with yet. The daily task
(mentors/tasks.py) tells coordinators about each once; "My caseload" counts those in their
scope and "Trainees and their mentors" lists them. A fixed number of queries whatever the
number of mentees and meetings."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from courses import selectors as course_selectors
from courses.models import Cohort
from mentors import rules
from mentors.models import DEFAULT_MAX_MENTEES, Assignment, Meeting, MentoringAlert, MentorProfile
from mentors.selectors.practice import last_contacts, no_contact_weeks
from mentors.selectors.status import standings

# How long a flagged meeting stays among the alerts.
FLAGGED_SHOWN_FOR = datetime.timedelta(days=30)

NO_CONTACT = MentoringAlert.Kind.NO_CONTACT
LAPSED = MentoringAlert.Kind.LAPSED
OVER_CAPACITY = MentoringAlert.Kind.OVER_CAPACITY
FLAGGED = MentoringAlert.Kind.FLAGGED


@dataclass(frozen=True)
class Alert:
    kind: str
    # Names the condition: the same condition keeps its key from one day to the next.
    key: str
    mentor: object
    mentee: object | None
    coordinator_ids: frozenset[int]
    since: datetime.date | None = None  # no contact: the last contact (or the start)
    meeting: Meeting | None = None
    mentees: int = 0
    max_mentees: int = 0
    weeks: int = 0
    assignment_id: int | None = None


def _current(user) -> QuerySet[Assignment]:
    current = Assignment.objects.filter(ended_on__isnull=True)
    if user is not None and not user.is_superuser:
        current = current.filter(
            enrolment__in=course_selectors.enrolments_coordinated_by(user).values("pk")
        )
    return current


def has_mentoring(*, user) -> bool:
    """Whether any trainee in the cohorts `user` coordinates has a mentor now."""
    return _current(user).exists()


def alerts(*, today: datetime.date | None = None, user=None) -> list[Alert]:
    """Every alert (user None: the daily task), or those about the mentoring of trainees in
    cohorts `user` coordinates."""
    today = today or timezone.localdate()
    assignments = list(
        _current(user)
        .select_related("mentor__profile", "mentee__profile", "enrolment")
        .order_by("mentee__profile__printed_name", "pk")
    )
    coordinators = _coordinators({a.enrolment.cohort_id for a in assignments})
    weeks = no_contact_weeks()
    contacts = last_contacts(a.pk for a in assignments)
    found: list[Alert] = []
    by_mentor: dict[int, list[Assignment]] = defaultdict(list)
    for a in assignments:
        by_mentor[a.mentor_id].append(a)
        last = contacts.get(a.pk)
        if not rules.contact_recent(
            last_contact=last, since=a.started_on, today=today, weeks=weeks
        ):
            since = last or a.started_on
            found.append(
                Alert(
                    kind=NO_CONTACT,
                    key=f"no_contact:{a.pk}:{since.isoformat()}",
                    mentor=a.mentor,
                    mentee=a.mentee,
                    coordinator_ids=coordinators.get(a.enrolment.cohort_id, frozenset()),
                    since=since,
                    weeks=weeks,
                    assignment_id=a.pk,
                )
            )
    found += _mentor_alerts(by_mentor, coordinators, today=today)
    found += _flagged(assignments, coordinators, today=today)
    return found


# The kinds in the order "Mentoring that needs you" counts them.
KINDS = (FLAGGED, NO_CONTACT, LAPSED, OVER_CAPACITY)


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


def counts(found: list[Alert]) -> list[KindCount]:
    """How many alerts of each kind, every kind listed (a zero says "none")."""
    labels = dict(MentoringAlert.Kind.choices)
    return [
        KindCount(kind=kind, label=labels[kind], count=sum(1 for a in found if a.kind == kind))
        for kind in KINDS
    ]


def _coordinators(cohort_ids) -> dict[int, frozenset[int]]:
    found: dict[int, set[int]] = defaultdict(set)
    for cohort_id, user_id in Cohort.coordinators.through.objects.filter(
        cohort_id__in=list(cohort_ids)
    ).values_list("cohort_id", "user_id"):
        found[cohort_id].add(user_id)
    return {pk: frozenset(ids) for pk, ids in found.items()}


def _mentor_alerts(by_mentor, coordinators, *, today) -> list[Alert]:
    if not by_mentor:
        return []
    standing = {pk: s for pk, (s, _c) in standings(today=today, person_ids=list(by_mentor)).items()}
    # Mentees counted over all the mentor's current mentoring, not only those in scope.
    totals: dict[int, int] = defaultdict(int)
    for mentor_id in Assignment.objects.filter(
        mentor__in=list(by_mentor), ended_on__isnull=True
    ).values_list("mentor_id", flat=True):
        totals[mentor_id] += 1
    maxima = dict(
        MentorProfile.objects.filter(mentor__in=list(by_mentor)).values_list(
            "mentor_id", "max_mentees"
        )
    )
    found = []
    for mentor_id, assigned in by_mentor.items():
        mentor = assigned[0].mentor
        told = frozenset().union(
            *(coordinators.get(a.enrolment.cohort_id, frozenset()) for a in assigned)
        )
        s = standing.get(mentor_id)
        if s is None or s.status == rules.LAPSED:
            until = s.valid_until.isoformat() if s and s.valid_until else "none"
            found.append(
                Alert(
                    kind=LAPSED,
                    key=f"lapsed:{mentor_id}:{until}",
                    mentor=mentor,
                    mentee=None,
                    coordinator_ids=told,
                    since=s.valid_until if s else None,
                    mentees=totals[mentor_id],
                )
            )
        maximum = maxima.get(mentor_id, DEFAULT_MAX_MENTEES)
        if rules.over_capacity(max_mentees=maximum, current=totals[mentor_id]):
            found.append(
                Alert(
                    kind=OVER_CAPACITY,
                    key=f"over_capacity:{mentor_id}:{totals[mentor_id]}:{maximum}",
                    mentor=mentor,
                    mentee=None,
                    coordinator_ids=told,
                    mentees=totals[mentor_id],
                    max_mentees=maximum,
                )
            )
    return found


def _flagged(assignments, coordinators, *, today) -> list[Alert]:
    by_pk = {a.pk: a for a in assignments}
    if not by_pk:
        return []
    meetings = Meeting.objects.filter(
        assignment__in=list(by_pk),
        needs_attention=True,
        dealt_with_at__isnull=True,
        met_on__gte=today - FLAGGED_SHOWN_FOR,
    ).order_by("-met_on", "-pk")
    found = []
    for meeting in meetings:
        a = by_pk[meeting.assignment_id]
        meeting.assignment = a
        found.append(
            Alert(
                kind=FLAGGED,
                key=f"flagged:{meeting.pk}",
                mentor=a.mentor,
                mentee=a.mentee,
                coordinator_ids=coordinators.get(a.enrolment.cohort_id, frozenset()),
                since=meeting.met_on,
                meeting=meeting,
                assignment_id=a.pk,
            )
        )
    return found
