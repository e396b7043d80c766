"""The coordinators' "Session reminders" page: their cohorts only, every status, "Send again"
for failed ones, a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from assessments.models import SessionReminder
from courses.models import Enrolment
from lms.models import Profile, User
from tests import factories

pytestmark = pytest.mark.django_db


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def test_the_coordinator_sees_the_statuses_of_their_cohorts_only(client, world):
    session_x = factories.SessionFactory(cohort=world.cohort_x, date=tomorrow(), topic="Ovens")
    session_y = factories.SessionFactory(cohort=world.cohort_y, date=tomorrow(), topic="Flour")
    failed = SessionReminder.objects.create(
        session=session_x, enrolment=world.enrolment_a, channel="sms", status="failed"
    )
    SessionReminder.objects.create(
        session=session_x,
        enrolment=world.enrolment_a,
        channel="email",
        status="sent",
        sent_at=timezone.now(),
    )
    SessionReminder.objects.create(
        session=session_y, enrolment=world.enrolment_b, channel="email", status="sent"
    )
    client.force_login(world.coordinator_x)
    page = client.get("/attendance/reminders/").content.decode()
    assert world.learner_a.display_name in page
    assert world.learner_b.display_name not in page
    assert "Flour" not in page
    assert "Failed" in page
    assert "Sent" in page
    assert "1 reminder failed." in page
    assert f'action="/attendance/reminders/{failed.pk}/retry/"' in page
    response = client.post(f"/attendance/reminders/{failed.pk}/retry/")
    assert response.status_code == 302
    failed.refresh_from_db()
    # Queued again: the task that sends it runs after the commit (tests/assessments/
    # test_reminders.py follows it to "sent").
    assert failed.status == "retry"


def test_learners_and_trainers_are_refused(client, world):
    for person in (world.learner_a, world.trainer_x):
        client.force_login(person)
        assert client.get("/attendance/reminders/").status_code == 403


def test_the_page_reads_in_spanish(client, world):
    session = factories.SessionFactory(cohort=world.cohort_x, date=tomorrow())
    SessionReminder.objects.create(
        session=session, enrolment=world.enrolment_a, channel="sms", status="failed"
    )
    Profile.objects.filter(user=world.coordinator_x).update(preferred_language="es")
    client.force_login(world.coordinator_x)
    page = client.get("/attendance/reminders/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "Recordatorios de sesiones" in page
    assert "Volver a enviar" in page
    assert "Mensaje de texto" in page


@pytest.mark.parametrize("learners", [2, 40])
def test_the_page_costs_a_fixed_number_of_queries(
    client, world, learners, django_assert_max_num_queries
):
    sessions = [
        factories.SessionFactory(
            cohort=world.cohort_x, date=tomorrow() - datetime.timedelta(days=d)
        )
        for d in range(3)
    ]
    users = User.objects.bulk_create(User(username=f"r{i}") for i in range(learners))
    Profile.objects.bulk_create(
        Profile(user=u, printed_name=f"Learner {i}") for i, u in enumerate(users)
    )
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(learner=u, cohort=world.cohort_x, enrolled_on=world.cohort_x.start_date)
        for u in users
    )
    SessionReminder.objects.bulk_create(
        SessionReminder(session=s, enrolment=e, channel="email", status="sent")
        for s in sessions
        for e in enrolments
    )
    client.force_login(world.coordinator_x)
    client.get("/attendance/reminders/")
    with django_assert_max_num_queries(12):
        response = client.get("/attendance/reminders/")
    assert response.content.decode().count('class="list-group-item') == 3 * learners
