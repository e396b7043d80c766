"""Demo attendance: sessions and roll-call history for the Artisan Baking cohort of `learner`, so
that the demo shows the whole range (well above 90%, exactly 90%, at risk, below), with a session
today for `trainer` to take the roll call of; and a complete history for the finished cohorts in
demo.people's stories, so that their learners can be certified.

Everything goes through the services, as a trainer's and a coordinator's clicks would. Idempotent:
a cohort that already has sessions is left alone."""

import datetime

from assessments.attendance import services as attendance
from assessments.attendance.services import RollCallEntry
from courses import services as courses
from courses.models import Cohort, Enrolment, Session
from courses.session_topics import TOPIC_TRANSLATION_FIELDS
from demo import people as demo_people
from lms.models import User

COURSE = "Artisan Baking"
PAST_SESSIONS = 20  # weekdays before today: a multiple of 10, so that 90% can be exact
FUTURE_SESSIONS = 10
# Each topic as the trainer wrote it, its kind, and the topic in Spanish, Italian, Portuguese.
TOPICS = [
    (
        "Hygiene and food safety",
        Session.Kind.THEORY,
        "Higiene y seguridad alimentaria",
        "Igiene e sicurezza alimentare",
        "Higiene e segurança alimentar",
    ),
    (
        "Weighing and ratios",
        Session.Kind.THEORY,
        "Pesar y proporciones",
        "Pesare e proporzioni",
        "Pesagem e proporções",
    ),
    (
        "Kneading by hand",
        Session.Kind.PRACTICAL,
        "Amasar a mano",
        "Impastare a mano",
        "Amassar à mão",
    ),
    (
        "Sourdough starters",
        Session.Kind.PRACTICAL,
        "Masas madre",
        "Lieviti madre",
        "Fermentos naturais",
    ),
    (
        "Shaping loaves",
        Session.Kind.PRACTICAL,
        "Formar las piezas de pan",
        "Dare forma ai pani",
        "Moldar os pães",
    ),
    (
        "Visit to a local bakery",
        Session.Kind.FIELD_VISIT,
        "Visita a una panadería del barrio",
        "Visita a un forno del quartiere",
        "Visita a uma padaria do bairro",
    ),
    (
        "Ovens and baking times",
        Session.Kind.THEORY,
        "Hornos y tiempos de cocción",
        "Forni e tempi di cottura",
        "Fornos e tempos de cozedura",
    ),
    (
        "Week review",
        Session.Kind.REVIEW,
        "Repaso de la semana",
        "Ripasso della settimana",
        "Revisão da semana",
    ),
]
# A numbered session of a finished cohort, in the same four languages.
NUMBERED = ("Session {number}", "Sesión {number}", "Sessione {number}", "Sessão {number}")
GUEST_BAKER = ("Guest baker", "Panadero invitado", "Panettiere ospite", "Padeiro convidado")


def _in_languages(es: str, it: str, pt: str) -> dict[str, str]:
    """The service's keywords for a topic's translations."""
    return dict(zip(TOPIC_TRANSLATION_FIELDS, (es, it, pt), strict=True))


# The attendance each demo learner shows, in turn. `learner` is "well above".
PATTERNS = ["well_above", "perfect", "exact_90", "at_risk", "below", "excused", "late_twice"]


def _weekdays(start: datetime.date, step: int, count: int, *, low, high) -> list[datetime.date]:
    days, day = [], start
    while len(days) < count and low <= day <= high:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=step)
    return days


