"""The coordinator's caseload: each count at its boundaries, with real attendance, attempts and
certificates, as the coordinator reads it on the page."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from certificates import services as certificate_services
from courses.models import CoursePage, Enrolment
from tests import factories
from tests.assessments.practical import confirmed, recorded
from workspace import selectors

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 16)  # a Monday


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(datetime.datetime(2026, 3, 16, 12, 0), tick=False):
        yield


def learner(name: str):
    return factories.LearnerFactory(username=name.lower(), profile__printed_name=name)


def enrol(cohort, name: str, **fields):
    return factories.EnrolmentFactory(cohort=cohort, learner=learner(name), **fields)


def names(caseload, count: str) -> set[str]:
    return {row.enrolment.learner.display_name for row in caseload.count(count).rows}


def link_texts(html: str) -> list[str]:
    """Each link's full text (what a screen reader says), tags removed, spaces collapsed."""
    return [
        " ".join(re.sub(r"<[^>]+>", " ", inner).split())
        for inner in re.findall(r"<a [^>]*>(.*?)</a>", html, flags=re.S)
    ]


@pytest.fixture
def coordinator():
    return factories.CoordinatorFactory(username="carla")


# --- Attendance: ten sessions, five held so far, threshold 90% ----------------------------------


@pytest.fixture
def attendance_cohort(coordinator):
    course = factories.make_course(title="Artisan Baking", attendance_threshold=90)
    cohort = factories.CohortFactory(
        course=course,
        name="Bakery Morning Group",
        start_date=TODAY - datetime.timedelta(days=10),
        end_date=TODAY + datetime.timedelta(days=10),
        coordinators=[coordinator],
    )
    sessions = [
        factories.SessionFactory(cohort=cohort, date=TODAY + datetime.timedelta(days=d))
        for d in (-9, -7, -5, -3, -1, 1, 3, 5, 7, 9)
    ]
    return cohort, sessions


def attend(enrolment, sessions, absent: int):
    """Roll calls of the five sessions held: `absent` of them missed."""
    for index, session in enumerate(sessions[:5]):
        status = "absent" if index < absent else "present"
        factories.AttendanceRecordFactory(session=session, enrolment=enrolment, status=status)


def test_at_risk_is_best_reachable_rate_below_threshold(attendance_cohort, coordinator):
    cohort, sessions = attendance_cohort
    attend(enrol(cohort, "Nine Reachable"), sessions, absent=1)  # 9 of 10 = 90%: on track
    attend(enrol(cohort, "Eight Reachable"), sessions, absent=2)  # 8 of 10 = 80%: at risk
    withdrawn = enrol(
        cohort,
        "Gone Early",
        status=Enrolment.Status.WITHDRAWN,
        withdrawn_on=TODAY,
        withdrawal_reason="Moved",
    )
    attend(withdrawn, sessions, absent=5)

    caseload = selectors.cohort_caseload(user=coordinator, cohort_id=cohort.pk)

    assert names(caseload, "at-risk") == {"Eight Reachable"}
    assert names(caseload, "enrolled") == {"Nine Reachable", "Eight Reachable", "Gone Early"}
    assert names(caseload, "active") == {"Nine Reachable", "Eight Reachable"}


def test_no_attendance_rule_means_nobody_at_risk(attendance_cohort, coordinator):
    cohort, sessions = attendance_cohort
    attend(enrol(cohort, "Never There"), sessions, absent=5)
    CoursePage.objects.filter(pk=cohort.course_id).update(attendance_required=False)

    caseload = selectors.cohort_caseload(user=coordinator, cohort_id=cohort.pk)

    assert names(caseload, "at-risk") == set()


def test_card_says_how_many_and_where_each_link_leads(client, attendance_cohort, coordinator):
    cohort, sessions = attendance_cohort
    attend(enrol(cohort, "Eight Reachable"), sessions, absent=2)
    attend(enrol(cohort, "Ten Reachable"), sessions, absent=0)
    client.force_login(coordinator)

    html = client.get(reverse("workspace:home")).content.decode()

    texts = link_texts(html)
    assert "2 learners enrolled in Bakery Morning Group" in texts
    assert "2 active learners in Bakery Morning Group" in texts
    assert "1 learner at risk in Bakery Morning Group" in texts
    assert "0 learners certified in Bakery Morning Group" in texts
    assert reverse("courses:cohort", args=[cohort.pk]) in html
    people = reverse("workspace:people", args=[cohort.pk, "at-risk"])
    assert people in html

    page = client.get(people).content.decode()
    assert "Eight Reachable" in page
    assert "Ten Reachable" not in page
    assert "best reachable 80% of 90% needed" in page
    assert reverse("attendance:grid", args=[cohort.pk]) in page


# --- Practical assessments ----------------------------------------------------------------------


@pytest.fixture
def practical_cohort(coordinator):
    course = factories.make_course(
        title="Sales Assistant", attendance_required=False, max_assessment_attempts=2
    )
    trainer = factories.TrainerFactory(username="tomas")
    cohort = factories.CohortFactory(
        course=course, name="Shop Floor", trainers=[trainer], coordinators=[coordinator]
    )
    required = factories.make_template(course=course, name="Serve a customer")
    optional = factories.make_template(
        course=course, name="Stock take", required_for_certification=False
    )
    return cohort, required, optional, trainer


