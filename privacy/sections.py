"""What each app holds about a person: how to export it and how to erase it.

One `Section` per kind of record. The export ZIP and the erasure service walk `SECTIONS` in order,
so an app that starts keeping personal data adds one section here and nothing else changes.

`export(user)` returns JSON-ready data; `files(user)` yields (name in the ZIP, stored file);
`erase(user)` removes or pseudonymises what it holds and returns the storage names of files to
delete once the transaction commits. Aggregate figures (counts of enrolments, completions,
attempts and outcomes; gender, age band and region) must stay as they were.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from assessments.models import (
    Attempt,
    AttendanceChange,
    AttendanceRecord,
    CriterionResult,
    Evidence,
    Review,
)
from courses.models import Enrolment, LessonCompletion
from indicators.models import FollowUp
from lms.models import Profile
from mentors.models import Assignment, MentorProfile, RefresherNotice, VolunteerRequest
from privacy import (
    certificates,
    checkin,
    learning_records,
    mentoring,
    notifications,
    offline,
    reminders,
    theory_tests,
)
from privacy.formats import iso

# Put in place of free text written about an erased person (a reason, a comment).
WITHHELD = "[withheld: personal data erased]"


def pseudonym(user) -> str:
    return f"Erased person #{user.pk}"


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[object], object]
    erase: Callable[[object], list[str]]
    files: Callable[[object], Iterable[tuple[str, FieldFile]]] = lambda user: ()


# --- The person -------------------------------------------------------------------------------


def _person_export(user) -> dict:
    profile = Profile.objects.filter(user=user).select_related("region").first()
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "date_joined": iso(user.date_joined),
        "last_login": iso(user.last_login),
        "roles": sorted(user.groups.values_list("name", flat=True)),
    }
    if profile is not None:
        data.update(
            {
                "printed_name": profile.printed_name,
                "preferred_language": profile.preferred_language,
                "region": profile.region.name if profile.region else None,
                "gender": profile.gender,
                "gender_self_description": profile.gender_self_description,
                "birth_year": profile.birth_year,
                "phone": profile.phone,
            }
        )
    return data


def _person_erase(user) -> list[str]:
    # Gender, birth year and region stay: the equality indicators (by gender, age band and
    # region) must not change when someone is erased. Everything that names or reaches the
    # person goes.
    Profile.objects.filter(user=user).update(
        printed_name=pseudonym(user), phone="", gender_self_description=""
    )
    user.username = f"erased-{user.pk}"
    user.first_name = ""
    user.last_name = ""
    user.email = ""
    user.is_active = False
    user.is_staff = False
    user.set_unusable_password()
    user.save()
    user.groups.clear()
    return []


# --- Enrolments and lessons ---------------------------------------------------------------------


def _enrolments_export(user) -> list:
    enrolments = Enrolment.objects.filter(learner=user).select_related("cohort__course")
    return [
        {
            "course": e.cohort.course.title,
            "cohort": e.cohort.name,
            "enrolled_on": iso(e.enrolled_on),
            "status": e.status,
            "withdrawn_on": iso(e.withdrawn_on),
            "withdrawal_reason": e.withdrawal_reason,
        }
        for e in enrolments.order_by("enrolled_on", "pk")
    ]


def _enrolments_erase(user) -> list[str]:
    Enrolment.objects.filter(learner=user).exclude(withdrawal_reason="").update(
        withdrawal_reason=WITHHELD
    )
    return []


def _lessons_export(user) -> list:
    completions = LessonCompletion.objects.filter(enrolment__learner=user).select_related(
        "lesson", "enrolment__cohort__course"
    )
    return [
        {
            "course": c.enrolment.cohort.course.title,
            "lesson": c.lesson.title,
            "completed_at": iso(c.completed_at),
        }
        for c in completions.order_by("completed_at", "pk")
    ]


# --- Practical assessments --------------------------------------------------------------------


def _attempts_export(user) -> list:
    """Results only once reviewed, as on the learner's page (docs/security.md, Personal data)."""
    attempts = (
        Attempt.objects.filter(enrolment__learner=user)
        .select_related("template", "enrolment__cohort__course", "assessor")
        .prefetch_related("results__criterion", "reviews__reviewer", "evidence")
        .order_by("assessed_on", "pk")
    )
    return [
        {
            "course": a.enrolment.cohort.course.title,
            "practical_assessment": a.template.name,
            "attempt": a.number,
            "assessed_on": iso(a.assessed_on),
            "assessor": str(a.assessor),
            "status": a.status,
            **(_reviewed_attempt(a) if a.status == Attempt.Status.CONFIRMED else {}),
        }
        for a in attempts
    ]


