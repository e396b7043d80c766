"""`practical_results`: the contract the certificates app reads."""

import pytest

from assessments.practical.rules import PracticalResult
from assessments.practical.selectors import practical_results
from tests import factories
from tests.assessments.practical import bread_template, confirmed, recorded


def test_every_enrolment_gets_every_template_including_untried(world):
    bread = bread_template(world.course)
    rolls = bread_template(world.course, name="Shape rolls", required_for_certification=False)
    confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [False, True, True])
    confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True, True, False])
    second = factories.EnrolmentFactory(cohort=world.cohort_x)
    recorded(second, bread, world.trainer_x, [True, True, True])  # submitted, not reviewed

    results = practical_results(cohort=world.cohort_x)

    assert set(results) == {world.enrolment_a.pk, second.pk}  # cohort Y is not included
    allowed = world.course.max_assessment_attempts
    assert results[world.enrolment_a.pk] == [
        PracticalResult(bread.pk, "Bake a batch of bread", True, True, 2, allowed),
        PracticalResult(rolls.pk, "Shape rolls", False, False, 0, allowed),
    ]
    assert results[second.pk][0] == PracticalResult(
        bread.pk, "Bake a batch of bread", True, False, 1, allowed
    )


def test_a_returned_correction_no_longer_counts(world):
    from assessments.practical import services

    bread = bread_template(world.course)
    attempt = confirmed(world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True] * 3)
    services.attempt_return(attempt=attempt, reviewer=world.coordinator_x, reason="Wrong learner")
    assert practical_results(cohort=world.cohort_x)[world.enrolment_a.pk][0].passed is False


def test_a_course_without_templates_gives_empty_lists(world):
    assert practical_results(cohort=world.cohort_x) == {world.enrolment_a.pk: []}


@pytest.mark.parametrize("learners", [1, 25])
def test_practical_results_query_count_is_fixed(world, learners, django_assert_num_queries):
    bread = bread_template(world.course)
    for _ in range(learners):
        enrolment = factories.EnrolmentFactory(cohort=world.cohort_x)
        recorded(enrolment, bread, world.trainer_x, [True] * 3)
    with django_assert_num_queries(4):
        results = practical_results(cohort=world.cohort_x)
    assert len(results) == learners + 1
