"""Volunteering to mentor (requests, and whether a person may ask), and a mentor's own page."""

from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet

from certificates.models import Certificate
from courses.models import CoursePage, Enrolment
from lms.models import User
from mentors import rules
from mentors.models import DEFAULT_MAX_MENTEES, Assignment, MentorProfile, VolunteerRequest
from mentors.selectors.status import _people_in_scope, coordinates_any


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
