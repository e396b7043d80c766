"""Moving a cohort's dates in the admin: never past its sessions, attempts or enrolments."""

import datetime

from django.utils import timezone
from django.utils.html import escape

from courses.services import (
    MSG_COHORT_END_BEFORE_ENROLMENT,
    MSG_COHORT_END_BEFORE_SESSION,
    MSG_COHORT_START_AFTER_ATTEMPT,
    MSG_COHORT_START_AFTER_SESSION,
)
from lms.formats import medium_date
from tests import factories
from tests.courses.admin_links import cohort_url


def _post_cohort_dates(client, cohort, *, start_date, end_date):
    return client.post(
        cohort_url("edit", cohort),
        {
            "name": cohort.name,
            "region": cohort.region_id,
            "location": cohort.location,
            "start_date": start_date,
            "end_date": end_date,
            "capacity": cohort.capacity,
            "trainers": [t.pk for t in cohort.trainers.all()],
        },
    )


def _day(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def _shown(message, day) -> str:
    return escape(message % {"date": medium_date(day)})


def test_cohort_start_cannot_move_past_its_first_session(client, world):
    cohort = world.cohort_x
    stored = (cohort.start_date, cohort.end_date)
    first = factories.SessionFactory(cohort=cohort, date=_day(-7))
    # A cancelled session does not hold the start back: cancelling is how it is cleared.
    factories.SessionFactory(
        cohort=cohort, date=_day(-10), cancelled=True, cancellation_reason="Flu"
    )
    client.force_login(world.coordinator_x)

    response = _post_cohort_dates(client, cohort, start_date=_day(-6), end_date=cohort.end_date)

    assert response.status_code == 200
    assert response.context["form"].errors["start_date"] == [
        MSG_COHORT_START_AFTER_SESSION % {"date": medium_date(first.date)}
    ]
    assert _shown(MSG_COHORT_START_AFTER_SESSION, first.date) in response.text
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored

    response = _post_cohort_dates(client, cohort, start_date=_day(-7), end_date=cohort.end_date)
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.start_date == _day(-7)


def test_cohort_end_cannot_move_before_its_last_session_or_an_enrolment(client, world):
    cohort = world.cohort_x
    stored = (cohort.start_date, cohort.end_date)
    last = factories.SessionFactory(cohort=cohort, date=_day(30))
    late = factories.EnrolmentFactory(cohort=cohort, enrolled_on=_day(40))
    client.force_login(world.coordinator_x)

    response = _post_cohort_dates(client, cohort, start_date=cohort.start_date, end_date=_day(29))
    assert response.status_code == 200
    # The later of the two is named: moving the session alone would not be enough.
    assert _shown(MSG_COHORT_END_BEFORE_ENROLMENT, late.enrolled_on) in response.text
    assert list(response.context["form"].errors) == ["end_date"]
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored

    late.delete()
    response = _post_cohort_dates(client, cohort, start_date=cohort.start_date, end_date=_day(29))
    assert response.status_code == 200
    assert _shown(MSG_COHORT_END_BEFORE_SESSION, last.date) in response.text
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored

    response = _post_cohort_dates(client, cohort, start_date=cohort.start_date, end_date=_day(30))
    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.end_date == _day(30)


def test_cohort_start_cannot_move_past_a_practical_attempt(client, world, practical):
    cohort = world.cohort_x
    stored = (cohort.start_date, cohort.end_date)
    client.force_login(world.coordinator_x)

    day = practical.attempt.assessed_on
    response = _post_cohort_dates(
        client, cohort, start_date=day + datetime.timedelta(days=1), end_date=cohort.end_date
    )

    assert response.status_code == 200
    assert _shown(MSG_COHORT_START_AFTER_ATTEMPT, day) in response.text
    cohort.refresh_from_db()
    assert (cohort.start_date, cohort.end_date) == stored
