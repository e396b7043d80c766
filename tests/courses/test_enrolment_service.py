"""Enrolment rules through the one door every caller uses: `courses.services`."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from courses.models import Enrolment
from courses.services import (
    MSG_ALREADY_ENROLLED,
    MSG_COHORT_FULL,
    MSG_WITHDRAW_REASON,
    MSG_WITHDRAWN_BEFORE_ENROLMENT,
    MSG_WITHDRAWN_IN_FUTURE,
    enrolment_create,
    enrolment_withdraw,
)
from lms.formats import medium_date
from tests import factories


def test_enrolment_is_created_and_audited(world):
    learner = factories.LearnerFactory()
    enrolment = enrolment_create(learner=learner, cohort=world.cohort_x, by=world.coordinator_x)
    assert enrolment.status == Enrolment.Status.ACTIVE
    entry = ModelLogEntry.objects.get(
        action="courses.enrolment.create", object_id=str(enrolment.pk)
    )
    assert entry.user_id == world.coordinator_x.pk


def test_duplicate_enrolment_is_refused(world):
    with pytest.raises(ValidationError) as excinfo:
        enrolment_create(learner=world.learner_a, cohort=world.cohort_x)
    assert excinfo.value.message == MSG_ALREADY_ENROLLED
    assert Enrolment.objects.filter(learner=world.learner_a, cohort=world.cohort_x).count() == 1


def test_same_learner_may_join_another_cohort(world):
    enrolment_create(learner=world.learner_a, cohort=world.cohort_y)
    assert world.learner_a.enrolments.count() == 2


def test_full_cohort_refuses_one_more(world):
    cohort = factories.CohortFactory(capacity=2)
    enrolment_create(learner=factories.LearnerFactory(), cohort=cohort)
    enrolment_create(learner=factories.LearnerFactory(), cohort=cohort)
    with pytest.raises(ValidationError) as excinfo:
        enrolment_create(learner=factories.LearnerFactory(), cohort=cohort)
    assert excinfo.value.message == MSG_COHORT_FULL
    assert cohort.enrolments.count() == 2


def test_withdrawal_needs_a_reason(world):
    with pytest.raises(ValidationError) as excinfo:
        enrolment_withdraw(enrolment=world.enrolment_a, reason="   ")
    assert excinfo.value.message_dict["withdrawal_reason"] == [str(MSG_WITHDRAW_REASON)]
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.ACTIVE


def test_withdrawal_keeps_date_reason_and_audit(world):
    on = world.enrolment_a.enrolled_on + datetime.timedelta(days=3)
    enrolment_withdraw(
        enrolment=world.enrolment_a, reason="Found a job", on=on, by=world.coordinator_x
    )
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.status == Enrolment.Status.WITHDRAWN
    assert world.enrolment_a.withdrawn_on == on
    assert world.enrolment_a.withdrawal_reason == "Found a job"
    assert ModelLogEntry.objects.filter(
        action="courses.enrolment.withdraw", object_id=str(world.enrolment_a.pk)
    ).exists()


def test_withdrawal_dated_before_the_enrolment_or_ahead_is_refused(world):
    enrolled_on = world.enrolment_a.enrolled_on
    before = str(MSG_WITHDRAWN_BEFORE_ENROLMENT) % {"date": medium_date(enrolled_on)}
    for on, message in [
        (datetime.date(2000, 1, 1), before),
        (enrolled_on - datetime.timedelta(days=1), before),
        (timezone.localdate() + datetime.timedelta(days=1), str(MSG_WITHDRAWN_IN_FUTURE)),
    ]:
        with pytest.raises(ValidationError) as excinfo:
            enrolment_withdraw(enrolment=world.enrolment_a, reason="Found a job", on=on)
        assert excinfo.value.message_dict == {"withdrawn_on": [message]}
        world.enrolment_a.refresh_from_db()
        assert world.enrolment_a.status == Enrolment.Status.ACTIVE
        assert world.enrolment_a.withdrawn_on is None
    assert not ModelLogEntry.objects.filter(action="courses.enrolment.withdraw").exists()
    enrolment_withdraw(enrolment=world.enrolment_a, reason="Found a job", on=enrolled_on)
    world.enrolment_a.refresh_from_db()
    assert world.enrolment_a.withdrawn_on == enrolled_on


def test_withdrawal_frees_a_place(world):
    cohort = factories.CohortFactory(capacity=1)
    first = enrolment_create(learner=factories.LearnerFactory(), cohort=cohort)
    newcomer = factories.LearnerFactory()
    with pytest.raises(ValidationError):
        enrolment_create(learner=newcomer, cohort=cohort)
    enrolment_withdraw(enrolment=first, reason="Moved away")
    enrolment_create(learner=newcomer, cohort=cohort)
    assert cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).get().learner == newcomer


def test_withdrawn_learner_cannot_be_enrolled_twice_in_the_same_cohort(world):
    enrolment_withdraw(enrolment=world.enrolment_a, reason="Moved away")
    with pytest.raises(ValidationError):
        enrolment_create(learner=world.learner_a, cohort=world.cohort_x)
