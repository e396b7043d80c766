"""Constraints live in the database, not only in forms."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from courses.models import Cohort, CoursePage, Enrolment, LessonCompletion
from tests import factories

pytestmark = pytest.mark.django_db


def test_one_enrolment_per_learner_and_cohort(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(
            learner=world.learner_a, cohort=world.cohort_x, enrolled_on=datetime.date.today()
        )


def test_withdrawal_needs_date_and_reason(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.filter(pk=world.enrolment_a.pk).update(status="withdrawn")


def test_cohort_cannot_end_before_it_starts(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=world.cohort_x.pk).update(
            end_date=world.cohort_x.start_date - datetime.timedelta(days=1)
        )


def test_cohort_capacity_positive(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        Cohort.objects.filter(pk=world.cohort_x.pk).update(capacity=0)


def test_one_completion_per_lesson_and_enrolment(world):
    lesson = world.course.lessons().first()
    factories.LessonCompletionFactory(enrolment=world.enrolment_a, lesson=lesson)
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.LessonCompletionFactory(enrolment=world.enrolment_a, lesson=lesson)
    assert LessonCompletion.objects.count() == 1


@pytest.mark.parametrize("level", [0, 9])
def test_eqf_level_is_one_to_eight(world, level):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=world.course.pk).update(eqf_level=level)


def test_threshold_is_a_percentage(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        CoursePage.objects.filter(pk=world.course.pk).update(attendance_threshold=101)


def test_course_defaults_follow_the_domain():
    course = CoursePage()
    assert course.attendance_required is True
    assert course.attendance_threshold == 90
    assert course.late_counts_as_attended is True
    assert course.excused_removed_from_denominator is False
    assert course.max_assessment_attempts == 3
    assert course.awards_certificate is True
