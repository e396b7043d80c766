import datetime
import io

import pytest

from certificates.models import Certificate
from certificates.selectors import branding
from demo import certificates as demo_certificates
from demo.people import RETAIL_DONE_STORY
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path


def _enrol(cohort, username, *, done=True):
    enrolment = factories.EnrolmentFactory(
        cohort=cohort, learner=factories.LearnerFactory(username=username)
    )
    if done:
        factories.complete_required_lessons(enrolment)
    return enrolment


def test_seed_certifies_eligible_learners_of_ended_cohorts_but_leaves_some_for_the_demo():
    today = datetime.date.today()
    coordinator = factories.CoordinatorFactory(username="coordinator")
    course = factories.make_certifiable_course(title="Retail Sales Assistant", lessons=2)
    ended = factories.CohortFactory(
        course=course,
        name=RETAIL_DONE_STORY["cohort"],
        start_date=today - datetime.timedelta(days=112),
        end_date=today - datetime.timedelta(days=14),
        coordinators=[coordinator],
    )
    other_ended = factories.CohortFactory(
        course=course,
        name="Another finished group",
        start_date=today - datetime.timedelta(days=200),
        end_date=today - datetime.timedelta(days=100),
        coordinators=[coordinator],
    )
    running = factories.CohortFactory(
        course=course, name="Retail Group Islands", coordinators=[coordinator]
    )
    revoked_username, reason = RETAIL_DONE_STORY["revoked"]
    certified = [
        _enrol(ended, name) for name in (*RETAIL_DONE_STORY["certified"], revoked_username)
    ]
    left = [_enrol(ended, name) for name in RETAIL_DONE_STORY["left_to_certify"]]
    elsewhere = _enrol(other_ended, "marco.russo.elsewhere")
    not_done = _enrol(ended, "anna.novakova", done=False)
    still_running = _enrol(running, "ana.quintela")

    demo_certificates.seed(today=today, stdout=io.StringIO())
    demo_certificates.seed(today=today, stdout=io.StringIO())  # idempotent

    assert branding().awarding_body == demo_certificates.AWARDING_BODY
    assert {c.enrolment_id for c in Certificate.objects.all()} == {
        e.pk for e in [*certified, elsewhere]
    }
    revoked = Certificate.objects.get(status="revoked")
    assert revoked.enrolment.learner.username == revoked_username
    assert revoked.status_reason == reason
    assert Certificate.objects.filter(status="valid").count() == len(certified)
    assert all(c.render_status == "rendered" for c in Certificate.objects.all())
    assert not Certificate.objects.filter(enrolment__in=[*left, not_done, still_running]).exists()
