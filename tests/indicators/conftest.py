import datetime

import pytest

from assessments.attendance.services import attendance_records_write
from assessments.models import AttendanceRecord
from courses.models import Session
from lms.models import Profile
from tests import factories


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def ended_cohort(
    *,
    course,
    region,
    coordinator,
    people,
    end_date: datetime.date,
    sessions: int = 4,
    attended=lambda learner_index, session_index: True,
    name=None,
):
    """A cohort that ended on `end_date`, coordinated by `coordinator`, with one learner per
    (gender, birth year) in `people`, `sessions` sessions and a roll call for each."""
    start = end_date - datetime.timedelta(days=sessions * 7)
    cohort = factories.CohortFactory(
        course=course,
        region=region,
        name=name or f"{region.name} {end_date:%Y-%m}",
        start_date=start,
        end_date=end_date,
        capacity=max(len(people), 1),
        coordinators=[coordinator],
    )
    enrolments = []
    for gender, birth_year in people:
        learner = factories.LearnerFactory()
        Profile.objects.filter(user=learner).update(gender=gender, birth_year=birth_year)
        enrolments.append(factories.EnrolmentFactory(learner=learner, cohort=cohort))
    for s in range(sessions):
        session = Session.objects.create(
            cohort=cohort,
            topic=f"Session {s}",
            date=start + datetime.timedelta(days=7 * s),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
        )
        attendance_records_write(
            records=[
                AttendanceRecord(
                    session=session,
                    enrolment=e,
                    status="present" if attended(i, s) else "absent",
                    recorded_at=datetime.datetime.now(datetime.UTC),
                )
                for i, e in enumerate(enrolments)
            ]
        )
    return cohort, enrolments
