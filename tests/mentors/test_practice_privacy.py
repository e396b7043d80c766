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
