import datetime
import io

import pytest

from certificates.models import Certificate
from certificates.selectors import branding
from demo import certificates as demo_certificates
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def test_seed_certifies_eligible_learners_of_ended_cohorts_and_revokes_one():
    today = datetime.date.today()
    coordinator = factories.CoordinatorFactory(username="lucia.martin")
    course = factories.make_certifiable_course(title="Retail Sales Assistant", lessons=2)
    ended = factories.CohortFactory(
        course=course,
        name="Retail Group Centre",
        start_date=today - datetime.timedelta(days=112),
        end_date=today - datetime.timedelta(days=14),
        coordinators=[coordinator],
    )
    running = factories.CohortFactory(
        course=course, name="Retail Group Islands", coordinators=[coordinator]
    )
    done = [factories.EnrolmentFactory(cohort=ended) for _ in range(3)]
    for enrolment in done:
        factories.complete_required_lessons(enrolment)
    not_done = factories.EnrolmentFactory(cohort=ended)
    still_running = factories.EnrolmentFactory(cohort=running)
    factories.complete_required_lessons(still_running)

    demo_certificates.seed(today=today, stdout=io.StringIO())
    demo_certificates.seed(today=today, stdout=io.StringIO())  # idempotent

    assert branding().awarding_body == demo_certificates.AWARDING_BODY
    assert {c.enrolment_id for c in Certificate.objects.all()} == {e.pk for e in done}
    assert Certificate.objects.filter(status="revoked").count() == 1
    assert Certificate.objects.filter(status="valid").count() == 2
    assert all(c.render_status == "rendered" for c in Certificate.objects.all())
    assert not Certificate.objects.filter(enrolment__in=[not_done, still_running]).exists()
