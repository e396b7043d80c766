"""Mentors' models, by kind: `register` (volunteering, capacity, assignments, refresher notices)
and `practice` (what mentoring looks like once a mentee has a mentor: consent to share, the
meeting log, supervision, alerts and the organisation's mentoring settings)."""

from mentors.models.practice import (
    MEETING_KINDS,
    TOPICS,
    Meeting,
    MentoringAlert,
    MentoringSettings,
    SharingConsent,
    Supervision,
)
from mentors.models.register import (
    DEFAULT_MAX_MENTEES,
    Assignment,
    MentorProfile,
    RefresherNotice,
    VolunteerRequest,
)

__all__ = [
    "DEFAULT_MAX_MENTEES",
    "MEETING_KINDS",
    "TOPICS",
    "Assignment",
    "Meeting",
    "MentorProfile",
    "MentoringAlert",
    "MentoringSettings",
    "RefresherNotice",
    "SharingConsent",
    "Supervision",
    "VolunteerRequest",
]
