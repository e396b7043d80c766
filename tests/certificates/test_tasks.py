"""The production path: certificates queue in the database and a db_worker renders them."""

import pytest
from django.core import mail
from django.core.management import call_command

from certificates import selectors, services
from certificates.models import Certificate
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_tasks(settings):
    # django-tasks rebuilds its backends when the TASKS setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


# The worker closes database connections between tasks, so this test cannot run inside the
# test's own transaction.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_batch_waits_for_the_worker_and_the_progress_fills(database_tasks):
    from django_tasks_db.models import DBTaskResult

    coordinator = factories.CoordinatorFactory()
    cohort = factories.CohortFactory(
        course=factories.make_certifiable_course(lessons=0), coordinators=[coordinator]
    )
    enrolments = [factories.EnrolmentFactory(cohort=cohort) for _ in range(3)]

    batch = services.certificates_issue(
        cohort=cohort, enrolment_ids=[e.pk for e in enrolments], by=coordinator
    )

    progress = selectors.batch_progress(batch=batch)
    assert (progress.total, progress.rendered, progress.pending) == (3, 0, 3)
    assert not progress.finished
    assert DBTaskResult.objects.filter(task_path__endswith="certificate_render_task").count() == 3
    assert mail.outbox == []

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

    progress = selectors.batch_progress(batch=batch)
    assert (progress.rendered, progress.failed, progress.percent) == (3, 0, 100)
    assert all(c.sha256 for c in Certificate.objects.all())
    assert len(mail.outbox) == 3


def test_email_failure_does_not_fail_the_certificate(monkeypatch):
    def down(*args, **kwargs):
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr(services, "send_mail", down)
    coordinator = factories.CoordinatorFactory()
    cohort = factories.CohortFactory(course=factories.make_certifiable_course(lessons=0))
    certificate = factories.certificate_issue_now(
        factories.EnrolmentFactory(cohort=cohort), by=coordinator
    )
    assert certificate.render_status == Certificate.Render.RENDERED
