"""Reads for mentors: who is a mentor and in what standing, the register, coverage, and scope.

Scope for coordinators: the regions of the cohorts they coordinate. They see volunteer requests,
mentors, mentees and coverage of those regions (and people enrolled in their cohorts);
superusers see everything. A mentor sees only their own mentees' names and contact details.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import Cohort, CoursePage, Enrolment
from lms.i18n import names_told_apart, translated_name_expression
from lms.models import Region, User
from mentors import rules
from mentors.models import DEFAULT_MAX_MENTEES, Assignment, MentorProfile, VolunteerRequest


def notice_days() -> int:
    return settings.MENTOR_REFRESHER_NOTICE_DAYS


# --- Scope ---------------------------------------------------------------------------------


def scope_region_ids(user) -> set[int] | None:
    """Regions a coordinator works in: those of the cohorts they coordinate and those where
    the learners of these cohorts live. None means every region (superusers)."""
    if not user.is_authenticated:
        return set()
    if user.is_superuser:
        return None
    # Asked several times per page (may this user see coordinators' pages? which mentors?):
    # kept on the user object, which lives as long as the request.
    cached = getattr(user, "_mentor_scope_regions", None)
    if cached is not None:
        return set(cached)
    cohorts = course_selectors.cohorts_coordinated_by(user)
    regions = set(cohorts.values_list("region_id", flat=True))
    if regions:
        regions |= set(
            Enrolment.objects.filter(cohort__in=cohorts.values("pk"))
            .exclude(learner__profile__region=None)
            .values_list("learner__profile__region_id", flat=True)
            .distinct()
        )
    user._mentor_scope_regions = frozenset(regions)
    return regions


def coordinates_any(user) -> bool:
    return scope_region_ids(user) != set()


def _people_in_scope(user) -> Q:
    """People living in the coordinator's regions or enrolled in a cohort they coordinate."""
    regions = scope_region_ids(user)
    if regions is None:
        return Q()
    cohorts = course_selectors.cohorts_coordinated_by(user).values("pk")
    return Q(profile__region__in=regions) | Q(
        pk__in=Enrolment.objects.filter(cohort__in=cohorts).values("learner")
    )


# --- Who is a mentor ----------------------------------------------------------------------


def mentor_courses() -> list[CoursePage]:
    """Initial mentor-training courses (a refresher course points at one of these)."""
    return list(
        CoursePage.objects.filter(kind=CoursePage.Kind.MENTOR, refresher_for__isnull=True)
        .only("pk", "title", "validity_months")
        .order_by("pk")
    )


def mentor_training_cohorts_for(user, *, today: datetime.date | None = None) -> QuerySet[Cohort]:
    """Cohorts of an initial mentor course, not yet ended, that the user coordinates: where an
    accepted volunteer can be enrolled."""
    today = today or timezone.localdate()
    return (
        course_selectors.cohorts_coordinated_by(user)
        .filter(
            course__kind=CoursePage.Kind.MENTOR,
            course__refresher_for__isnull=True,
            end_date__gte=today,
        )
        .select_related("course", "region")
        .order_by("start_date", "name")
    )


def standings(
    *, today: datetime.date | None = None, person_ids=None
) -> dict[int, tuple[rules.MentorStanding, set[int]]]:
    """Every mentor's standing (their best over the mentor courses they are certified in) and
    the cohorts they were certified in, keyed by user id. Two queries."""
    today = today or timezone.localdate()
    courses = {c.pk: c for c in mentor_courses()}
    refresher_of = dict(
        CoursePage.objects.filter(refresher_for__in=list(courses)).values_list(
            "pk", "refresher_for_id"
        )
    )
    if not courses:
        return {}
    certificates = Certificate.objects.filter(
        status=Certificate.Status.VALID,
        enrolment__cohort__course__in=[*courses, *refresher_of],
    )
    if person_ids is not None:
        certificates = certificates.filter(enrolment__learner__in=person_ids)
    initial: dict[tuple[int, int], list] = defaultdict(list)
    refreshed: dict[tuple[int, int], list] = defaultdict(list)
    cohorts: dict[int, set[int]] = defaultdict(set)
    for person_id, course_id, cohort_id, issued_at in certificates.values_list(
        "enrolment__learner_id",
        "enrolment__cohort__course_id",
        "enrolment__cohort_id",
        "issued_at",
    ):
        day = timezone.localdate(issued_at)
        if course_id in courses:
            initial[(person_id, course_id)].append(day)
            cohorts[person_id].add(cohort_id)
        else:
            refreshed[(person_id, refresher_of[course_id])].append(day)
    by_person: dict[int, list] = defaultdict(list)
    for (person_id, course_id), days in initial.items():
        by_person[person_id].append(
            rules.standing(
                certified_on=days,
                refreshed_on=refreshed.get((person_id, course_id), ()),
                validity_months=courses[course_id].validity_months,
                today=today,
                notice_days=notice_days(),
            )
        )
    return {
        person_id: (rules.best_standing(found), cohorts[person_id])
        for person_id, found in by_person.items()
    }


def standing_of(*, person, today: datetime.date | None = None) -> rules.MentorStanding | None:
    found = standings(today=today, person_ids=[person.pk]).get(person.pk)
    return found[0] if found else None


def active_mentee_counts(mentor_ids) -> dict[int, int]:
    counts: dict[int, int] = defaultdict(int)
    for mentor_id in Assignment.objects.filter(
        mentor__in=mentor_ids, ended_on__isnull=True
    ).values_list("mentor_id", flat=True):
        counts[mentor_id] += 1
    return counts


