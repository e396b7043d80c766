"""The daily mentoring alerts: found, told to the mentee's coordinators once per condition
(not every day), listed on the coordinator's page; supervision and the register's filter;
the query budgets of "My mentees" and the alert task at 5 and 500 mentees."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from courses.models import Enrolment
from lms.models import Notification, User
from lms.notifications import items as notification_items
from mentors import practice_services, selectors
from mentors.models import Assignment, Meeting, MentoringAlert, MentoringSettings, SharingConsent
from mentors.selectors import alerts as alert_selectors
from mentors.tasks import mentoring_alerts_task
from tests import factories

pytestmark = pytest.mark.django_db


def kinds(found):
    return sorted((a.kind, a.mentee.username if a.mentee else a.mentor.username) for a in found)


def test_no_contact_follows_the_organisations_setting(world, mentored):
    # Paired 60 days ago, nothing logged: overdue at 3 weeks (the default) and at 8, not at 9.
    assert kinds(alert_selectors.alerts()) == [("no_contact", "learner_a")]
    settings = MentoringSettings.load()
    settings.no_contact_weeks = 9
    settings.save()
    assert alert_selectors.alerts() == []
    settings.no_contact_weeks = 3
    settings.save()
    practice_services.meeting_log(
        assignment=mentored,
        by=mentored.mentor,
        met_on=timezone.localdate() - datetime.timedelta(days=21),
    )
    assert alert_selectors.alerts() == []


def test_each_condition_is_told_once_and_a_new_condition_again(client, world, mentored):
    assert practice_services.alerts_send() == 1
    assert practice_services.alerts_send() == 0
    assert mentoring_alerts_task.enqueue().return_value == 0
    told = Notification.objects.get(recipient=world.coordinator_x, kind="mentoring_alert")
    # The stored words name nobody (erasure finds it by the ids it keeps); the link leads to
    # the alerts, which name the people to whoever may see them.
    assert told.params["mentee_id"] == world.learner_a.pk
    assert told.params["mentor_id"] == mentored.mentor_id
    stored = json.dumps(told.params)
    for person in (world.learner_a, mentored.mentor):
        assert person.display_name not in stored
        assert person.last_name not in stored
    assert not Notification.objects.filter(recipient=world.coordinator_y).exists()
    client.force_login(world.coordinator_x)
    listed = client.get("/notifications/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "no tiene ningún contacto registrado con su mentor" in listed
    assert notification_items([told])[0].link == "/mentors/mentees/#alerts-title"
    assert world.learner_a.display_name not in listed
    # Contact resumes, then lapses again: a new condition, told again.
    meeting = practice_services.meeting_log(
        assignment=mentored,
        by=mentored.mentor,
        met_on=timezone.localdate() - datetime.timedelta(days=30),
    )
    assert practice_services.alerts_send() == 1
    assert MentoringAlert.objects.filter(kind="no_contact").count() == 2
    Meeting.objects.filter(pk=meeting.pk).update(needs_attention=True, met_on=timezone.localdate())
    assert practice_services.alerts_send() == 1  # the flagged meeting
    assert practice_services.alerts_send() == 0
    assert Notification.objects.filter(recipient=world.coordinator_x).count() == 3


def test_mentors_lapsed_or_over_capacity_with_mentees(world, training, mentored):
    from tests.mentors.conftest import make_mentor

    lapsed = make_mentor(
        "lapsed_l",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=800),
        max_mentees=1,
    )
    for _n in range(2):
        enrolment = factories.EnrolmentFactory(cohort=world.cohort_x)
        Assignment.objects.create(
            mentor=lapsed,
            mentee=enrolment.learner,
            enrolment=enrolment,
            started_on=timezone.localdate(),
        )
    found = [a for a in alert_selectors.alerts() if a.mentor == lapsed]
    assert sorted(a.kind for a in found) == ["lapsed", "over_capacity"]
    assert all(a.coordinator_ids == {world.coordinator_x.pk} for a in found)


def test_a_flagged_entry_is_told_to_the_coordinators_when_it_is_saved(
    world, mentored, django_capture_on_commit_callbacks
):
    """The mentor reads "the coordinators are told": they are, once the entry is saved, not at
    the next daily run; and that run does not tell them again."""
    practice_services.meeting_log(
        assignment=mentored, by=mentored.mentor, met_on=timezone.localdate()
    )
    assert not Notification.objects.filter(recipient=world.coordinator_x).exists()
    with django_capture_on_commit_callbacks(execute=True):
        practice_services.meeting_log(
            assignment=mentored,
            by=mentored.mentor,
            met_on=timezone.localdate(),
            needs_attention=True,
        )
    told = Notification.objects.filter(recipient=world.coordinator_x, kind="mentoring_alert")
    assert [n.params["alert"] for n in told] == ["flagged"]
    assert practice_services.alerts_send() == 0
    assert told.count() == 1


def test_the_coordinators_page_lists_the_alerts_in_their_scope_only(client, world, mentored):
    practice_services.meeting_log(
        assignment=mentored,
        by=mentored.mentor,
        met_on=timezone.localdate(),
        private_note="Rent worries",
        needs_attention=True,
    )
    client.force_login(world.coordinator_x)
    page = client.get("/mentors/mentees/").content.decode()
    assert 'data-alert="flagged"' in page
    assert "Rent worries" in page
    client.force_login(world.coordinator_y)
    page = client.get("/mentors/mentees/").content.decode()
    assert 'data-alert="flagged"' not in page
    assert "Rent worries" not in page


def test_supervision_is_recorded_by_a_coordinator_and_shown_on_the_register(client, world, mentor):
    client.force_login(world.coordinator_x)
    assert "?supervision=overdue" in client.get("/mentors/register/").content.decode()
    overdue = client.get("/mentors/register/?supervision=overdue").content.decode()
    assert mentor.display_name in overdue
    response = client.post(
        f"/mentors/register/{mentor.pk}/supervision/",
        {
            "held_on": timezone.localdate().isoformat(),
            "notes": "Went well.",
            "follow_up": "Meet in May",
        },
    )
    assert response.status_code == 302
    assert (
        mentor.display_name
        not in client.get("/mentors/register/?supervision=overdue").content.decode()
    )
    row = selectors.mentor_visible(user=world.coordinator_x, mentor_id=mentor.pk)
    assert row.last_supervised == timezone.localdate()
    assert row.supervised_recently
    # Empty notes or a future day: a message, nothing recorded.
    response = client.post(
        f"/mentors/register/{mentor.pk}/supervision/",
        {"held_on": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(), "notes": ""},
    )
    assert response.status_code == 200
    assert mentor.supervisions.count() == 1
    client.force_login(world.coordinator_y)
    assert client.get(f"/mentors/register/{mentor.pk}/supervision/").status_code == 404


def many_mentees(mentor, cohorts, n):
    """n mentees of `mentor` spread over `cohorts`, each sharing something different, with two
    meetings each (one flagged), made in bulk."""
    users = User.objects.bulk_create(
        [User(username=f"mentee{n}_{i}", password="!") for i in range(n)]
    )
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(learner=u, cohort=cohorts[i % len(cohorts)], enrolled_on=timezone.localdate())
            for i, u in enumerate(users)
        ]
    )
    assignments = Assignment.objects.bulk_create(
        [
            Assignment(
                mentor=mentor,
                mentee=e.learner,
                enrolment=e,
                started_on=timezone.localdate() - datetime.timedelta(days=60),
            )
            for e in enrolments
        ]
    )
    SharingConsent.objects.bulk_create(
        [
            SharingConsent(
                mentee=u, course_progress=i % 2 == 0, attendance=i % 3 == 0, next_session=True
            )
            for i, u in enumerate(users)
        ]
    )
    Meeting.objects.bulk_create(
        [
            Meeting(
                assignment=a,
                author=mentor,
                met_on=timezone.localdate() - datetime.timedelta(days=days),
                needs_attention=days == 2,
            )
            for a in assignments
            for days in (2, 30)
        ]
    )


def count_queries(call) -> int:
    """Queries run, a bulk insert counted once: SQLite splits one into batches by its limit
    of variables per statement (PostgreSQL does not)."""
    with CaptureQueriesContext(connection) as captured:
        call()
    inserts = {
        q["sql"].split("(")[0] for q in captured.captured_queries if q["sql"].startswith("INSERT")
    }
    others = [q for q in captured.captured_queries if not q["sql"].startswith("INSERT")]
    return len(others) + len(inserts)


@pytest.mark.parametrize("page", ["my_mentees", "alerts"])
def test_my_mentees_and_the_alert_task_cost_the_same_at_5_and_500_mentees(world, training, page):
    from tests.mentors.conftest import make_mentor

    cohorts = [world.cohort_x, world.cohort_y, factories.CohortFactory(course=world.course)]
    for cohort in cohorts:
        factories.SessionFactory(
            cohort=cohort, date=timezone.localdate() - datetime.timedelta(days=1)
        )
        factories.SessionFactory(
            cohort=cohort, date=timezone.localdate() + datetime.timedelta(days=1)
        )
    MentoringSettings.load()  # made on first use
    counts = []
    for n in (5, 500):
        mentor = make_mentor(
            f"many{n}", training=training, region=world.cohort_x.region, on=timezone.localdate()
        )
        many_mentees(mentor, cohorts, n)
        if page == "my_mentees":
            counts.append(count_queries(lambda m=mentor: selectors.my_mentees_page(mentor=m)))
            assert len(selectors.my_mentees_page(mentor=mentor).cards) == n
        else:
            MentoringAlert.objects.all().delete()
            counts.append(count_queries(practice_services.alerts_send))
    assert counts[0] == counts[1], counts
    assert counts[0] <= 16
