"""Demo mentoring in practice (after demo.mentors): Elena Vidal mentors two trainees. Nguyễn Văn
An shares his course progress and attendance with her and had a meeting today that Elena
flagged for the coordinator; Marco Russo (a demo login, `marco.russo`, shares only his next
session, the default) was paired five weeks ago and has had no contact for more than three
weeks, so the coordinator's alerts list him. Elena was supervised by `coordinator` a month ago;
Francesca Gallo, whose refresher is due (demo.mentors), never. The daily alerts run once, so
`coordinator` has the notifications. Idempotent: nothing is added when Elena has meetings with
a current mentee. Then last year's mentoring (demo.mentoring_history), for the indicators."""

import datetime

from django.core.exceptions import ValidationError

from courses.models import Enrolment
from demo import mentoring_history
from demo.people import DEMO_PASSWORD
from lms.models import User
from mentors import practice_services
from mentors import services as mentor_services
from mentors.models import Assignment, Meeting

MENTOR = "elena.vidal"
FLAGGED_MENTEE = "nguyen.van.an"
OVERDUE_MENTEE = "marco.russo"  # a demo login, to show a mentee's side
OVERDUE_PAIRED_DAYS_AGO = 35
SUPERVISOR = "coordinator"


def seed(*, today: datetime.date, stdout) -> None:
    mentor = User.objects.filter(username=MENTOR).first()
    coordinator = User.objects.filter(username=SUPERVISOR).first()
    if mentor is None or coordinator is None:
        stdout.write("Mentoring: no demo mentor, nothing to do.")
        return
    if Meeting.objects.filter(author=mentor, assignment__ended_on__isnull=True).exists():
        stdout.write("Mentoring: already there.")
        mentoring_history.seed(today=today, stdout=stdout)
        return
    overdue = _pair_overdue(mentor, by=coordinator, today=today)
    flagged = Assignment.objects.filter(
        mentor=mentor, mentee__username=FLAGGED_MENTEE, ended_on__isnull=True
    ).first()
    if overdue is not None:
        for days_ago, kind, minutes, topics, next_step in (
            (33, "in_person", 45, ["training", "work"], "Visit the bakery open day together"),
            (26, "phone", 15, ["housing"], "Call the housing office before Friday"),
        ):
            practice_services.meeting_log(
                assignment=overdue,
                by=mentor,
                met_on=today - datetime.timedelta(days=days_ago),
                kind=kind,
                minutes=minutes,
                topics=topics,
                next_step=next_step,
                today=today,
            )
    if flagged is not None:
        practice_services.consent_set(
            mentee=flagged.mentee,
            by=flagged.mentee,
            course_progress=True,
            attendance=True,
            next_session=True,
        )
        practice_services.meeting_log(
            assignment=flagged,
            by=mentor,
            met_on=today,
            kind="in_person",
            minutes=40,
            topics=["training", "money"],
            next_step="Meet again after Thursday's session",
            private_note="Worried about rent this month; may miss sessions to take extra shifts.",
            needs_attention=True,
            today=today,
        )
    practice_services.supervision_record(
        mentor=mentor,
        by=coordinator,
        held_on=today - datetime.timedelta(days=30),
        notes="Went through both mentees. Elena asked for ideas on keeping phone contact going.",
        follow_up="Share the list of local services before the next supervision",
        today=today,
    )
    sent = practice_services.alerts_send(today=today)
    stdout.write(
        f"Mentoring: {Meeting.objects.count()} meetings logged, {sent} alerts for coordinators; "
        f"log in as {MENTOR} or {OVERDUE_MENTEE} (password {DEMO_PASSWORD})."
    )
    mentoring_history.seed(today=today, stdout=stdout)


def _pair_overdue(mentor, *, by, today) -> Assignment | None:
    mentee = User.objects.filter(username=OVERDUE_MENTEE).first()
    if mentee is None:
        return None
    if not mentee.has_usable_password():
        mentee.set_password(DEMO_PASSWORD)
        mentee.save(update_fields=["password"])
    current = Assignment.objects.filter(mentee=mentee, ended_on__isnull=True).first()
    if current is not None:
        return current if current.mentor_id == mentor.pk else None
    enrolment = (
        Enrolment.objects.filter(
            learner=mentee, status=Enrolment.Status.ACTIVE, cohort__course__kind="vocational"
        )
        .order_by("pk")
        .first()
    )
    if enrolment is None:
        return None
    try:
        return mentor_services.assignment_create(
            enrolment=enrolment,
            mentor=mentor,
            by=by,
            today=today - datetime.timedelta(days=OVERDUE_PAIRED_DAYS_AGO),
        )
    except ValidationError:
        return None
