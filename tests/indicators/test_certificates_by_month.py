"""Certificates per month: valid certificates of the scope issued in the period, each in the
month of its issue date in the site's time zone (Europe/Rome in these settings), every month of
the period listed."""

import datetime

import pytest

from certificates.models import Certificate
from courses.models import Enrolment
from indicators.selectors import certificates_by_month
from tests import factories

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
D = datetime.date


def issued(enrolment, at: datetime.datetime, status="valid") -> Certificate:
    changed = {} if status == "valid" else {"status_changed_at": at, "status_reason": "Error"}
    return Certificate.objects.create(
        enrolment=enrolment,
        serial=f"T-{Certificate.objects.count():05}",
        verification_code=f"code{Certificate.objects.count():05}",
        snapshot={},
        issued_by=factories.CoordinatorFactory(),
        issued_at=at,
        status=status,
        **changed,
    )


def test_each_certificate_counts_in_its_local_month_within_the_period(world):
    cohort = factories.CohortFactory(course=world.course)
    enrolments = [factories.EnrolmentFactory(cohort=cohort) for _ in range(7)]
    # 31 March 22:30 UTC is 1 April 00:30 in Rome (summer time): April.
    issued(enrolments[0], datetime.datetime(2026, 3, 31, 22, 30, tzinfo=UTC))
    # 31 January 22:59 UTC is 23:59 in Rome (winter time): January.
    issued(enrolments[1], datetime.datetime(2026, 1, 31, 22, 59, tzinfo=UTC))
    issued(enrolments[2], datetime.datetime(2026, 2, 14, 9, tzinfo=UTC))
    # Revoked: not counted.
    issued(enrolments[3], datetime.datetime(2026, 2, 15, 9, tzinfo=UTC), status="revoked")
    # Before the period's first day in Rome (14 January 23:30 UTC is 15 January 00:30 there:
    # counted; 14 January 22:30 UTC is 23:30 on the 14th: not).
    issued(enrolments[4], datetime.datetime(2026, 1, 14, 23, 30, tzinfo=UTC))
    issued(enrolments[5], datetime.datetime(2026, 1, 14, 22, 30, tzinfo=UTC))
    # After the period's last day in Rome (10 April 22:30 UTC is 11 April 00:30 there).
    issued(enrolments[6], datetime.datetime(2026, 4, 10, 22, 30, tzinfo=UTC))
    # Another cohort's certificate: not in the scope.
    issued(world.enrolment_b, datetime.datetime(2026, 2, 20, 9, tzinfo=UTC))

    months = certificates_by_month(
        enrolments=Enrolment.objects.filter(cohort=cohort), start=D(2026, 1, 15), end=D(2026, 4, 10)
    )

    assert months == [
        (D(2026, 1, 1), 2),
        (D(2026, 2, 1), 1),
        (D(2026, 3, 1), 0),
        (D(2026, 4, 1), 1),
    ]


@pytest.mark.parametrize(
    ("language", "month"), [("en", "Feb 2026"), ("es", "feb 2026"), ("it", "feb 2026")]
)
def test_the_page_names_the_months_and_the_export_keeps_iso(client, world, language, month):
    """The table "Certification over time" names its months in the reader's language on the page, as
    every table by month does (`month_year`); its CSV keeps "2026-02", which a spreadsheet sorts
    and reads whatever the language (docs/indicators.md)."""
    issued(world.enrolment_a, datetime.datetime(2026, 2, 14, 9, tzinfo=UTC))
    client.force_login(world.coordinator_x)
    query = "start=2026-01-01&end=2026-03-31"
    page = client.get(f"/indicators/?{query}", HTTP_ACCEPT_LANGUAGE=language).content.decode()
    assert f'<th scope="row">{month}</th>' in page
    assert '<th scope="row">2026-02</th>' not in page
    csv = client.get(f"/indicators/tables/certification_over_time.csv?{query}").content.decode()
    assert "2026-02," in csv
    assert month not in csv
