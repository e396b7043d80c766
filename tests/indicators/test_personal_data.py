"""Follow-ups are personal data: in the person's download, and erased (the note) with them."""

import datetime
import io
import json
import zipfile

import pytest

from indicators.models import FollowUp
from privacy.sections import WITHHELD
from privacy.services import person_erase
from tests.indicators.conftest import ended_cohort

pytestmark = pytest.mark.django_db


@pytest.fixture
def follow_up(world):
    _cohort, (enrolment,) = ended_cohort(
        course=world.course,
        region=world.cohort_x.region,
        coordinator=world.coordinator_x,
        people=[("woman", 1990)],
        end_date=datetime.date(2025, 1, 31),
        name="Earlier group",
    )
    return FollowUp.objects.create(
        enrolment=enrolment,
        months=6,
        outcome="employed_in_trade",
        note="Works at the bakery on Via Roma",
        recorded_by=world.coordinator_x,
        recorded_at=datetime.datetime(2025, 8, 1, tzinfo=datetime.UTC),
    )


def test_the_download_holds_my_follow_ups(client, world, follow_up):
    client.force_login(follow_up.enrolment.learner)
    response = client.post("/my-data/")
    data = json.loads(zipfile.ZipFile(io.BytesIO(response.content)).read("data.json"))
    (entry,) = data["follow_ups"]
    assert entry["months_after_the_course"] == 6
    assert entry["outcome"] == "employed_in_trade"
    assert entry["note"] == "Works at the bakery on Via Roma"


def test_erasure_withholds_the_note_and_keeps_the_outcome(world, follow_up):
    person_erase(user=follow_up.enrolment.learner, by=world.superuser)
    follow_up.refresh_from_db()
    assert follow_up.note == WITHHELD
    assert (follow_up.months, follow_up.outcome) == (6, "employed_in_trade")
