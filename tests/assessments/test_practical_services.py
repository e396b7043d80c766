"""Attempts, reviews and evidence through the services, as views and the demo use them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from assessments.models import Attempt, Review
from assessments.practical import services
from lms.formats import medium_date
from tests import factories
from tests.assessments.practical import actions, bread_template, confirmed, recorded


@pytest.fixture
def bread(world):
    return bread_template(world.course)


def test_submit_computes_the_outcome_from_the_criteria(world, bread):
    passing = recorded(world.enrolment_a, bread, world.trainer_x, [True, True, False])
    assert passing.status == Attempt.Status.SUBMITTED
    assert passing.outcome == Attempt.Outcome.PASS
    services.attempt_confirm(attempt=passing, reviewer=world.coordinator_x)
    other = factories.EnrolmentFactory(cohort=world.cohort_x)
    failing = recorded(other, bread, world.trainer_x, [True, False, True])
    assert failing.outcome == Attempt.Outcome.NOT_YET


def test_submit_refused_until_every_criterion_is_marked(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True, True, None], submit=False)
    with pytest.raises(ValidationError) as error:
        services.attempt_submit(attempt=attempt, by=world.trainer_x)
    assert error.value.messages == [str(services.MSG_UNMARKED)]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.DRAFT
    assert attempt.outcome == ""


def test_only_a_confirmed_attempt_counts(world, bread):
    from assessments.practical.selectors import practical_results

    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True, True, True])
    assert practical_results(cohort=world.cohort_x)[world.enrolment_a.pk][0].passed is False
    services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x)
    assert practical_results(cohort=world.cohort_x)[world.enrolment_a.pk][0].passed is True


def test_reviewer_equal_to_assessor_refused(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True, True, True])
    for review in (
        lambda: services.attempt_confirm(attempt=attempt, reviewer=world.trainer_x),
        lambda: services.attempt_return(attempt=attempt, reviewer=world.trainer_x, reason="x"),
    ):
        with pytest.raises(ValidationError) as error:
            review()
        assert error.value.messages == [str(services.MSG_REVIEWER_IS_ASSESSOR)]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED
    assert not Review.objects.exists()


def test_review_outside_the_reviewers_cohorts_refused(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True, True, True])
    for outsider in (world.trainer_y, world.coordinator_y, world.learner_a, world.outsider):
        with pytest.raises(ValidationError) as error:
            services.attempt_confirm(attempt=attempt, reviewer=outsider)
        assert error.value.messages == [str(services.MSG_REVIEWER_NOT_STAFF)]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED


def test_a_second_trainer_of_the_cohort_may_review(world, bread):
    second = factories.TrainerFactory(username="second_trainer")
    world.cohort_x.trainers.add(second)
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True, True, True])
    review = services.attempt_confirm(attempt=attempt, reviewer=second)
    assert review.decision == Review.Decision.CONFIRMED


def test_attempts_beyond_the_course_maximum_are_refused(world, bread):
    world.course.max_assessment_attempts = 2
    world.course.save()
    for _ in range(2):
        confirmed(
            world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [False, True, True]
        )
    with pytest.raises(ValidationError) as error:
        services.attempt_start(
            enrolment=world.enrolment_a, template=bread, assessor=world.trainer_x
        )
    assert "used all 2 attempts" in error.value.messages[0]
    assert Attempt.objects.filter(enrolment=world.enrolment_a).count() == 2


def test_no_attempt_after_a_pass(world, bread):
    confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True, True, True])
    with pytest.raises(ValidationError) as error:
        services.attempt_start(
            enrolment=world.enrolment_a, template=bread, assessor=world.trainer_x
        )
    assert "already passed" in error.value.messages[0]


def test_a_resit_waits_for_the_open_attempt(world, bread):
    recorded(world.enrolment_a, bread, world.trainer_x, [False, True, True])
    with pytest.raises(ValidationError) as error:
        services.attempt_start(
            enrolment=world.enrolment_a, template=bread, assessor=world.trainer_x
        )
    assert "in progress" in error.value.messages[0]


def test_resit_after_not_yet_gets_the_next_number(world, bread):
    confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [False, True, True])
    resit = confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True] * 3)
    assert resit.number == 2
    assert resit.passed


def test_only_staff_of_the_cohort_may_assess(world, bread):
    for person in (world.trainer_y, world.learner_a, world.outsider):
        with pytest.raises(ValidationError):
            services.attempt_start(enrolment=world.enrolment_a, template=bread, assessor=person)
    assert not Attempt.objects.exists()


def test_template_of_another_course_refused(world):
    other = bread_template(factories.make_course(title="Organic Farming"), name="Plant a bed")
    with pytest.raises(ValidationError) as error:
        services.attempt_start(
            enrolment=world.enrolment_a, template=other, assessor=world.trainer_x
        )
    assert error.value.messages == [str(services.MSG_WRONG_COURSE)]


def test_withdrawn_learner_cannot_start(world, bread):
    from courses.services import enrolment_withdraw

    enrolment_withdraw(enrolment=world.enrolment_a, reason="Moved away")
    with pytest.raises(ValidationError):
        services.attempt_start(
            enrolment=world.enrolment_a, template=bread, assessor=world.trainer_x
        )


def test_a_confirmed_attempt_cannot_be_edited_and_a_correction_is_a_review(world, bread):
    attempt = confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True] * 3)
    with pytest.raises(ValidationError) as error:
        services.attempt_record(
            attempt=attempt,
            by=world.trainer_x,
            marks={},
            feedback="x",
            assessed_on=attempt.assessed_on,
        )
    assert error.value.messages == [str(services.MSG_NOT_EDITABLE)]
    with pytest.raises(ValidationError):
        services.attempt_return(attempt=attempt, reviewer=world.coordinator_x, reason="  ")

    services.attempt_return(
        attempt=attempt, reviewer=world.coordinator_x, reason="Shaping was not observed."
    )
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.RETURNED
    assert not attempt.passed
    reviews = list(attempt.reviews.values_list("decision", "is_correction"))
    assert reviews == [("confirmed", False), ("returned", True)]

    # The assessor corrects and resubmits; a new confirmation makes it count again.
    marks = {
        r.criterion_id: services.Mark(met=r.criterion.sort_order != 1)
        for r in attempt.results.all()
    }
    services.attempt_record(
        attempt=attempt,
        by=world.trainer_x,
        marks=marks,
        feedback="",
        assessed_on=attempt.assessed_on,
    )
    services.attempt_submit(attempt=attempt, by=world.trainer_x)
    services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x)
    attempt.refresh_from_db()
    assert attempt.outcome == Attempt.Outcome.NOT_YET
    assert attempt.reviews.count() == 3


def test_a_confirmed_attempt_cannot_be_deleted(world, bread):
    from django.db.models import ProtectedError

    attempt = confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True] * 3)
    with pytest.raises(ProtectedError):
        attempt.delete()


def test_only_the_assessor_records(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    with pytest.raises(ValidationError) as error:
        services.attempt_submit(attempt=attempt, by=world.coordinator_x)
    assert error.value.messages == [str(services.MSG_NOT_ASSESSOR)]


def test_assessment_date_cannot_be_in_the_future(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    with pytest.raises(ValidationError):
        services.attempt_record(
            attempt=attempt,
            by=world.trainer_x,
            marks={},
            feedback="",
            assessed_on=datetime.date.today() + datetime.timedelta(days=2),
        )


def attempt_state(attempt):
    attempt.refresh_from_db()
    results = list(attempt.results.order_by("pk").values_list("met", "comment"))
    return attempt.assessed_on, attempt.feedback, attempt.updated_at, results


def test_assessment_date_before_the_cohort_started_is_refused_on_the_date(world, bread):
    # QA recorded 2000-01-01 for a cohort that started this autumn.
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [None] * 3, submit=False)
    start = world.cohort_x.start_date
    before = attempt_state(attempt)
    marks = {c.pk: services.Mark(met=True, comment="Seen") for c in bread.criteria.all()}
    for day in (datetime.date(2000, 1, 1), start - datetime.timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.attempt_record(
                attempt=attempt, by=world.trainer_x, marks=marks, feedback="x", assessed_on=day
            )
        [message] = error.value.message_dict["assessed_on"]
        assert message == str(services.MSG_DATE_BEFORE_COHORT_START) % {"date": medium_date(start)}
        assert attempt_state(attempt) == before  # nothing written
    services.attempt_record(
        attempt=attempt, by=world.trainer_x, marks=marks, feedback="x", assessed_on=start
    )
    assert attempt_state(attempt)[0] == start


def test_an_attempt_cannot_start_dated_before_the_cohort(world, bread):
    with pytest.raises(ValidationError) as error:
        services.attempt_start(
            enrolment=world.enrolment_a,
            template=bread,
            assessor=world.trainer_x,
            assessed_on=datetime.date(2000, 1, 1),
        )
    assert "when the cohort started" in error.value.messages[0]
    assert not Attempt.objects.exists()


def test_no_attempt_before_the_cohort_starts(world, bread):
    world.cohort_x.start_date = timezone.localdate() + datetime.timedelta(days=3)
    world.cohort_x.save()
    with pytest.raises(ValidationError) as error:
        services.attempt_start(
            enrolment=world.enrolment_a, template=bread, assessor=world.trainer_x
        )
    assert error.value.messages == [
        str(services.MSG_COHORT_NOT_STARTED) % {"date": medium_date(world.cohort_x.start_date)}
    ]
    assert not Attempt.objects.exists()


def test_a_late_joiner_is_not_assessed_before_enrolling(world, bread):
    joined = world.cohort_x.start_date + datetime.timedelta(days=5)
    late = factories.EnrolmentFactory(cohort=world.cohort_x, enrolled_on=joined)
    attempt = recorded(late, bread, world.trainer_x, [None] * 3, submit=False)
    with pytest.raises(ValidationError) as error:
        services.attempt_record(
            attempt=attempt,
            by=world.trainer_x,
            marks={},
            feedback="",
            assessed_on=joined - datetime.timedelta(days=1),
        )
    [message] = error.value.message_dict["assessed_on"]
    assert f"on or after {medium_date(joined)}, when {late.learner}" in (message)
    services.attempt_record(
        attempt=attempt, by=world.trainer_x, marks={}, feedback="", assessed_on=joined
    )


def test_an_attempt_is_not_dated_after_the_learner_withdrew(world, bread):
    # The attempt was started while the learner was active; they withdrew before it was recorded.
    from assessments.practical.forms import AttemptRecordForm
    from courses.services import enrolment_withdraw

    today = timezone.localdate()
    withdrew = today - datetime.timedelta(days=5)
    attempt = services.attempt_start(
        enrolment=world.enrolment_a,
        template=bread,
        assessor=world.trainer_x,
        assessed_on=today - datetime.timedelta(days=10),
    )
    enrolment_withdraw(enrolment=world.enrolment_a, reason="Moved away", on=withdrew)
    before = attempt_state(attempt)
    for day in (withdrew + datetime.timedelta(days=1), today):
        with pytest.raises(ValidationError) as error:
            services.attempt_record(
                attempt=attempt, by=world.trainer_x, marks={}, feedback="x", assessed_on=day
            )
        [message] = error.value.message_dict["assessed_on"]
        assert message == str(services.MSG_DATE_AFTER_WITHDRAWAL) % {
            "date": medium_date(withdrew),
            "learner": world.learner_a,
        }
        assert attempt_state(attempt) == before  # nothing written
    # The date picker stops at the withdrawal too.
    form = AttemptRecordForm(attempt=Attempt.objects.get(pk=attempt.pk))
    assert form.fields["assessed_on"].widget.attrs["max"] == withdrew.isoformat()
    services.attempt_record(
        attempt=attempt, by=world.trainer_x, marks={}, feedback="x", assessed_on=withdrew
    )
    assert attempt_state(attempt)[0] == withdrew


def test_audit_entries_for_submit_review_and_return(world, bread):
    attempt = recorded(world.enrolment_a, bread, world.trainer_x, [True] * 3)
    services.attempt_return(attempt=attempt, reviewer=world.coordinator_x, reason="Add a photo.")
    services.attempt_submit(attempt=attempt, by=world.trainer_x)
    services.attempt_confirm(attempt=attempt, reviewer=world.coordinator_x)
    assert actions(attempt) == [
        "assessments.attempt.start",
        "assessments.attempt.record",
        "assessments.attempt.submit",
        "assessments.attempt.return",
        "assessments.attempt.submit",
        "assessments.attempt.review",
    ]
    last = ModelLogEntry.objects.for_instance(attempt).order_by("pk").last()
    assert last.user == world.coordinator_x
    assert str(last.message) == "Attempt reviewed and confirmed"
