"""Demo history for the indicators: last year's cohorts of `coordinator` in every region, with
their learners (a spread of gender, age and region), every session's roll call, a few
withdrawals, and follow-ups 3, 6 and 12 months after the end, as far as they have come.

The demo's own cohorts are too few and too recent for indicators worth looking at (a cell needs
five people); these give the indicators page meaningful figures. Idempotent: cohorts, people and
follow-ups are looked up by name; sessions and roll calls are made only for a cohort without
sessions. Rows are written in bulk (a history, not a day's work through the services); the
enrolments' attendance tallies are then recounted by the service, as a roll call does."""

import datetime
import random

from django.db.models import Count
from django.utils import timezone

from assessments.attendance.services import attendance_records_write
from assessments.models import AttendanceRecord
from courses.models import Cohort, CoursePage, Enrolment, Session
from indicators import rules
from indicators.models import FollowUp
from lms import roles
from lms.models import Profile, Region, User
from lms.services import user_grant_role

COORDINATOR = "coordinator"
SESSIONS = 10
# (name, course, region code, days from today to the start, days it lasts, learners)
PAST_COHORTS = (
    ("Bakery Group North 2025", "Artisan Baking", "north", -500, 70, 12),
    ("Farm Group East 2025", "Organic Farming", "east", -470, 70, 9),
    ("Retail Group South 2025", "Retail Sales Assistant", "south", -400, 70, 11),
    ("Bakery Group Islands 2025", "Artisan Baking", "islands", -360, 70, 4),
    ("Farm Group Centre 2025", "Organic Farming", "centre", -300, 70, 10),
    ("Retail Group North 2025", "Retail Sales Assistant", "north", -250, 70, 8),
)
FIRST_NAMES = (
    "Alba", "Bruno", "Camila", "Dario", "Elena", "Fabio", "Giada", "Hugo", "Irene", "João",
    "Karim", "Laura", "Marco", "Nadia", "Óscar", "Paula", "Rita", "Sergio", "Teresa", "Ugo",
)  # fmt: skip
LAST_NAMES = (
    "Bianchi", "Costa", "Díaz", "Ferri", "Gomes", "Lopes", "Marino", "Navarro", "Pinto", "Rossi",
)  # fmt: skip
# Roughly the programmes' figures: 40% women, ages 19 to 58, most find work afterwards.
GENDERS = ("woman", "man", "man", "woman", "man", "not_said", "woman", "man", "", "man")
OUTCOMES = (
    rules.EMPLOYED_IN_TRADE,
    rules.EMPLOYED_IN_TRADE,
    rules.EMPLOYED_IN_TRADE,
    rules.EMPLOYED_OTHER,
    rules.FURTHER_TRAINING,
    rules.SEEKING_WORK,
    rules.NOT_KNOWN,
)


def _learner(number: int, region: Region, rng: random.Random) -> User:
    username = f"past.learner{number:02}"
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user
    first = FIRST_NAMES[number % len(FIRST_NAMES)]
    last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
    user = User.objects.create(username=username, first_name=first, last_name=last)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    Profile.objects.create(
        user=user,
        printed_name=f"{first} {last}",
        region=region,
        gender=GENDERS[number % len(GENDERS)],
        birth_year=rng.randint(1967, 2006),
    )
    user_grant_role(user=user, role=roles.LEARNER)
    return user


