"""The attendance window in Python and as its `Q` twin agree, whatever the dates (hypothesis)."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db.models import BooleanField, CharField, DateField, Value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.attendance import window

pytestmark = pytest.mark.django_db

DAYS = st.dates(min_value=datetime.date(2026, 1, 1), max_value=datetime.date(2026, 1, 20))


def in_the_database(*, date, cancelled, enrolled_on, withdrawn, withdrawn_on) -> bool:
    """The Q twin evaluated by the database, over columns (F) holding these values."""
    values = {
        "s_date": Value(date, output_field=DateField()),
        "s_cancelled": Value(cancelled, output_field=BooleanField()),
        "e_enrolled_on": Value(enrolled_on, output_field=DateField()),
        "e_status": Value("withdrawn" if withdrawn else "active", output_field=CharField()),
        "e_withdrawn_on": Value(withdrawn_on, output_field=DateField()),
    }
    one_row = ContentType.objects.order_by("pk")[:1].values("pk")
    return (
        ContentType.objects.filter(pk__in=one_row)
        .annotate(**values)
        .filter(window.between(session="s_", enrolment="e_"))
        .exists()
    )


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    date=DAYS,
    cancelled=st.booleans(),
    enrolled_on=DAYS,
    withdrawn=st.booleans(),
    withdrawn_on=st.none() | DAYS,
)
def test_the_python_window_and_its_q_twin_agree(
    db, date, cancelled, enrolled_on, withdrawn, withdrawn_on
):
    values = {
        "date": date,
        "cancelled": cancelled,
        "enrolled_on": enrolled_on,
        "withdrawn": withdrawn,
        "withdrawn_on": withdrawn_on,
    }
    assert window.in_window(**values) is in_the_database(**values)


def test_the_window_at_its_edges():
    day = datetime.date(2026, 3, 10)

    def counts(**kwargs):
        values = {
            "date": day,
            "cancelled": False,
            "enrolled_on": day,
            "withdrawn": False,
            "withdrawn_on": None,
        }
        return window.in_window(**values | kwargs)

    assert counts()  # on the enrolment day
    assert not counts(enrolled_on=day + datetime.timedelta(days=1))
    assert not counts(cancelled=True)
    assert counts(withdrawn=True, withdrawn_on=day)  # on the day of withdrawal
    assert not counts(withdrawn=True, withdrawn_on=day - datetime.timedelta(days=1))
    # A date of withdrawal without the status (a reinstated learner) closes nothing.
    assert counts(withdrawn_on=day - datetime.timedelta(days=1))
