"""Whom a coordinator may enrol, decided in the enrolment service whatever the path (the admin's
form, the CSV import, a command): never themselves, never a member of staff; administrators and
the system enrol anyone."""

import pytest
from django.core.exceptions import ValidationError

from courses import rules, services
from courses.models import Enrolment
from courses.rules import EnrolRefusal


@pytest.mark.parametrize(
    ("by_id", "by_is_admin", "learner_id", "learner_is_staff", "expected"),
    [
        (None, False, 7, True, None),  # the system (migrate, the demo)
        (1, True, 1, True, None),  # an administrator, even enrolling themselves
        (1, False, 1, True, EnrolRefusal.SELF),
        (1, False, 1, False, EnrolRefusal.SELF),
        (1, False, 7, True, EnrolRefusal.STAFF_ACCOUNT),
        (1, False, 7, False, None),
    ],
)
def test_enrol_refusal(by_id, by_is_admin, learner_id, learner_is_staff, expected):
    refusal = rules.enrol_refusal(
        by_id=by_id,
        by_is_admin=by_is_admin,
        learner_id=learner_id,
        learner_is_staff=learner_is_staff,
    )
    assert refusal is expected


def test_a_coordinator_cannot_enrol_themselves(world):
    with pytest.raises(ValidationError) as refused:
        services.enrolment_create(
            learner=world.coordinator_x, cohort=world.cohort_x, by=world.coordinator_x
        )
    assert refused.value.messages == [str(services.MSG_ENROL_REFUSED[EnrolRefusal.SELF])]
    assert not Enrolment.objects.filter(learner=world.coordinator_x).exists()


def test_a_coordinator_cannot_enrol_a_member_of_staff(world):
    message = str(services.MSG_ENROL_REFUSED[EnrolRefusal.STAFF_ACCOUNT])
    for staff in (world.trainer_y, world.superuser):
        with pytest.raises(ValidationError) as refused:
            services.enrolment_create(learner=staff, cohort=world.cohort_x, by=world.coordinator_x)
        assert refused.value.messages == [message]
    assert not Enrolment.objects.filter(cohort=world.cohort_x, learner__is_staff=True).exists()


def test_an_administrator_can_enrol_a_member_of_staff(world):
    enrolment = services.enrolment_create(
        learner=world.trainer_y, cohort=world.cohort_x, by=world.superuser
    )
    assert enrolment.learner == world.trainer_y