def _reviewed_attempt(a: Attempt) -> dict:
    return {
        "outcome": a.outcome,
        "feedback": a.feedback,
        "criteria": [
            {"criterion": r.criterion.statement, "mandatory": r.criterion.mandatory}
            | {"met": r.met, "comment": r.comment}
            for r in a.results.all()
        ],
        # Reviewers' comments are notes to the assessor, never shown to the learner.
        "reviews": [
            {"reviewer": str(r.reviewer), "decision": r.decision, "at": iso(r.created_at)}
            for r in a.reviews.all()
        ],
        "evidence": [_evidence_name(e) for e in a.evidence.all() if e.file],
    }


def _evidence_name(evidence: Evidence) -> str:
    return f"evidence/{evidence.pk}.{evidence.extension}"


def _evidence_files(user):
    reviewed = Evidence.objects.filter(attempt__status=Attempt.Status.CONFIRMED).exclude(file="")
    for item in reviewed.filter(attempt__enrolment__learner=user):
        yield _evidence_name(item), item.file


def _attempts_erase(user) -> list[str]:
    attempts = Attempt.objects.filter(enrolment__learner=user)
    attempts.exclude(feedback="").update(feedback=WITHHELD)
    CriterionResult.objects.filter(attempt__in=attempts).exclude(comment="").update(
        comment=WITHHELD
    )
    Review.objects.filter(attempt__in=attempts).exclude(comment="").update(comment=WITHHELD)
    evidence = Evidence.objects.filter(attempt__in=attempts).exclude(file="")
    stored = list(evidence.values_list("file", flat=True))
    # The rows stay (an attempt's record says evidence was kept); the files and names go.
    evidence.update(file="", original_name="")
    return stored


# --- Attendance -------------------------------------------------------------------------------


def _attendance_export(user) -> list:
    records = AttendanceRecord.objects.filter(enrolment__learner=user).select_related(
        "session__cohort__course"
    )
    return [
        {
            "course": r.session.cohort.course.title,
            "cohort": r.session.cohort.name,
            "session": r.session.topic,
            "date": iso(r.session.date),
            "status": r.status,
            "note": r.note,
        }
        for r in records.order_by("session__date", "session__start_time", "pk")
    ]


def _attendance_erase(user) -> list[str]:
    # Statuses stay (attendance rates and indicators must not change); notes about the person go.
    records = AttendanceRecord.objects.filter(enrolment__learner=user)
    records.exclude(note="").update(note=WITHHELD)
    changes = AttendanceChange.objects.filter(record__in=records)
    changes.exclude(old_note="").update(old_note=WITHHELD)
    changes.exclude(new_note="").update(new_note=WITHHELD)
    return []


# --- Mentoring -------------------------------------------------------------------------------


def _volunteer_export(user) -> list:
    found = VolunteerRequest.objects.filter(person=user).select_related("enrolment__cohort")
    return [
        {
            "sent_at": iso(r.created_at),
            "motivation": r.motivation,
            "status": r.status,
            "decided_at": iso(r.decided_at),
            "decline_reason": r.decline_reason,
            "enrolled_in": r.enrolment.cohort.name if r.enrolment else None,
        }
        for r in found.order_by("created_at", "pk")
    ]


def _volunteer_erase(user) -> list[str]:
    found = VolunteerRequest.objects.filter(person=user)
    found.update(motivation=WITHHELD)
    found.exclude(decline_reason="").update(decline_reason=WITHHELD)
    return []


