"""Demo mentoring: Mentor Training valid 24 months with a refresher course; mentors certified
before this system was used (one active, one whose refresher is due, one lapsed); a few
trainees paired with mentors; East, where Bakery trainees live, with no active mentor; and a
pending request to train as a mentor. Idempotent; runs after the certificates step.

`learner` may volunteer as soon as `coordinator` certifies them in Retail Group Centre (the
demo's certify story); Sara Bianchi, certified there already, has volunteered and waits for
`coordinator`'s answer.

The earlier mentors' certificates are history brought into the system: they are recorded with
the date they were issued, on a completed enrolment of a past cohort, without the attendance and
practical records that the certify queue checks today."""

import datetime
from types import SimpleNamespace

from django.core.exceptions import ValidationError
from django.utils import timezone

from certificates import rules as certificate_rules
from certificates import services as certificate_services
from certificates.models import Certificate
from certificates.snapshot import certificate_snapshot
from courses.models import Cohort, CoursePage, Enrolment, LessonPage
from demo import content
from demo.people import DEMO_PASSWORD
from lms import roles
from lms.models import Region, User
from lms.services import person_create
from mentors import services
from mentors.models import Assignment, MentorProfile, VolunteerRequest

MENTOR_COURSE = "mentor-training"
REFRESHER = {
    "title": "Mentor Refresher",
    "slug": "mentor-refresher",
    "summary": (
        "A one-day refresher for certified mentors: what changed, and practice of a mentoring "
        "conversation. Completing it renews your mentor certification for 24 months."
    ),
    "kind": "mentor",
    "notional_hours": 8,
    "attendance_required": True,
    "awards_certificate": True,
    "assessment_type": "Observed mentoring conversation with a checklist",
}
REFRESHER_COHORT = "Mentor Refresher Centre"

# Mentors certified before: (username, name, region, language, days ago certified, max mentees)
EARLIER_MENTORS = [
    ("elena.vidal", "Elena Vidal", "centre", "es", 400, 2),
    ("francesca.gallo", "Francesca Gallo", "north", "it", 700, 3),  # refresher due
    ("peter.lindqvist", "Peter Lindqvist", "east", "en", 800, 3),  # lapsed
]
# Trainees given a mentor: (mentor, trainee in a running vocational cohort)
PAIRS = [
    ("elena.vidal", "nguyen.van.an"),
    ("francesca.gallo", "joao.goncalves"),
    ("francesca.gallo", "luca.marino"),
]
VOLUNTEER = (
    "sara.bianchi",
    "I finished the retail course and found work. I would like to help someone who is starting, "
    "the way my mentor helped me.",
)
MENTOR_LOGIN = "elena.vidal"


def seed(*, today: datetime.date, stdout) -> None:
    course = CoursePage.objects.filter(slug=MENTOR_COURSE).first()
    if course is None:
        stdout.write("Mentors: no Mentor Training course, nothing to do.")
        return
    admin = User.objects.filter(username="admin").first()
    if course.validity_months is None:
        course.validity_months = 24
        course.save_revision(user=admin).publish(user=admin)
    refresher = _refresher(course, by=admin, today=today)
    regions = {r.code: r for r in Region.objects.all()}
    for username, name, region, language, days_ago, max_mentees in EARLIER_MENTORS:
        mentor = _earlier_mentor(
            course,
            username=username,
            name=name,
            region=regions[region],
            language=language,
            certified_on=today - datetime.timedelta(days=days_ago),
            by=admin,
        )
        MentorProfile.objects.get_or_create(mentor=mentor, defaults={"max_mentees": max_mentees})
    francesca = User.objects.get(username="francesca.gallo")
    Enrolment.objects.get_or_create(
        learner=francesca, cohort=refresher, defaults={"enrolled_on": today}
    )
    for mentor_name, trainee_name in PAIRS:
        _pair(mentor_name, trainee_name, today=today, by=admin)
    _volunteer()
    stdout.write(
        f"Mentors: {Assignment.objects.filter(ended_on__isnull=True).count()} trainees paired "
        f"with a mentor, {VolunteerRequest.objects.filter(status='pending').count()} volunteer "
        f"request waiting; log in as {MENTOR_LOGIN} (password {DEMO_PASSWORD}) to see a "
        "mentor's page."
    )


