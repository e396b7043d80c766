"""The mentor register, mentees and suggestions of a mentor for them, and mentor coverage by
region, for coordinators in their scope (mentors.selectors.status). A mentor sees only their
own mentees' names and contact details.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from courses import selectors as course_selectors
from courses.models import CoursePage, Enrolment
from lms.i18n import names_told_apart, translated_name_expression
from lms.models import Region, User
from mentors import rules
from mentors.models import DEFAULT_MAX_MENTEES, Assignment
from mentors.selectors.practice import last_supervised
from mentors.selectors.status import (
    active_mentee_counts,
    scope_region_ids,
    standings,
)


@dataclass(frozen=True)
class RegisterRow:
    mentor: User
    standing: rules.MentorStanding
    max_mentees: int
    mentees: tuple[User, ...]
    last_supervised: datetime.date | None = None
    supervised_recently: bool = False

    @property
    def free(self) -> int:
        return rules.free_places(max_mentees=self.max_mentees, current=len(self.mentees))


def register(
    *,
    user,
    today: datetime.date | None = None,
    status: str = "",
    not_supervised: bool = False,
) -> list[RegisterRow]:
    """The mentors a coordinator may see, with standing, capacity, current mentees and when
    they were last supervised (`not_supervised`: only those not supervised in the last 3
    months). Six queries whatever the number of mentors."""
    today = today or timezone.localdate()
    found = standings(today=today)
    regions = scope_region_ids(user)
    if regions is not None:
        coordinated = set(
            course_selectors.cohorts_coordinated_by(user).values_list("pk", flat=True)
        )
    people = User.objects.filter(pk__in=list(found)).select_related(
        "profile__region", "mentor_profile"
    )
    rows_by_id = {}
    for person in people:
        standing, cohorts = found[person.pk]
        region_id = getattr(getattr(person, "profile", None), "region_id", None)
        if regions is not None and region_id not in regions and not (cohorts & coordinated):
            continue
        if status and standing.status != status:
            continue
        profile = getattr(person, "mentor_profile", None)
        rows_by_id[person.pk] = (person, standing, profile.max_mentees if profile else None)
    mentees: dict[int, list[User]] = defaultdict(list)
    for assignment in (
        Assignment.objects.filter(mentor__in=list(rows_by_id), ended_on__isnull=True)
        .select_related("mentee__profile")
        .order_by("mentee__profile__printed_name", "pk")
    ):
        mentees[assignment.mentor_id].append(assignment.mentee)
    supervised = last_supervised(rows_by_id)
    rows = [
        RegisterRow(
            mentor=person,
            standing=standing,
            max_mentees=DEFAULT_MAX_MENTEES if max_mentees is None else max_mentees,
            mentees=tuple(mentees[person.pk]),
            last_supervised=supervised.get(person.pk),
            supervised_recently=rules.supervised_recently(
                last=supervised.get(person.pk), today=today
            ),
        )
        for person, standing, max_mentees in rows_by_id.values()
    ]
    if not_supervised:
        rows = [r for r in rows if not r.supervised_recently]
    return sorted(rows, key=lambda r: (_region_name(r.mentor), r.mentor.display_name.casefold()))


def _region_name(person) -> str:
    profile = getattr(person, "profile", None)
    if profile is None or profile.region is None:
        return "\uffff"
    return profile.region.name_in().casefold()


def mentor_visible(*, user, mentor_id: int) -> RegisterRow | None:
    """One mentor of the register, or None if not a mentor or outside the user's scope."""
    return next((r for r in register(user=user) if r.mentor.pk == mentor_id), None)


def mentee_enrolments(*, user) -> QuerySet[Enrolment]:
    """Active enrolments in vocational courses of cohorts the user coordinates: the trainees a
    coordinator may give a mentor."""
    return (
        course_selectors.enrolments_coordinated_by(user)
        .filter(status=Enrolment.Status.ACTIVE, cohort__course__kind=CoursePage.Kind.VOCATIONAL)
        .select_related("learner__profile__region", "cohort__course", "cohort__region")
    )


def mentee_region_id(enrolment: Enrolment) -> int:
    """Where a mentee lives: their profile's region, else their cohort's."""
    profile = getattr(enrolment.learner, "profile", None)
    return (profile.region_id if profile else None) or enrolment.cohort.region_id


@dataclass(frozen=True)
class MenteeRow:
    enrolment: Enrolment
    assignment: Assignment | None


def _cohort_ended(today: datetime.date) -> Q:
    return Q(cohort__end_date__lt=today)


