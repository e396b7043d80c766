"""The trainer's "Today": what it shows, to whom, in how many queries."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from assessments.models import AttendanceRisk
from tests import factories
from tests.assessments.practical import bread_template, recorded
from workspace.today import rules

pytestmark = pytest.mark.django_db

TODAY_URL = reverse("workspace:today")


def day(offset: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=offset)


def page(client, user) -> str:
    client.force_login(user)
    response = client.get(TODAY_URL)
    assert response.status_code == 200
    return response.content.decode()


def test_the_week_ahead_with_today_tomorrow_and_readable_dates(client, world):
    today = factories.SessionFactory(cohort=world.cohort_x, topic="Shaping loaves", date=day(0))
    factories.SessionFactory(cohort=world.cohort_x, topic="Ovens", date=day(1))
    factories.SessionFactory(cohort=world.cohort_x, topic="Hygiene", date=day(3))
    factories.SessionFactory(cohort=world.cohort_x, topic="Far away", date=day(8))
    factories.SessionFactory(cohort=world.cohort_x, topic="Yesterday", date=day(-1))
    factories.SessionFactory(
        cohort=world.cohort_x,
        topic="Guest baker",
        date=day(2),
        cancelled=True,
        cancellation_reason="The guest fell ill.",
    )

    html = page(client, world.trainer_x)

    assert "Shaping loaves" in html
    assert f'href="{reverse("attendance:roll_call", args=[today.pk])}"' in html
    assert html.count("Take the roll call") == 1  # today's only: later ones are not due yet
    assert "Tomorrow" in html
    # Frozen on Wednesday 18 November 2026: three days on is Saturday the 21st.
    assert "Sat, 21 Nov 2026" in html
    assert "11/21/2026" not in html
    assert "Far away" not in html
    assert "Yesterday" not in html
    assert "Guest baker" in html
    assert "The guest fell ill." in html
    assert "Cancelled" in html


def test_a_taken_roll_call_says_so_with_its_counts(client, world):
    session = factories.SessionFactory(cohort=world.cohort_x, date=day(0))
    factories.AttendanceRecordFactory(
        session=session, enrolment=world.enrolment_a, status="present"
    )
    for status in ("present", "absent"):
        enrolment = factories.EnrolmentFactory(cohort=world.cohort_x)
        factories.AttendanceRecordFactory(session=session, enrolment=enrolment, status=status)

    html = page(client, world.trainer_x)

    assert "Roll call taken (2 present, 1 absent)" in html
    assert "Take the roll call" not in html
    assert f'href="{reverse("attendance:roll_call", args=[session.pk])}"' in html


@pytest.mark.parametrize(
    ("counts", "english", "spanish"),
    [
        (
            rules.RollCallCounts(present=12, absent=1),
            "12 present, 1 absent",
            "12 presentes, 1 ausente",
        ),
        (rules.RollCallCounts(present=1, late=2), "1 present, 2 late", "1 presente, 2 con retraso"),
        (rules.RollCallCounts(excused=1), "1 excused", "1 justificado"),
    ],
)
def test_roll_call_words_read_right_in_each_language(counts, english, spanish):
    assert rules.roll_call_words(counts) == english
    with translation.override("es"):
        assert rules.roll_call_words(counts) == spanish


def test_tomorrow_becomes_today_at_midnight(client, world):
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    session_day = datetime.date(2026, 11, 20)
    factories.SessionFactory(cohort=world.cohort_x, topic="Ovens", date=session_day)

    with time_machine.travel(datetime.datetime(2026, 11, 19, 23, 30, tzinfo=zone), tick=False):
        before = page(client, world.trainer_x)
    with time_machine.travel(datetime.datetime(2026, 11, 20, 0, 30, tzinfo=zone), tick=False):
        after = page(client, world.trainer_x)

    assert "Tomorrow" in before
    assert "Take the roll call" not in before
    assert "Tomorrow" not in after
    assert "Take the roll call" in after


def test_a_trainer_sees_only_the_cohorts_they_train(client, world):
    factories.SessionFactory(cohort=world.cohort_x, topic="Session of X", date=day(0))
    factories.SessionFactory(cohort=world.cohort_y, topic="Session of Y", date=day(0))

    mine, theirs = page(client, world.trainer_x), page(client, world.trainer_y)

    assert "Session of X" in mine
    assert "Session of Y" not in mine
    assert "Session of Y" in theirs
    assert "Session of X" not in theirs


def test_a_coordinator_who_trains_nothing_is_told_what_comes(client, world):
    factories.SessionFactory(cohort=world.cohort_x, topic="Session of X", date=day(0))

    html = page(client, world.coordinator_x)

    assert "Session of X" not in html
    assert "You train no cohort yet." in html


def test_learners_have_no_today(client, world):
    client.force_login(world.learner_a)

    assert client.get(TODAY_URL).status_code == 403


def test_empty_states_say_what_to_do(client, world):
    html = page(client, world.trainer_x)

    assert "No session today." in html
    assert "No session planned in the next 7 days." in html
    assert f'href="{reverse("courses:staff_cohorts")}"' in html
    assert "Nothing is waiting for you" in html
    assert "No learner became at risk in the last 7 days." in html


def test_practical_attempts_to_start_and_to_review(client, world):
    template = bread_template(world.course)
    second = factories.EnrolmentFactory(cohort=world.cohort_x)
    attempt = recorded(second, template, world.coordinator_x, [True, True, True])
    recorded(world.enrolment_b, template, world.coordinator_y, [True, True, True])

    html = page(client, world.trainer_x)

    assert f'href="{reverse("assessments:attempt", args=[attempt.pk])}"' in html
    assert html.count("Awaiting your review") == 1  # not cohort Y's attempt
    assert "1 learner can start a first attempt." in html


def test_newly_at_risk_learners_of_my_cohorts(client, world):
    now = timezone.now()
    old = factories.EnrolmentFactory(cohort=world.cohort_x)
    for enrolment, since in (
        (world.enrolment_a, now - datetime.timedelta(days=2)),
        (old, now - datetime.timedelta(days=10)),
        (world.enrolment_b, now - datetime.timedelta(days=1)),
    ):
        AttendanceRisk.objects.create(
            enrolment=enrolment,
            at_risk=True,
            best_reachable=Decimal("67.74"),
            threshold=90,
            changed_at=since,
        )

    html = page(client, world.trainer_x)

    assert str(world.enrolment_a.learner) in html
    assert "best reachable 67.74% of 90% needed" in html
    assert str(old.learner) not in html  # at risk for longer: not news
    assert str(world.enrolment_b.learner) not in html  # cohort Y


# --- Query budget -------------------------------------------------------------------------------

# Two for the sessions and their roll calls, four for the practical queue, one for the learners
# at risk; the rest for the session, permissions, the navigation's facts and the page's frame.
BUDGET = 16


def build(trainer, *, cohorts: int, learners: int) -> None:
    course = factories.make_course(title="Artisan Baking", max_assessment_attempts=3)
    template = bread_template(course)
    reviewer = factories.CoordinatorFactory()
    for _c in range(cohorts):
        cohort = factories.CohortFactory(course=course, trainers=[trainer], coordinators=[reviewer])
        sessions = [factories.SessionFactory(cohort=cohort, date=day(d)) for d in range(3)]
        for n in range(learners):
            enrolment = factories.EnrolmentFactory(cohort=cohort)
            factories.AttendanceRecordFactory(
                session=sessions[0], enrolment=enrolment, status="present" if n % 2 else "absent"
            )
            if n % 3 == 1:
                recorded(enrolment, template, reviewer, [True, True, True])
            AttendanceRisk.objects.create(
                enrolment=enrolment,
                at_risk=n % 2 == 0,
                best_reachable=Decimal("50"),
                threshold=90,
                changed_at=timezone.now(),
            )


@pytest.mark.parametrize(("cohorts", "learners"), [(1, 1), (4, 8)])
def test_today_query_budget(client, django_assert_max_num_queries, cohorts, learners):
    trainer = factories.TrainerFactory(username="budget_trainer")
    build(trainer, cohorts=cohorts, learners=learners)
    client.force_login(trainer)
    client.get("/")

    with django_assert_max_num_queries(BUDGET):
        response = client.get(TODAY_URL)

    assert response.status_code == 200
    assert response.content.decode().count("Roll call taken") == cohorts
