"""Reads for mentors, in three modules: `status` (who is a mentor and in what standing, and the
coordinators' scope), `coordination` (the register, mentees, suggestions, coverage) and
`volunteering` (requests to become a mentor, a mentor's own page). Callers use them through
this package, as `mentors.selectors.<name>`."""

from mentors.selectors.coordination import (
    MenteeRow,
    RegisterRow,
    assignments_visible_to,
    coverage,
    mentee_enrolments,
    mentee_region_id,
    mentees,
    mentor_visible,
    register,
    suggestions,
)
from mentors.selectors.status import (
    active_mentee_counts,
    coordinates_any,
    mentor_courses,
    mentor_training_cohorts_for,
    notice_days,
    scope_region_ids,
    standing_of,
    standings,
)
from mentors.selectors.volunteering import (
    VolunteerFacts,
    latest_request,
    mentor_profile_max,
    my_mentees,
    volunteer_facts,
    volunteer_requests_visible_to,
)

__all__ = [
    "MenteeRow",
    "RegisterRow",
    "VolunteerFacts",
    "active_mentee_counts",
    "assignments_visible_to",
    "coordinates_any",
    "coverage",
    "latest_request",
    "mentee_enrolments",
    "mentee_region_id",
    "mentees",
    "mentor_courses",
    "mentor_profile_max",
    "mentor_training_cohorts_for",
    "mentor_visible",
    "my_mentees",
    "notice_days",
    "register",
    "scope_region_ids",
    "standing_of",
    "standings",
    "suggestions",
    "volunteer_facts",
    "volunteer_requests_visible_to",
]