def _mentoring_export(user) -> dict:
    """As a mentee: who the mentor was and when. As a mentor: capacity, dates of each mentoring
    (the mentees' names are their personal data, not the mentor's) and refresher notices."""
    assignments = list(
        Assignment.objects.filter(Q(mentee=user) | Q(mentor=user))
        .select_related("mentor__profile", "enrolment__cohort__course")
        .order_by("started_on", "pk")
    )
    profile = MentorProfile.objects.filter(mentor=user).first()
    return {
        "my_mentors": [
            {
                "mentor": a.mentor.display_name,
                "course": a.enrolment.cohort.course.title,
                "started_on": iso(a.started_on),
                "ended_on": iso(a.ended_on),
            }
            for a in assignments
            if a.mentee_id == user.pk
        ],
        "mentoring_i_gave": [
            {"started_on": iso(a.started_on), "ended_on": iso(a.ended_on)}
            for a in assignments
            if a.mentor_id == user.pk
        ],
        "maximum_mentees": profile.max_mentees if profile else None,
        "refresher_notices": [
            {"valid_until": iso(n.valid_until), "sent_at": iso(n.sent_at)}
            for n in RefresherNotice.objects.filter(mentor=user).order_by("sent_at", "pk")
        ],
    }


def _mentoring_erase(user) -> list[str]:
    # The records stay (counts of mentoring and coverage must not change); current mentoring
    # ends, so nobody is left paired with an erased person.
    today = timezone.localdate()
    for assignment in Assignment.objects.filter(
        Q(mentee=user) | Q(mentor=user), ended_on__isnull=True
    ):
        assignment.ended_on = max(today, assignment.started_on)
        assignment.save(update_fields=["ended_on"])
    return []


def _follow_ups_export(user) -> list:
    follow_ups = FollowUp.objects.filter(enrolment__learner=user).select_related(
        "enrolment__cohort__course", "recorded_by"
    )
    return [
        {
            "course": f.enrolment.cohort.course.title,
            "cohort": f.enrolment.cohort.name,
            "months_after_the_course": f.months,
            "outcome": f.outcome,
            "note": f.note,
            "recorded_by": str(f.recorded_by) if f.recorded_by else None,
            "recorded_at": iso(f.recorded_at),
        }
        for f in follow_ups.order_by("enrolment__cohort__end_date", "months", "pk")
    ]


def _follow_ups_erase(user) -> list[str]:
    # Outcomes stay (the placement rates must not change); notes about the person go.
    FollowUp.objects.filter(enrolment__learner=user).exclude(note="").update(note=WITHHELD)
    return []


SECTIONS: list[Section] = [
    Section("person", export=_person_export, erase=_person_erase),
    Section("enrolments", export=_enrolments_export, erase=_enrolments_erase),
    Section("lesson_completions", export=_lessons_export, erase=lambda user: []),
    Section(
        "practical_assessments",
        export=_attempts_export,
        erase=_attempts_erase,
        files=_evidence_files,
    ),
    Section("theory_tests", export=theory_tests.export, erase=theory_tests.erase),
    Section("attendance", export=_attendance_export, erase=_attendance_erase),
    Section("self_check_in", export=checkin.export, erase=checkin.erase),
    Section(
        "certificates",
        export=certificates.export,
        erase=certificates.erase,
        files=certificates.files,
    ),
    # Erased with the certificates (privacy/certificates.py), which withhold the name on both.
    Section("learning_records", export=learning_records.export, erase=lambda user: []),
    Section("mentor_training_requests", export=_volunteer_export, erase=_volunteer_erase),
    Section("mentoring", export=_mentoring_export, erase=_mentoring_erase),
    Section("mentoring_meetings", export=mentoring.export, erase=mentoring.erase),
    Section("follow_ups", export=_follow_ups_export, erase=_follow_ups_erase),
    Section("notifications", export=notifications.export, erase=notifications.erase),
    Section("reminders_and_calendar", export=reminders.export, erase=reminders.erase),
    Section("writes_sent_later", export=offline.export, erase=offline.erase),
]
