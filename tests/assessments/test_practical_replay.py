"""A practical record kept on the phone without a signal and sent later (docs/offline.md): the
same checks and messages as online; sent twice, one effect."""

import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Attempt, Evidence
from tests import factories
from tests.assessments.practical import bread_template, recorded
from tests.assessments.test_practical_views import marks_post

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):
    template = bread_template(world.course)
    return recorded(world.enrolment_a, template, world.trainer_x, [None] * 3, submit=False)


def send(client, attempt, data, key):
    return client.post(
        f"/assessments/attempts/{attempt.pk}/record/", data, HTTP_IDEMPOTENCY_KEY=key
    )


def test_a_draft_with_a_photo_sent_twice_is_saved_once(client, world, draft):
    client.force_login(world.trainer_x)
    key = str(uuid.uuid4())
    for expected_repeat in (False, True):
        photo = SimpleUploadedFile("bake.jpg", factories.png_bytes(), content_type="image/png")
        data = marks_post(draft, [True, None, None], photo=photo, save="1")
        answer = send(client, draft, data, key).json()
        assert answer == {
            "outcome": "done",
            "message": "The draft is saved.",
            "repeated": expected_repeat,
        }
    assert Evidence.objects.filter(attempt=draft).count() == 1


def test_a_file_that_is_not_a_photo_is_refused_with_the_online_message(client, world, draft):
    client.force_login(world.trainer_x)
    fake = SimpleUploadedFile("bake.png", b"GIF89a\x01\x00\x01\x00", content_type="image/png")
    response = send(client, draft, marks_post(draft, [True, None, None], photo=fake, save="1"), "k")
    assert response.status_code == 422
    assert "is not a JPEG or PNG photo or a PDF" in response.json()["message"]
    assert not Evidence.objects.exists()


def test_submitted_when_sent(client, world, draft):
    client.force_login(world.trainer_x)
    data = marks_post(draft, [True, True, True], submit="1")
    answer = send(client, draft, data, str(uuid.uuid4())).json()
    assert answer["message"] == "Submitted. A second person will now review it."
    draft.refresh_from_db()
    assert draft.status == Attempt.Status.SUBMITTED


def test_only_the_assessor_may_send_it(client, world, draft):
    client.force_login(world.coordinator_x)
    data = marks_post(draft, [True, None, None], save="1")
    response = send(client, draft, data, str(uuid.uuid4()))
    assert response.status_code == 422
    assert response.json()["message"] == "Not sent: this attempt can no longer be changed."
