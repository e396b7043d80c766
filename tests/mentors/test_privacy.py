"""Requests to train as a mentor and mentoring in "My data" and in the erasure."""

import io
import json
import zipfile

import pytest
from django.utils import timezone

from mentors.models import Assignment, VolunteerRequest
from privacy.sections import WITHHELD

pytestmark = pytest.mark.django_db


def test_my_data_holds_my_request_and_my_mentor_and_erasure_withholds_and_ends(
    client, world, mentor
):
    from privacy.services import person_erase

    VolunteerRequest.objects.create(person=world.learner_a, motivation="I want to help others.")
    Assignment.objects.create(
        mentor=mentor,
        mentee=world.learner_a,
        enrolment=world.enrolment_a,
        started_on=timezone.localdate(),
    )
    client.force_login(world.learner_a)
    archive = zipfile.ZipFile(io.BytesIO(client.post("/my-data/").getvalue()))
    data = json.loads(archive.read("data.json"))
    assert data["mentor_training_requests"][0]["motivation"] == "I want to help others."
    assert data["mentoring"]["my_mentors"][0]["mentor"] == mentor.display_name
    # The mentor's own download shows dates of mentoring, never the mentee's name.
    client.force_login(mentor)
    text = zipfile.ZipFile(io.BytesIO(client.post("/my-data/").getvalue())).read("data.json")
    assert len(json.loads(text)["mentoring"]["mentoring_i_gave"]) == 1
    assert world.learner_a.display_name not in text.decode()

    person_erase(user=world.learner_a, by=world.superuser)
    request = VolunteerRequest.objects.get(person=world.learner_a)
    assert request.motivation == WITHHELD
    assert Assignment.objects.get(mentee=world.learner_a).ended_on == timezone.localdate()
