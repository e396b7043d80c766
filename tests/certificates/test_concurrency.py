"""Two coordinators certify the same learner at the same moment: exactly one certificate.

Real concurrency needs a database with row locks and concurrent writers, so this runs on
PostgreSQL only (CI's second leg); SQLite serialises writers, and the idempotency tests in
test_services.py cover it there."""

import threading

import pytest

from certificates import services
from certificates.models import Certificate
from tests import factories

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.postgresql,
]


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    results, errors = [], []

    def worker(index):
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            results.append(work(index))
        except Exception as exc:  # collected and asserted on below
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results, errors


def test_certifying_the_same_enrolment_at_once_yields_one_certificate(monkeypatch):
    # Rendering is not what this test is about; keep the threads short.
    monkeypatch.setattr(services, "_enqueue_render", lambda certificate: None)
    course = factories.make_certifiable_course(lessons=1)
    coordinator = factories.CoordinatorFactory()
    cohort = factories.CohortFactory(course=course, coordinators=[coordinator])
    enrolment = factories.EnrolmentFactory(cohort=cohort)
    factories.complete_required_lessons(enrolment)

    results, errors = run_at_once(
        6, lambda i: services.certificate_issue(enrolment=enrolment, by=coordinator)
    )

    assert errors == []
    assert len(results) == 6
    assert sum(1 for _certificate, created in results if created) == 1
    assert len({certificate.pk for certificate, _created in results}) == 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1


def test_serial_numbers_stay_unique_under_concurrency(monkeypatch):
    monkeypatch.setattr(services, "_enqueue_render", lambda certificate: None)
    course = factories.make_certifiable_course(lessons=0)
    coordinator = factories.CoordinatorFactory()
    cohort = factories.CohortFactory(course=course, coordinators=[coordinator])
    enrolments = [factories.EnrolmentFactory(cohort=cohort) for _ in range(8)]

    results, errors = run_at_once(
        8, lambda i: services.certificate_issue(enrolment=enrolments[i], by=coordinator)
    )

    assert errors == []
    serials = sorted(certificate.serial for certificate, _created in results)
    year = serials[0][:4]
    assert serials == [f"{year}-{n:06d}" for n in range(1, 9)]
