"""Odd text in the volunteer's motivation and the decline reason: saved or explained, never a
500, nothing half-written."""

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mentors.models import VolunteerRequest
from tests import factories
from tests.mentors.conftest import certify

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD_TEXT = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.text(min_size=1001, max_size=1200),
    st.sampled_from(["María José", "Zoë\u200f", "李小龍", "   ", "a\x00b", "=1+1"]),
)


@FAST
@given(text=ODD_TEXT)
def test_volunteering_saves_or_explains(client, world, text):
    VolunteerRequest.objects.filter(person=world.learner_a).delete()
    cohort = factories.CohortFactory(course=world.course)
    certify(world.learner_a, cohort=cohort, on=timezone.localdate())
    client.force_login(world.learner_a)
    response = client.post("/mentors/volunteer/", {"motivation": text})
    assert response.status_code in (200, 302)
    saved = VolunteerRequest.objects.filter(person=world.learner_a).first()
    if response.status_code == 200:
        assert saved is None
        assert "invalid-feedback" in response.content.decode()
    else:
        assert saved.motivation == text.strip()


@FAST
@given(text=ODD_TEXT)
def test_declining_saves_or_explains(client, world, training, text):
    request, _created = VolunteerRequest.objects.update_or_create(
        person=world.learner_a,
        defaults={"motivation": "Help", "status": "pending", "decline_reason": ""},
    )
    VolunteerRequest.objects.filter(pk=request.pk).update(decided_at=None)
    client.force_login(world.coordinator_x)
    response = client.post(
        f"/mentors/requests/{request.pk}/", {"action": "decline", "reason": text}
    )
    assert response.status_code in (200, 302)
    request.refresh_from_db()
    if response.status_code == 200:
        assert request.status == VolunteerRequest.Status.PENDING
    else:
        assert request.decline_reason == text.strip()
