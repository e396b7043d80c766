"""Cancelling a session asks first, naming the session and what cancelling does (issue 18,
item 6), and is offered apart from the roll call's buttons."""

import pytest
from django.utils import timezone
from wagtail.models import ModelLogEntry

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(world):
    return factories.SessionFactory(
        cohort=world.cohort_x, topic="Shaping loaves", date=timezone.localdate()
    )


def cancel_url(session):
    return f"/learning/staff/sessions/{session.pk}/cancel/"


def test_the_question_names_the_session_and_the_consequence(client, world, session):
    client.force_login(world.trainer_x)
    response = client.get(cancel_url(session))
    assert response.status_code == 200
    page = response.text
    assert "Cancel “Shaping loaves” on" in page
    assert "it counts for nobody's attendance, and no roll call can be taken for it" in page
    assert "a roll call already taken for it is kept, but no longer counts" in page
    assert "Yes, cancel this session" in page
    assert "No, keep it" in page
    session.refresh_from_db()
    assert not session.cancelled  # asking changes nothing


def test_nothing_is_cancelled_without_the_reason_that_confirms(client, world, session):
    client.force_login(world.trainer_x)
    response = client.post(cancel_url(session), {"reason": "  "})
    assert response.status_code == 200
    assert "This field is required." in response.text
    session.refresh_from_db()
    assert not session.cancelled


def test_confirming_cancels_through_the_service(client, world, session):
    client.force_login(world.trainer_x)
    response = client.post(cancel_url(session), {"reason": "Oven broken"}, follow=True)
    assert "The session is cancelled." in response.text
    session.refresh_from_db()
    assert (session.cancelled, session.cancellation_reason) == (True, "Oven broken")
    # The service wrote its audit entry.
    assert ModelLogEntry.objects.filter(action="courses.session.cancel").exists()


def test_cancel_is_no_longer_beside_take_the_roll_call(client, world, session):
    client.force_login(world.trainer_x)
    page = client.get(f"/learning/staff/cohorts/{world.cohort_x.pk}/").text
    assert "Take the roll call" in page
    assert cancel_url(session) not in page
    # It is on the session's edit page, in a section of its own after the form.
    edit = client.get(f"/learning/staff/sessions/{session.pk}/edit/").text
    assert edit.index(cancel_url(session)) > edit.index("</form>")
    assert "The session will not take place?" in edit