def mentees(*, user, ended: bool = False, today: datetime.date | None = None) -> list[MenteeRow]:
    """The trainees of cohorts still running or still to start; with `ended`, of cohorts that
    have ended (their mentoring may go on after the course: a first job, a placement)."""
    when = _cohort_ended(today or timezone.localdate())
    enrolments = mentee_enrolments(user=user).filter(when if ended else ~when)
    enrolments = list(enrolments.order_by("learner__profile__printed_name", "pk"))
    current = {
        a.mentee_id: a
        for a in Assignment.objects.filter(
            mentee__in=[e.learner_id for e in enrolments], ended_on__isnull=True
        ).select_related("mentor__profile")
    }
    return [MenteeRow(e, current.get(e.learner_id)) for e in enrolments]


def mentee_counts(*, user, today: datetime.date | None = None) -> dict[str, int]:
    """How many trainees `mentees` lists in each view: {"current": n, "ended": m}, one query."""
    when = _cohort_ended(today or timezone.localdate())
    return mentee_enrolments(user=user).aggregate(
        current=Count("pk", filter=~when, distinct=True),
        ended=Count("pk", filter=when, distinct=True),
    )


def suggestions(
    *, enrolment: Enrolment, today: datetime.date | None = None
) -> list[rules.Candidate]:
    """Mentors who may take this trainee now (may mentor, free places, not the trainee), same
    region first, then most free places. Any region: a region without mentors still needs one."""
    found = {pk: s for pk, (s, _c) in standings(today=today).items() if s.may_mentor}
    found.pop(enrolment.learner_id, None)
    people = User.objects.filter(pk__in=list(found), is_active=True).select_related(
        "profile__region", "mentor_profile"
    )
    counts = active_mentee_counts(list(found))
    candidates = []
    for person in people:
        profile = getattr(person, "mentor_profile", None)
        max_mentees = profile.max_mentees if profile else DEFAULT_MAX_MENTEES
        free = rules.free_places(max_mentees=max_mentees, current=counts[person.pk])
        if free:
            region = getattr(getattr(person, "profile", None), "region", None)
            candidates.append(
                rules.Candidate(
                    person.pk,
                    person.display_name,
                    region.pk if region else None,
                    free,
                    region.name_in() if region else "",
                )
            )
    return rules.rank_candidates(candidates, mentee_region_id=mentee_region_id(enrolment))


def assignments_visible_to(user) -> QuerySet[Assignment]:
    """Assignments a coordinator manages: those of trainees enrolled in cohorts they coordinate."""
    return Assignment.objects.filter(
        enrolment__in=course_selectors.enrolments_coordinated_by(user).values("pk")
    )


def coverage(*, user, today: datetime.date | None = None) -> list[rules.RegionCoverage]:
    """Per region in the user's scope: trainees in vocational training (by where they live), the
    mentors who may take mentees, flagged regions first."""
    regions = scope_region_ids(user)
    region_qs = Region.objects.all() if regions is None else Region.objects.filter(pk__in=regions)
    names = names_told_apart(
        {
            pk: (shown, original)
            for pk, shown, original in region_qs.values_list(
                "pk", translated_name_expression(), "name"
            )
        }
    )
    # Trainees of cohorts running or still to start, as on the mentees page: those of cohorts
    # that ended (most of them, after a year or two) would swell the regions' counts.
    ended = _cohort_ended(today or timezone.localdate())
    mentee_regions: dict[int, set[int]] = defaultdict(set)
    for learner_id, profile_region, cohort_region in (
        Enrolment.objects.filter(
            status=Enrolment.Status.ACTIVE, cohort__course__kind=CoursePage.Kind.VOCATIONAL
        )
        .exclude(ended)
        .values_list("learner_id", "learner__profile__region_id", "cohort__region_id")
    ):
        mentee_regions[profile_region or cohort_region].add(learner_id)
    found = [pk for pk, (s, _c) in standings(today=today).items() if s.may_mentor]
    mentor_counts: dict[int, int] = defaultdict(int)
    for region_id in User.objects.filter(pk__in=found, is_active=True).values_list(
        "profile__region_id", flat=True
    ):
        mentor_counts[region_id] += 1
    rows = [
        rules.region_coverage(
            region_id=pk,
            name=name,
            mentees=len(mentee_regions.get(pk, ())),
            active_mentors=mentor_counts.get(pk, 0),
            max_ratio=settings.MENTOR_COVERAGE_MAX_RATIO,
        )
        for pk, name in names.items()
    ]
    if regions is None and (mentee_regions.get(None) or mentor_counts.get(None)):
        # People whose region nobody recorded count in no region: shown to those who see every
        # region, so that the missing regions get recorded.
        rows.append(
            rules.region_coverage(
                region_id=None,
                name=gettext("Region not recorded"),
                mentees=len(mentee_regions.get(None, ())),
                active_mentors=mentor_counts.get(None, 0),
                max_ratio=settings.MENTOR_COVERAGE_MAX_RATIO,
            )
        )
    return rules.coverage_order(rows)