def _refresher(course: CoursePage, *, by, today) -> Cohort:
    refresher = CoursePage.objects.filter(slug=REFRESHER["slug"]).first()
    if refresher is None:
        refresher = CoursePage(trade=course.trade, refresher_for=course, **REFRESHER)
        course.get_parent().add_child(instance=refresher)
        refresher.save_revision(user=by).publish(user=by)
        lesson = LessonPage(
            **content.lesson(
                "What changed, and practice",
                "what-changed",
                content.paragraph(
                    "<p>We go through what changed in the programme since your training, then "
                    "practise a mentoring conversation in pairs and talk about it together.</p>"
                ),
                content.checklist(
                    "Bring with you",
                    "Your questions from mentoring so far",
                    "A situation you would like to practise",
                ),
                minutes=30,
            )
        )
        refresher.add_child(instance=lesson)
        lesson.save_revision(user=by).publish(user=by)
    cohort, created = Cohort.objects.get_or_create(
        course=refresher,
        name=REFRESHER_COHORT,
        defaults={
            "region": Region.objects.get(code="centre"),
            "location": "Riverside Training Centre, room 2",
            "start_date": today + datetime.timedelta(days=14),
            "end_date": today + datetime.timedelta(days=14),
            "capacity": 12,
        },
    )
    if created:
        cohort.trainers.add(*User.objects.filter(username="samuel.okafor"))
        cohort.coordinators.add(*User.objects.filter(username="coordinator"))
    return cohort


def _earlier_mentor(course, *, username, name, region, language, certified_on, by) -> User:
    mentor = User.objects.filter(username=username).first()
    if mentor is None:
        mentor = person_create(
            username=username,
            email=f"{username}@example.org",
            printed_name=name,
            region=region,
            preferred_language=language,
            role=roles.LEARNER,
            password=DEMO_PASSWORD if username == MENTOR_LOGIN else None,
        )
    if Certificate.objects.filter(enrolment__learner=mentor, enrolment__cohort__course=course):
        return mentor
    end = certified_on - datetime.timedelta(days=7)
    cohort, created = Cohort.objects.get_or_create(
        course=course,
        name=f"Mentor Group {region.name} {end:%Y-%m}",
        defaults={
            "region": region,
            "location": "Community centre",
            "start_date": end - datetime.timedelta(days=56),
            "end_date": end,
            "capacity": 12,
        },
    )
    if created:
        cohort.trainers.add(*User.objects.filter(username="samuel.okafor"))
    enrolment, _created = Enrolment.objects.get_or_create(
        learner=mentor,
        cohort=cohort,
        defaults={"enrolled_on": cohort.start_date, "status": Enrolment.Status.COMPLETED},
    )
    issued_at = timezone.make_aware(datetime.datetime.combine(certified_on, datetime.time(11)))
    language = certificate_services.language_of(mentor)
    certificate = Certificate.objects.create(
        enrolment=enrolment,
        serial=certificate_services.serial_next(year=certified_on.year),
        verification_code=certificate_rules.verification_code_new(),
        snapshot=certificate_snapshot(
            enrolment=enrolment,
            facts=SimpleNamespace(attendance=None),
            issued_on=certified_on,
            language=language,
        ),
        language=language,
        issued_by=by,
        issued_at=issued_at,
    )
    certificate_services._enqueue_render(certificate)
    return mentor


def _pair(mentor_name: str, trainee_name: str, *, today, by) -> None:
    mentee = User.objects.filter(username=trainee_name).first()
    if mentee is None or Assignment.objects.filter(mentee=mentee).exists():
        return
    enrolment = (
        Enrolment.objects.filter(
            learner=mentee, status=Enrolment.Status.ACTIVE, cohort__course__kind="vocational"
        )
        .order_by("pk")
        .first()
    )
    if enrolment is not None:
        services.assignment_create(
            enrolment=enrolment,
            mentor=User.objects.get(username=mentor_name),
            by=by,
            today=today,
        )


def _volunteer() -> None:
    username, motivation = VOLUNTEER
    person = User.objects.filter(username=username).first()
    if person is None or VolunteerRequest.objects.filter(person=person).exists():
        return
    try:  # the same rules as the page: only with a vocational certificate
        services.volunteer_request_create(person=person, motivation=motivation)
    except ValidationError:
        return
