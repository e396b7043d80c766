"""Demo mentoring history (called by demo.mentoring, after demo.indicators): last year's
trainees, in the past cohorts of demo.indicators, had mentors while their cohort ran, and the
mentors logged their meetings. Without it every mentoring figure of the indicators page reads
"fewer than 5" (a cell needs five mentees); with it a coordinator sees hours and contacts by
region and month, and still "fewer than 5" where few were mentored (East, the Islands).

Two more mentors, certified before this system was used as the others of demo.mentors, did
most of it: Rosa Almeida (South) and Jonas Berg (North). They have no mentee today, so the
coverage story (East without an active mentor) and the alerts stay as they were.

Through the services, as it happened: each mentoring is started on the cohort's first day,
its meetings logged on their days, and ended on the cohort's last day. Idempotent: nothing is
added when a past cohort already has mentoring."""

import datetime

from courses.models import Cohort, CoursePage, Enrolment
from demo.mentors import MENTOR_COURSE
from demo.mentors import _earlier_mentor as earlier_mentor
from lms.models import Region, User
from mentors import practice_services
from mentors import services as mentor_services
from mentors.models import Assignment, MentorProfile

COORDINATOR = "coordinator"
# (username, name, region, language, days ago certified, max mentees)
MENTORS = [
    ("rosa.almeida", "Rosa Almeida", "south", "pt", 620, 6),
    ("jonas.berg", "Jonas Berg", "north", "en", 640, 6),
]
# (past cohort of demo.indicators, its mentors in turn, how many of its trainees had one)
HISTORY = [
    ("Bakery Group North 2025", ("jonas.berg", "francesca.gallo"), 7),
    ("Farm Group East 2025", ("peter.lindqvist",), 3),
    ("Retail Group South 2025", ("rosa.almeida",), 6),
    ("Bakery Group Islands 2025", ("rosa.almeida",), 2),
    ("Farm Group Centre 2025", ("rosa.almeida", "jonas.berg"), 6),
    ("Retail Group North 2025", ("jonas.berg", "francesca.gallo"), 6),
]
EVERY_DAYS = 10
KINDS = ("in_person", "phone", "in_person", "message", "video")
MINUTES = (45, 20, 60, 15, 30, 40)
TOPICS = (["training"], ["work"], ["training", "money"], ["housing"], ["work", "family"])
NEXT_STEPS = (
    "Go over the week's practice together",
    "Prepare two questions for the job fair",
    "Bring the timetable of the next placement",
    "",
)


def seed(*, today: datetime.date, stdout) -> None:
    coordinator = User.objects.filter(username=COORDINATOR).first()
    cohorts = {c.name: c for c in Cohort.objects.filter(name__in=[h[0] for h in HISTORY])}
    course = CoursePage.objects.filter(slug=MENTOR_COURSE).first()
    if coordinator is None or course is None or len(cohorts) < len(HISTORY):
        stdout.write("Mentoring history: no past cohorts or mentor course, nothing to do.")
        return
    if Assignment.objects.filter(enrolment__cohort__in=cohorts.values()).exists():
        stdout.write("Mentoring history: already there.")
        return
    admin = User.objects.filter(username="admin").first()
    regions = {r.code: r for r in Region.objects.all()}
    for username, name, region, language, days_ago, max_mentees in MENTORS:
        mentor = earlier_mentor(
            course,
            username=username,
            name=name,
            region=regions[region],
            language=language,
            certified_on=today - datetime.timedelta(days=days_ago),
            by=admin,
        )
        MentorProfile.objects.get_or_create(mentor=mentor, defaults={"max_mentees": max_mentees})
    mentors = {
        u.username: u for u in User.objects.filter(username__in={m for h in HISTORY for m in h[1]})
    }
    meetings = 0
    for cohort_name, mentor_names, how_many in HISTORY:
        cohort = cohorts[cohort_name]
        enrolments = Enrolment.objects.filter(
            cohort=cohort, status=Enrolment.Status.ACTIVE
        ).select_related("learner", "cohort__course")[:how_many]
        for i, enrolment in enumerate(enrolments):
            mentor = mentors[mentor_names[i % len(mentor_names)]]
            meetings += _mentoring(enrolment, mentor, number=i, by=coordinator)
    stdout.write(
        f"Mentoring history: {meetings} meetings with last year's trainees, by "
        f"{len(mentors)} mentors."
    )


def _mentoring(enrolment: Enrolment, mentor, *, number: int, by) -> int:
    """One trainee's mentoring over their cohort: a meeting about every ten days."""
    cohort = enrolment.cohort
    assignment = mentor_services.assignment_create(
        enrolment=enrolment, mentor=mentor, by=by, today=cohort.start_date
    )
    day = cohort.start_date + datetime.timedelta(days=number % 5)
    logged = 0
    while day <= cohort.end_date:
        step = number + logged
        practice_services.meeting_log(
            assignment=assignment,
            by=mentor,
            met_on=day,
            kind=KINDS[step % len(KINDS)],
            minutes=MINUTES[step % len(MINUTES)],
            topics=TOPICS[step % len(TOPICS)],
            next_step=NEXT_STEPS[step % len(NEXT_STEPS)],
            today=day,
        )
        logged += 1
        day += datetime.timedelta(days=EVERY_DAYS)
    mentor_services.assignment_end(assignment=assignment, by=by, today=cohort.end_date)
    return logged
