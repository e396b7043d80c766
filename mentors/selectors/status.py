"""Who is a mentor and in what standing, and the scope of coordinators.

Scope for coordinators: the regions of the cohorts they coordinate. They see volunteer requests,
mentors, mentees and coverage of those regions (and people enrolled in their cohorts);
superusers see everything.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from certificates.models import Certificate
from courses import selectors as course_selectors
from courses.models import Cohort, CoursePage, Enrolment
from mentors import rules
from mentors.models import Assignment


def notice_days() -> int:
    return settings.MENTOR_REFRESHER_NOTICE_DAYS


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