# --- The register ---------------------------------------------------------------------------


@dataclass(frozen=True)
class RegisterRow:
    mentor: User
    standing: rules.MentorStanding
    max_mentees: int
    mentees: tuple[User, ...]

    @property
    def free(self) -> int:
        return rules.free_places(max_mentees=self.max_mentees, current=len(self.mentees))


def register(*, user, today: datetime.date | None = None, status: str = "") -> list[RegisterRow]:
    """The mentors a coordinator may see, with standing, capacity and current mentees. Five
    queries whatever the number of mentors."""
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
    rows = [
        RegisterRow(
            mentor=person,
            standing=standing,
            max_mentees=DEFAULT_MAX_MENTEES if max_mentees is None else max_mentees,
            mentees=tuple(mentees[person.pk]),
        )
        for person, standing, max_mentees in rows_by_id.values()
    ]
    return sorted(rows, key=lambda r: (_region_name(r.mentor), r.mentor.display_name.casefold()))


def _region_name(person) -> str:
    profile = getattr(person, "profile", None)
    if profile is None or profile.region is None:
        return "\uffff"
    return profile.region.name_in().casefold()


def mentor_visible(*, user, mentor_id: int) -> RegisterRow | None:
    """One mentor of the register, or None if not a mentor or outside the user's scope."""
    return next((r for r in register(user=user) if r.mentor.pk == mentor_id), None)


# --- Mentees, suggestions ---------------------------------------------------------------------


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


def mentees(*, user) -> list[MenteeRow]:
    enrolments = list(mentee_enrolments(user=user).order_by("learner__profile__printed_name", "pk"))
    current = {
        a.mentee_id: a
        for a in Assignment.objects.filter(
            mentee__in=[e.learner_id for e in enrolments], ended_on__isnull=True
        ).select_related("mentor__profile")
    }
    return [MenteeRow(e, current.get(e.learner_id)) for e in enrolments]


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


# --- Coverage ---------------------------------------------------------------------------------


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
    mentee_regions: dict[int, set[int]] = defaultdict(set)
    for learner_id, profile_region, cohort_region in Enrolment.objects.filter(
        status=Enrolment.Status.ACTIVE, cohort__course__kind=CoursePage.Kind.VOCATIONAL
    ).values_list("learner_id", "learner__profile__region_id", "cohort__region_id"):
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


# --- Volunteering -----------------------------------------------------------------------------


def volunteer_requests_visible_to(user) -> QuerySet[VolunteerRequest]:
    if not coordinates_any(user):
        return VolunteerRequest.objects.none()
    people = User.objects.filter(_people_in_scope(user)).values("pk")
    return VolunteerRequest.objects.filter(person__in=people).select_related(
        "person__profile__region", "decided_by", "enrolment__cohort"
    )


@dataclass(frozen=True)
class VolunteerFacts:
    has_vocational_certificate: bool
    is_mentor: bool
    in_mentor_training: bool
    latest: VolunteerRequest | None

    @property
    def pending(self) -> VolunteerRequest | None:
        # While one request is pending no other can be made, so a pending one is the latest.
        if self.latest is not None and self.latest.status == VolunteerRequest.Status.PENDING:
            return self.latest
        return None

    @property
    def refusal(self) -> str | None:
        return rules.volunteer_refusal(
            has_vocational_certificate=self.has_vocational_certificate,
            is_mentor=self.is_mentor,
            in_mentor_training=self.in_mentor_training,
            has_pending_request=self.pending is not None,
        )


def volunteer_facts(*, person) -> VolunteerFacts:
    """What decides whether a person may volunteer, in two queries (it is on the dashboard).
    A certified mentor, even a lapsed one, does not volunteer again: they take a refresher."""
    valid = Certificate.objects.filter(enrolment=OuterRef("pk"), status=Certificate.Status.VALID)
    rows = list(
        Enrolment.objects.filter(learner=person)
        .annotate(certified=Exists(valid))
        .values_list("cohort__course__kind", "cohort__course__refresher_for", "status", "certified")
    )
    mentor, vocational = CoursePage.Kind.MENTOR, CoursePage.Kind.VOCATIONAL
    return VolunteerFacts(
        has_vocational_certificate=any(k == vocational and c for k, _r, _s, c in rows),
        is_mentor=any(k == mentor and r is None and c for k, r, _s, c in rows),
        in_mentor_training=any(
            k == mentor and s == Enrolment.Status.ACTIVE for k, _r, s, _c in rows
        ),
        latest=latest_request(person=person),
    )


def latest_request(*, person) -> VolunteerRequest | None:
    return (
        VolunteerRequest.objects.filter(person=person)
        .select_related("enrolment__cohort__course")
        .order_by("-created_at", "-pk")
        .first()
    )


def my_mentees(*, mentor) -> list[User]:
    """A mentor's current mentees: names and how to reach them, nothing else."""
    return [
        a.mentee
        for a in Assignment.objects.filter(mentor=mentor, ended_on__isnull=True)
        .select_related("mentee__profile")
        .order_by("mentee__profile__printed_name", "pk")
    ]


def mentor_profile_max(*, mentor) -> int:
    profile = MentorProfile.objects.filter(mentor=mentor).first()
    return profile.max_mentees if profile else DEFAULT_MAX_MENTEES