def _roll_calls(cohort: Cohort, enrolments: list[Enrolment], rng: random.Random) -> None:
    span = (cohort.end_date - cohort.start_date).days
    sessions = Session.objects.bulk_create(
        Session(
            cohort=cohort,
            topic=f"Practice {i + 1}",
            topic_es=f"Práctica {i + 1}",
            topic_it=f"Pratica {i + 1}",
            topic_pt=f"Prática {i + 1}",
            date=cohort.start_date + datetime.timedelta(days=i * span // (SESSIONS - 1)),
            start_time=datetime.time(9),
            end_time=datetime.time(13),
        )
        for i in range(SESSIONS)
    )
    now = timezone.now()
    records = []
    for enrolment in enrolments:
        # Most attend nearly everything; about one in five misses more than the course allows.
        misses = rng.choice((0, 0, 0, 1, 1, 2, 3))
        missed = set(rng.sample(range(SESSIONS), misses))
        for i, session in enumerate(sessions):
            if enrolment.withdrawn_on and session.date > enrolment.withdrawn_on:
                break
            status = "absent" if i in missed else rng.choice(("present",) * 6 + ("late",))
            records.append(
                AttendanceRecord(
                    session=session, enrolment=enrolment, status=status, recorded_at=now
                )
            )
    attendance_records_write(records=records)


def _follow_ups(enrolments, *, coordinator, today, rng: random.Random) -> int:
    existing = set(
        FollowUp.objects.filter(enrolment__in=enrolments).values_list("enrolment_id", "months")
    )
    new = []
    for enrolment in enrolments:
        if enrolment.status == Enrolment.Status.WITHDRAWN:
            continue
        outcome = rng.choice(OUTCOMES)
        for months in rules.follow_ups_due(end_date=enrolment.cohort.end_date, today=today):
            if (enrolment.pk, months) in existing:
                continue
            # People found work over time: a later follow-up rarely goes back to seeking.
            if outcome == rules.SEEKING_WORK and rng.random() < 0.4:
                outcome = rng.choice(OUTCOMES[:4])
            due = rules.follow_up_due_on(end_date=enrolment.cohort.end_date, months=months)
            new.append(
                FollowUp(
                    enrolment=enrolment,
                    months=months,
                    outcome=outcome,
                    recorded_by=coordinator,
                    recorded_at=timezone.make_aware(
                        datetime.datetime.combine(due, datetime.time(11))
                    ),
                )
            )
    FollowUp.objects.bulk_create(new)
    return len(new)


def seed(*, today: datetime.date, stdout) -> None:
    coordinator = User.objects.filter(username=COORDINATOR).first()
    if coordinator is None:
        stdout.write("Indicators demo: no `coordinator` login, skipped.\n")
        return
    rng = random.Random(8)  # the same history on every run
    regions = {r.code: r for r in Region.objects.all()}
    courses = {c.title: c for c in CoursePage.objects.all()}
    number = 0
    recorded = 0
    for name, course, region, start, days, size in PAST_COHORTS:
        start_date = today + datetime.timedelta(days=start)
        cohort, _created = Cohort.objects.get_or_create(
            name=name,
            defaults={
                "course": courses[course],
                "region": regions[region],
                "location": "Riverside Training Centre",
                "start_date": start_date,
                "end_date": start_date + datetime.timedelta(days=days),
                "capacity": max(size, 1),
            },
        )
        cohort.coordinators.add(coordinator)
        enrolments = []
        for _ in range(size):
            number += 1
            learner = _learner(number, regions[region], rng)
            withdrawn = rng.random() < 0.08
            enrolment, _created = Enrolment.objects.get_or_create(
                learner=learner,
                cohort=cohort,
                defaults={
                    "enrolled_on": cohort.start_date,
                    "status": Enrolment.Status.WITHDRAWN if withdrawn else Enrolment.Status.ACTIVE,
                    "withdrawn_on": cohort.start_date + datetime.timedelta(days=20)
                    if withdrawn
                    else None,
                    "withdrawal_reason": "Started a job" if withdrawn else "",
                },
            )
            enrolments.append(enrolment)
        if not cohort.sessions.exists():
            _roll_calls(cohort, enrolments, rng)
        recorded += _follow_ups(enrolments, coordinator=coordinator, today=today, rng=rng)
    totals = FollowUp.objects.aggregate(n=Count("pk"))
    stdout.write(
        f"Indicators demo: {len(PAST_COHORTS)} past cohorts, {number} learners, "
        f"{recorded} follow-ups recorded now ({totals['n']} in all).\n"
    )