def _statuses(pattern: str, held: int, whole: int) -> list[str]:
    """The statuses of a learner's `held` sessions, oldest first, for a course of `whole`."""
    statuses = ["present"] * held
    if pattern == "well_above" and held:
        statuses[held // 2] = "late"
    elif pattern == "exact_90":
        for i in range(held // 10):  # exactly 90% so far when `held` is a multiple of 10
            statuses[1 + i * 10] = "absent"
    elif pattern == "at_risk":
        # One miss more than the whole course allows at 90%: the best reachable falls below.
        spread = [*range(held - 1, -1, -2), *range(held - 2, -1, -2)]
        for i in spread[: whole // 10 + 1]:
            statuses[i] = "absent"
    elif pattern == "below":
        for i in range(0, held, 2):
            statuses[i] = "absent"
    elif pattern == "excused" and held >= 3:
        statuses[2] = "absent"  # a coordinator later turns it into Excused, with a note
    elif pattern == "late_twice" and held >= 6:
        statuses[3] = statuses[5] = "late"
    return statuses


def seed(*, today: datetime.date, stdout) -> None:
    _seed_running(today=today, stdout=stdout)
    for story in (demo_people.RETAIL_DONE_STORY, demo_people.MENTOR_B_STORY):
        _seed_finished(story, today=today, stdout=stdout)


def _spread(count: int, among: int) -> list[int]:
    """`count` indexes spread evenly over range(among)."""
    return [among * (2 * i + 1) // (2 * count) for i in range(count)]


def _seed_finished(story: dict, *, today: datetime.date, stdout) -> None:
    """Every session of a finished cohort held, each learner present except for the number of
    sessions the story says they missed."""
    cohort = (
        Cohort.objects.filter(name=story["cohort"], end_date__lt=today)
        .select_related("course")
        .first()
    )
    if cohort is None:
        stdout.write(f"Attendance demo: no finished cohort '{story['cohort']}', skipped.\n")
        return
    if cohort.sessions.exists():
        stdout.write(f"Attendance demo: {cohort} already has sessions.\n")
        return
    trainer = cohort.trainers.order_by("pk").first()
    weekdays = _weekdays(cohort.start_date, 1, 10_000, low=cohort.start_date, high=cohort.end_date)
    days = [weekdays[i] for i in _spread(story["sessions"], len(weekdays))]
    sessions = [
        courses.session_create(
            cohort=cohort,
            topic=NUMBERED[0].format(number=number),
            **_in_languages(*(words.format(number=number) for words in NUMBERED[1:])),
            kind=Session.Kind.PRACTICAL if number % 3 == 0 else Session.Kind.THEORY,
            date=day,
            start_time=datetime.time(9, 0),
            end_time=datetime.time(13, 0),
            by=cohort.coordinators.order_by("pk").first(),
        )
        for number, day in enumerate(days, start=1)
    ]
    enrolments = list(
        cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN).select_related("learner")
    )
    missed = {
        e.pk: {
            sessions[i].pk
            for i in _spread(story["missed"].get(e.learner.username, 0), len(sessions))
        }
        for e in enrolments
    }
    for session in sessions:
        entries = [
            RollCallEntry(e.pk, "absent" if session.pk in missed[e.pk] else "present")
            for e in enrolments
            if e.enrolled_on <= session.date
        ]
        attendance.roll_call_save(session=session, entries=entries, by=trainer, today=today)
    stdout.write(
        f"Attendance demo: {len(sessions)} sessions held in {cohort}, "
        f"roll calls for {len(enrolments)} learners.\n"
    )


def _seed_running(*, today: datetime.date, stdout) -> None:
    people = {
        u.username: u
        for u in User.objects.filter(username__in=["learner", "trainer", "coordinator"])
    }
    enrolment = (
        Enrolment.objects.filter(learner=people.get("learner"), cohort__course__title=COURSE)
        .select_related("cohort__course")
        .first()
        if "learner" in people
        else None
    )
    if enrolment is None or "trainer" not in people:
        stdout.write("Attendance demo skipped: the core demo (learner, trainer) is missing.\n")
        return
    cohort = enrolment.cohort
    trainer, coordinator = people["trainer"], people.get("coordinator", people["trainer"])
    if cohort.sessions.exists():
        stdout.write(f"Attendance demo: {cohort} already has sessions.\n")
        return

    yesterday = today - datetime.timedelta(days=1)
    past = sorted(
        _weekdays(yesterday, -1, PAST_SESSIONS, low=cohort.start_date, high=cohort.end_date)
    )
    future = _weekdays(
        today + datetime.timedelta(days=1),
        1,
        FUTURE_SESSIONS,
        low=cohort.start_date,
        high=cohort.end_date,
    )
    days = [*past, *([today] if cohort.start_date <= today <= cohort.end_date else []), *future]
    sessions = []
    for i, day in enumerate(days):
        topic, kind, *translations = TOPICS[i % len(TOPICS)]
        sessions.append(
            courses.session_create(
                cohort=cohort,
                topic=topic,
                kind=kind,
                **_in_languages(*translations),
                date=day,
                start_time=datetime.time(9, 0),
                end_time=datetime.time(13, 0),
                by=coordinator,
            )
        )
    if len(past) > 3:  # one more, cancelled: it counts for nobody
        cancelled = courses.session_create(
            cohort=cohort,
            topic=GUEST_BAKER[0],
            **_in_languages(*GUEST_BAKER[1:]),
            date=past[3],
            start_time=datetime.time(14, 0),
            end_time=datetime.time(16, 0),
            by=coordinator,
        )
        courses.session_cancel(session=cancelled, reason="The guest baker fell ill.", by=trainer)

    enrolments = list(
        cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN)
        .select_related("learner")
        .order_by("enrolled_on", "learner__username")
    )
    others = [e for e in enrolments if e.pk != enrolment.pk]
    patterns = {enrolment.pk: "well_above"}
    for i, other in enumerate(others):
        patterns[other.pk] = PATTERNS[1 + i % (len(PATTERNS) - 1)]

    held = [s for s in sessions if s.date < today]
    by_enrolment = {}
    for e in enrolments:
        own_held = [s for s in held if s.date >= e.enrolled_on]
        own_whole = [s for s in sessions if s.date >= e.enrolled_on]
        by_enrolment[e.pk] = dict(
            zip(
                [s.pk for s in own_held],
                _statuses(patterns[e.pk], len(own_held), len(own_whole)),
                strict=True,
            )
        )
    for session in held:
        entries = [
            RollCallEntry(e.pk, by_enrolment[e.pk][session.pk])
            for e in enrolments
            if session.pk in by_enrolment[e.pk]
        ]
        attendance.roll_call_save(session=session, entries=entries, by=trainer, today=today)

    # A record corrected afterwards, so that the history has something to show.
    excused = next((e for e in others if patterns[e.pk] == "excused"), None)
    if excused is not None and len(held) >= 3 and held[2].pk in by_enrolment[excused.pk]:
        attendance.roll_call_save(
            session=held[2],
            entries=[RollCallEntry(excused.pk, "excused", "Doctor's note brought later", 1)],
            by=coordinator,
            today=today,
        )
    attendance.attendance_risks_refresh(cohort=cohort, as_of=today)
    stdout.write(
        f"Attendance demo: {len(sessions)} sessions for {cohort} ({len(held)} held, "
        f"{len(days) - len(held)} to come), roll calls for {len(enrolments)} learners.\n"
    )
