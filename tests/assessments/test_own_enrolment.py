"""Nobody acts as staff on their own enrolment (issue 17, self-certification): a coordinator
enrolled in their own cohort cannot mark themselves present, start an attempt on themselves,
review it, or certify themselves, through the pages or the services."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from assessments.attendance.services import RollCallEntry, roll_call_save
from assessments.models import Attempt, AttendanceRecord, Review
from assessments.practical import services
from certificates.models import Certificate
from certificates.services import certificate_issue
from tests import factories
from tests.assessments.practical import bread_template, recorded

pytestmark = pytest.mark.django_db

REFUSED = "You are enrolled as a learner here"


@pytest.fixture
def own(world):
    """Coordinator X, enrolled as a learner in the cohort they coordinate."""
    return factories.EnrolmentFactory(learner=world.coordinator_x, cohort=world.cohort_x)


def test_a_coordinator_cannot_take_their_own_roll_call_entry(client, world, own):
    session = factories.SessionFactory(cohort=world.cohort_x, date=timezone.localdate())
    with pytest.raises(ValidationError, match=REFUSED):
        roll_call_save(session=session, entries=[RollCallEntry(own.pk, "present")], by=own.learner)

    client.force_login(world.coordinator_x)
    page = client.get(f"/attendance/sessions/{session.pk}/roll-call/").text
    assert f'id="row-{own.pk}" disabled' in page
    assert f'id="row-{world.enrolment_a.pk}" disabled' not in page
    assert "Your own attendance: another trainer or coordinator records it." in page
    response = client.post(
        f"/attendance/sessions/{session.pk}/roll-call/",
        {
            f"status-{own.pk}": "present",
            f"version-{own.pk}": "0",
            f"status-{world.enrolment_a.pk}": "present",
            f"version-{world.enrolment_a.pk}": "0",
        },
    )
    assert response.status_code == 200
    assert REFUSED in response.text
    assert not AttendanceRecord.objects.filter(session=session).exists()  # all or nothing

    # Someone else records it; the coordinator's own roll call then saves the others, their own
    # row shown as it stands.
    roll_call_save(session=session, entries=[RollCallEntry(own.pk, "late")], by=world.trainer_x)
    outcome = roll_call_save(
        session=session,
        entries=[
            RollCallEntry(own.pk, "late", "", 1),
            RollCallEntry(world.enrolment_a.pk, "absent"),
        ],
        by=world.coordinator_x,
    )
    assert (outcome.created, outcome.changed, outcome.unchanged) == (1, 0, 1)


def test_a_coordinator_cannot_start_an_attempt_on_themselves(client, world, own):
    template = bread_template(world.course)
    with pytest.raises(ValidationError, match=REFUSED):
        services.attempt_start(enrolment=own, template=template, assessor=world.coordinator_x)

    client.force_login(world.coordinator_x)
    response = client.post(f"/assessments/start/{own.pk}/{template.pk}/", follow=True)
    assert REFUSED in response.text
    assert not Attempt.objects.filter(enrolment=own).exists()


def test_a_coordinator_cannot_review_their_own_attempt(client, world, own):
    template = bread_template(world.course)
    attempt = recorded(own, template, world.trainer_x, [True, True, True])
    with pytest.raises(ValidationError, match=REFUSED):
        services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x)
    with pytest.raises(ValidationError, match=REFUSED):
        services.attempt_return(attempt=attempt, reviewer=world.coordinator_x, reason="Again")

    client.force_login(world.coordinator_x)
    response = client.post(f"/assessments/attempts/{attempt.pk}/", {"confirm": "1"})
    assert REFUSED in response.text
    assert not Review.objects.filter(attempt=attempt).exists()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED


def test_a_coordinator_cannot_certify_themselves(client, world, own):
    with pytest.raises(ValidationError, match=REFUSED):
        certificate_issue(enrolment=own, by=world.coordinator_x)

    client.force_login(world.coordinator_x)
    response = client.post(
        f"/certificates/cohorts/{world.cohort_x.pk}/", {"enrolment": [own.pk]}, follow=True
    )
    assert REFUSED in response.text
    assert not Certificate.objects.filter(enrolment=own).exists()
