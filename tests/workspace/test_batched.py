"""The batched selectors the caseload reads agree with the per-cohort ones the other pages use."""

import datetime

import pytest
from django.utils import timezone

from assessments.attendance import selectors as assessment_selectors
from certificates import selectors as certificate_selectors
from courses.models import Cohort, Enrolment
from tests import factories
from tests.assessments.practical import confirmed

pytestmark = pytest.mark.django_db


def test_many_cohorts_at_once_give_what_each_cohort_gives_alone():
    today = timezone.localdate()
    coordinator = factories.CoordinatorFactory()
    trainer = factories.TrainerFactory()
    baking = factories.make_course(title="Artisan Baking", awards_certificate=True)
    template = factories.make_template(course=baking)
    mentors = factories.make_certifiable_course(title="Mentor Training")
    bakery = factories.CohortFactory(course=baking, trainers=[trainer], coordinators=[coordinator])
    mentor_group = factories.CohortFactory(course=mentors)
    sessions = [
        factories.SessionFactory(cohort=bakery, date=today - datetime.timedelta(days=d))
        for d in (1, 2, 3)
    ]
    for n in range(4):
        enrolment = factories.EnrolmentFactory(cohort=bakery)
        for session in sessions:
            status = "absent" if n == 3 else "present"
            factories.AttendanceRecordFactory(session=session, enrolment=enrolment, status=status)
        if n % 2:
            factories.complete_required_lessons(enrolment)
            confirmed(enrolment, template, trainer, coordinator, [True, True, True])
    for n in range(3):
        enrolment = factories.EnrolmentFactory(cohort=mentor_group)
        if n:
            factories.complete_required_lessons(enrolment)
        if n == 2:
            factories.certificate_issue_now(enrolment, by=coordinator)

    cohorts = list(Cohort.objects.select_related("course").order_by("pk"))
    enrolments = list(Enrolment.objects.order_by("pk"))

    summaries = assessment_selectors.attendance_summaries_for_cohorts(cohorts=cohorts)
    rows = certificate_selectors.certify_rows(cohorts=cohorts, enrolments=enrolments)

    alone = {}
    for cohort in cohorts:
        alone |= assessment_selectors.attendance_summaries(cohort=cohort)
    assert summaries == alone
    for cohort in cohorts:
        for row in certificate_selectors.certify_queue(cohort=cohort):
            batched = rows[row.enrolment.pk]
            assert batched.eligibility == row.eligibility
            assert batched.certificate == row.certificate
    assert sum(row.certifiable for row in rows.values()) == 2  # one baker, one mentor
    assert sum(bool(row.certificate) for row in rows.values()) == 1