def test_awaiting_an_attempt_or_a_review(practical_cohort, coordinator):
    cohort, required, optional, trainer = practical_cohort
    enrol(cohort, "Not Yet Tried")
    submitted = enrol(cohort, "Waiting Review")
    recorded(submitted, required, trainer, [True, True, True])
    passed = enrol(cohort, "Passed Already")
    confirmed(passed, required, trainer, coordinator, [True, True, True])
    resit = enrol(cohort, "Needs Resit")
    confirmed(resit, required, trainer, coordinator, [False, True, True])
    exhausted = enrol(cohort, "No Attempts Left")
    confirmed(exhausted, required, trainer, coordinator, [False, True, True])
    confirmed(exhausted, required, trainer, coordinator, [False, True, True])
    draft = enrol(cohort, "Draft In Progress")
    recorded(draft, required, trainer, [True, True, True], submit=False)
    # Only the optional assessment is awaiting review: a review is still owed.
    optional_only = enrol(cohort, "Optional Submitted")
    confirmed(optional_only, required, trainer, coordinator, [True, True, True])
    recorded(optional_only, optional, trainer, [True, True, True])
    enrol(
        cohort,
        "Withdrawn Untried",
        status=Enrolment.Status.WITHDRAWN,
        withdrawn_on=TODAY,
        withdrawal_reason="Moved",
    )

    caseload = selectors.cohort_caseload(user=coordinator, cohort_id=cohort.pk)

    assert names(caseload, "awaiting-attempt") == {"Not Yet Tried", "Needs Resit"}
    assert names(caseload, "awaiting-review") == {"Waiting Review", "Optional Submitted"}


def test_review_people_page_links_each_attempt(client, practical_cohort, coordinator):
    cohort, required, _optional, trainer = practical_cohort
    attempt = recorded(enrol(cohort, "Waiting Review"), required, trainer, [True, True, True])
    client.force_login(coordinator)

    page = client.get(reverse("workspace:people", args=[cohort.pk, "awaiting-review"]))

    html = page.content.decode()
    assert "Serve a customer, attempt 1" in html
    assert reverse("assessments:attempt", args=[attempt.pk]) in html


# --- Certification ------------------------------------------------------------------------------


@pytest.fixture
def certificate_cohort(coordinator):
    course = factories.make_certifiable_course(title="Mentor Training")
    return factories.CohortFactory(course=course, name="Mentors One", coordinators=[coordinator])


def done(cohort, name):
    enrolment = enrol(cohort, name)
    factories.complete_required_lessons(enrolment)
    return enrolment


def test_eligible_certified_and_revoked(certificate_cohort, coordinator):
    cohort = certificate_cohort
    done(cohort, "Eligible Now")
    enrol(cohort, "Lessons Missing")
    factories.certificate_issue_now(done(cohort, "Certified Once"), by=coordinator)
    revoked = factories.certificate_issue_now(done(cohort, "Revoked One"), by=coordinator)
    certificate_services.certificate_revoke(
        certificate=revoked, reason="Issued in error.", by=coordinator
    )
    reissued = factories.certificate_issue_now(done(cohort, "Reissued One"), by=coordinator)
    certificate_services.certificate_reissue(
        certificate=reissued, reason="Name corrected.", by=coordinator
    )

    caseload = selectors.cohort_caseload(user=coordinator, cohort_id=cohort.pk)

    assert names(caseload, "eligible") == {"Eligible Now"}
    assert names(caseload, "certified") == {"Certified Once", "Reissued One"}


def test_eligible_page_leads_to_the_certify_queue(client, certificate_cohort, coordinator):
    done(certificate_cohort, "Eligible Now")
    client.force_login(coordinator)

    page = client.get(reverse("workspace:people", args=[certificate_cohort.pk, "eligible"]))

    html = page.content.decode()
    assert "Eligible Now" in html
    assert reverse("certificates:queue", args=[certificate_cohort.pk]) in html


# --- Cohorts by phase ---------------------------------------------------------------------------


def test_finished_cohorts_come_last_folded_away(client, coordinator):
    def cohort(name, start, end):
        return factories.CohortFactory(
            name=name,
            start_date=TODAY + datetime.timedelta(days=start),
            end_date=TODAY + datetime.timedelta(days=end),
            coordinators=[coordinator],
        )

    cohort("Last Spring", -200, -100)
    cohort("Next Month", 20, 80)
    cohort("Ends Soon", -30, 5)
    cohort("Ends Later", -10, 60)

    caseload = selectors.caseload(user=coordinator)

    assert [c.cohort.name for c in caseload.current] == ["Ends Soon", "Ends Later", "Next Month"]
    assert [c.cohort.name for c in caseload.finished] == ["Last Spring"]
    client.force_login(coordinator)
    html = client.get(reverse("workspace:home")).content.decode()
    assert html.index("<details>") < html.index("Last Spring")
    assert html.index("Next Month") < html.index("<details>")
