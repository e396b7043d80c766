"""Mentoring in practice in "My data": a mentee's export holds what they share and the meetings
as they see them (never the mentor's note); erasing a mentee keeps the meetings and their
length (the mentoring hours) and withholds the words written about them."""

import io
import json
import zipfile

import pytest
from django.utils import timezone

from mentors import practice_services
from mentors.models import Meeting, SharingConsent, Supervision
from privacy.sections import WITHHELD
from privacy.services import person_erase, person_export

pytestmark = pytest.mark.django_db


def exported(user) -> dict:
    with zipfile.ZipFile(io.BytesIO(person_export(user=user))) as archive:
        return json.loads(archive.read("data.json"))["mentoring_meetings"]


@pytest.fixture
def logged(world, mentored):
    practice_services.consent_set(
        mentee=world.learner_a,
        by=world.learner_a,
        course_progress=True,
        attendance=False,
        next_session=True,
    )
    return practice_services.meeting_log(
        assignment=mentored,
        by=mentored.mentor,
        met_on=timezone.localdate(),
        minutes=45,
        next_step="Bring the payslip",
        private_note="Worried about money",
    )


def test_the_mentee_and_the_mentor_export_their_own_side(world, mentored, logged):
    mine = exported(world.learner_a)
    assert mine["what_my_mentor_sees"]["course_progress"] is True
    assert mine["meetings_with_my_mentor"] == [
        {"date": timezone.localdate().isoformat(), "next_step": "Bring the payslip"}
    ]
    assert "Worried" not in json.dumps(mine)
    theirs = exported(mentored.mentor)
    assert theirs["meetings_i_logged"][0]["minutes"] == 45
    assert world.learner_a.display_name not in json.dumps(theirs)
    assert "Worried" not in json.dumps(theirs)


def test_erasing_the_mentee_keeps_the_hours_and_withholds_the_words(world, mentored, logged):
    Supervision.objects.create(
        mentor=mentored.mentor,
        supervisor=world.coordinator_x,
        held_on=timezone.localdate(),
        notes="Fine.",
    )
    person_erase(user=world.learner_a, by=world.superuser)
    meeting = Meeting.objects.get()
    assert meeting.minutes == 45
    assert meeting.private_note == WITHHELD
    assert meeting.next_step == WITHHELD
    assert not SharingConsent.objects.exists()
    assert Supervision.objects.get().notes == "Fine."  # the mentor's, not erased


def test_erasing_the_mentee_removes_the_alerts_about_them_from_coordinators_inboxes(
    world, mentored, other_mentor, logged
):
    from lms.models import Notification

    Meeting.objects.filter(pk=logged.pk).update(needs_attention=True)
    # Learner A's flagged meeting, and learner B (mentor N) with no contact for 60 days.
    assert practice_services.alerts_send() == 2
    practice_services.meeting_deal_with(
        meeting=logged, by=world.coordinator_x, note="Talked it through"
    )
    about_a = Notification.objects.filter(params__mentee_id=world.learner_a.pk)
    about_b = Notification.objects.filter(params__mentee_id=world.learner_b.pk)
    assert about_a.count() == 1
    assert about_b.count() == 1
    person_erase(user=world.learner_a, by=world.superuser)
    assert not about_a.exists()
    assert about_b.count() == 1  # about someone else: kept
    assert Meeting.objects.get(pk=logged.pk).dealt_with_note == WITHHELD


def test_erasing_a_mentor_removes_the_alerts_about_them(world, mentored):
    from lms.models import Notification

    practice_services.alerts_send()  # learner A has had no contact for 60 days
    assert Notification.objects.filter(params__mentor_id=mentored.mentor_id).count() == 1
    person_erase(user=mentored.mentor, by=world.superuser)
    assert not Notification.objects.filter(kind="mentoring_alert").exists()


def test_alerts_sent_before_lose_the_names_they_stored(world, mentored):
    """The data migration: notifications stored with the names (before this change) keep
    their kind, day and figures, and lose the names."""
    import importlib

    from django.apps import apps

    from lms.models import Notification

    old = Notification.objects.create(
        recipient=world.coordinator_x,
        kind="mentoring_alert",
        params={
            "alert": "no_contact",
            "mentor": mentored.mentor.display_name,
            "mentee": world.learner_a.display_name,
            "since": "2026-10-01",
            "weeks": 3,
        },
    )
    migration = importlib.import_module("mentors.migrations.0003_meeting_dealt_with")
    migration.unname_alert_notifications(apps, None)
    old.refresh_from_db()
    assert old.params == {"alert": "no_contact", "since": "2026-10-01", "weeks": 3}
