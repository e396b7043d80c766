"""The demo's stories: the coordinator's finished cohort to certify, the learner's attendance
cases and practical re-sit, the translated course, and mentoring (demo.mentors)."""

import datetime
import io

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from assessments.attendance.selectors import attendance_summaries
from assessments.models import Attempt
from certificates.models import Certificate
from certificates.selectors import certify_queue
from courses.models import (
    Cohort,
    CoursePage,
    Session,
    Trade,
)
from demo import people
from demo.mentors import EARLIER_MENTORS
from lms.i18n import NAME_LANGUAGES
from lms.models import Region, User
from tests.demo.conftest import log_in


def _queue_by_username(cohort):
    return {row.enrolment.learner.username: row for row in certify_queue(cohort=cohort)}


def test_coordinator_has_a_finished_cohort_to_certify(client, demo):
    story = people.RETAIL_DONE_STORY
    cohort = Cohort.objects.get(name=story["cohort"], coordinators__username="coordinator")
    assert cohort.end_date < timezone.localdate()
    assert cohort.course.awards_certificate
    assert cohort.course.attendance_required
    assert cohort.sessions.count() == story["sessions"]
    assert not cohort.sessions.filter(attendance_records__isnull=True).exists()
    queue = _queue_by_username(cohort)

    certified = {u for u, row in queue.items() if row.certificate}
    assert certified == {*story["certified"], story["revoked"][0]}
    revoked = queue[story["revoked"][0]].certificate
    assert revoked.status == Certificate.Status.REVOKED
    assert revoked.status_reason == story["revoked"][1]
    assert {u for u, row in queue.items() if row.certifiable} == set(story["left_to_certify"])
    assert "learner" in story["left_to_certify"]

    reasons = {u: " ".join(map(str, queue[u].eligibility.reasons)) for u in story["not_eligible"]}
    assert "26 of 29 sessions" in reasons["lucia.fernandez"]
    assert "not yet passed and reviewed" in reasons["mateus.rocha"]
    assert "required lessons not done" in reasons["anna.novakova"]
    assert all(len(queue[u].eligibility.reasons) == 1 for u in story["not_eligible"])

    log_in(client, "coordinator")
    page = client.get(f"/certificates/cohorts/{cohort.pk}/").text
    assert "María José Núñez" in page
    assert "26 of 29" in page


def test_learner_shows_every_attendance_case_and_can_resit_the_practical(client, demo):
    today = timezone.localdate()
    learner = User.objects.get(username="learner")
    bakery = Cohort.objects.get(course__title="Artisan Baking", enrolments__learner=learner)
    assert Session.objects.filter(cohort=bakery, date=today, cancelled=False).exists()
    summaries = attendance_summaries(cohort=bakery, as_of=today).values()
    rates = [s.rate_so_far for s in summaries]
    assert any(r is not None and r >= 95 for r in rates)
    assert any(r == 90 for r in rates)
    assert any(s.at_risk for s in summaries)
    attempts = Attempt.objects.filter(enrolment__learner=learner, enrolment__cohort=bakery)
    assert [a.status for a in attempts] == [Attempt.Status.CONFIRMED]
    assert attempts.get().outcome == Attempt.Outcome.NOT_YET
    assert bakery.course.max_assessment_attempts > 1


def test_artisan_baking_is_translated_into_spanish_and_italian(demo):
    course = CoursePage.objects.get(title="Artisan Baking")
    lessons = list(course.lessons())
    for language in ("es", "it"):
        translation = course.get_translations().get(locale__language_code=language)
        assert translation.live
        assert translation.title != course.title
        assert len(translation.specific.outcomes) == len(course.outcomes)
        translated = [
            lesson.get_translations().get(locale__language_code=language) for lesson in lessons
        ]
        assert all(t.live and t.title != o.title for t, o in zip(translated, lessons, strict=True))


def test_spanish_demo_login_reads_the_course_and_certificate_in_spanish(demo, client):
    response = log_in(client, "aprendiz")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"
    course = CoursePage.objects.get(title="Artisan Baking")

    page = client.get(course.url)
    assert "<h1>Panadería artesanal</h1>" in page.text
    lesson = client.get(next(iter(course.lessons())).url)
    assert "<h1>Seguridad e higiene en la panadería</h1>" in lesson.text
    assert "Panadería artesanal" in client.get("/learning/").text

    certificate = Certificate.objects.get(enrolment__learner__username="aprendiz")
    assert certificate.language == "es"
    assert certificate.course_title == "Dependiente de comercio"
    # The trade and the region named in Spanish too.
    assert certificate.snapshot["trade"] == "Auxiliar de ventas"
    assert certificate.snapshot["region"] == certificate.enrolment.cohort.region.name_es


def test_trades_and_regions_are_named_in_every_language(demo):
    for trade in Trade.objects.all():
        assert all(getattr(trade, f"name_{code}") for code in NAME_LANGUAGES), trade.name
    assert Trade.objects.get(name="Baking").name_in("es") == "Panadería"
    for region in Region.objects.all():
        assert all(getattr(region, f"name_{code}") for code in NAME_LANGUAGES), region.name
    assert Region.objects.get(code="islands").name_in("it") == "Isole"


def test_seeding_again_keeps_a_name_someone_changed(demo):
    Trade.objects.filter(name="Baking").update(name_es="Panificación")
    call_command("seed_demo", "--force", stdout=io.StringIO())
    baking = Trade.objects.get(name="Baking")
    assert baking.name_es == "Panificación"
    assert baking.name_it == "Panificazione"


def test_mentor_register_and_coverage_show_a_region_without_an_active_mentor(client, demo):
    log_in(client, "coordinator")
    register = client.get("/mentors/register/").text
    for name in ("Elena Vidal", "Francesca Gallo", "Peter Lindqvist"):
        assert name in register
    assert "Refresher due" in register
    assert "Lapsed" in register
    due = client.get("/mentors/register/?status=refresher_due").text
    assert "Francesca Gallo" in due
    assert "Elena Vidal" not in due
    coverage = client.get("/mentors/coverage/").text
    rows = coverage.split("<tbody>", 1)[1].split("</tbody>", 1)[0].split("</tr>")[:-1]
    east = next(row for row in rows if '<th scope="row">East</th>' in row)
    assert "No active mentor" in east
    # Regions without an active mentor come first (East among them, with Islands: counted
    # by their trainees in cohorts running or still to start).
    flagged = [("No active mentor" in row) for row in rows]
    assert flagged == sorted(flagged, reverse=True)
    assert flagged[0]


def test_learner_volunteers_once_certified_and_coordinator_accepts(client, demo):
    from mentors.models import VolunteerRequest

    log_in(client, "learner")
    assert "Volunteer for mentor training" not in client.get("/learning/").text
    # The demo's certify story first: `coordinator` certifies `learner` in Retail Group Centre.
    log_in(client, "coordinator")
    retail = Cohort.objects.get(name=people.RETAIL_DONE)
    enrolment = retail.enrolments.get(learner__username="learner")
    client.post(f"/certificates/cohorts/{retail.pk}/", {"enrolment": [enrolment.pk]})
    log_in(client, "learner")
    assert "Volunteer for mentor training" in client.get("/learning/").text
    client.post("/mentors/volunteer/", {"motivation": "I want to give back."})
    request = VolunteerRequest.objects.get(person__username="learner")

    log_in(client, "coordinator")
    requests = client.get("/mentors/requests/").text
    assert "María José Núñez" in requests
    assert "Sara Bianchi" in requests  # the demo's waiting request
    mentor_group = Cohort.objects.get(name=people.MENTOR_A)
    response = client.post(
        f"/mentors/requests/{request.pk}/", {"action": "accept", "cohort": mentor_group.pk}
    )
    assert response.status_code == 302
    log_in(client, "learner")
    page = client.get("/learning/").text
    assert "You are enrolled in Mentor Training (Mentor Group A)" in page


def test_demo_assignments_respect_capacity_and_the_mentor_sees_their_mentees(client, demo):
    from mentors.models import Assignment, MentorProfile

    for profile in MentorProfile.objects.all():
        current = Assignment.objects.filter(mentor=profile.mentor, ended_on__isnull=True)
        assert current.count() <= profile.max_mentees
    log_in(client, "elena.vidal")  # her profile says Spanish
    page = client.get("/mentors/").text
    with translation.override("es"):
        heading = gettext("My mentees")
    assert heading != "My mentees"
    assert heading in page
    assert "Nguyễn Văn An" in page


def test_earlier_mentors_certificates_are_in_their_language(demo):
    # The mentors step records certificates issued before the system was used: each in the
    # mentor's language, like every certificate (the seed stopped here when that was left out).
    for username, _name, _region, language, _days, _max in EARLIER_MENTORS:
        certificate = Certificate.objects.get(
            enrolment__learner__username=username, enrolment__cohort__course__kind="mentor"
        )
        assert certificate.language == language
        assert certificate.snapshot["language"] == language


def test_mentoring_hours_show_by_region_and_month_with_small_cells_suppressed(client, demo):
    """Last year's mentoring (demo.mentoring_history) gives the coordinator figures; the
    regions and months where fewer than 5 mentees met stay "fewer than 5"."""
    from indicators.mentoring import tables
    from indicators.rules import add_months
    from indicators.selectors import Filters

    today = timezone.localdate()
    coordinator = User.objects.get(username="coordinator")
    table = tables(
        user=coordinator, filters=Filters(start=add_months(today, -24), end=today), today=today
    )["mentoring_by_month"]
    shown = [cells for _label, cells in table.rows if not cells[0].suppressed]
    hidden = [label for label, cells in table.rows if cells[0].suppressed]
    assert len(shown) >= 5
    assert any(label.startswith("East") for label in hidden)
    # Rosa Almeida and Jonas Berg have no mentee today: the alerts and coverage stay the demo's.
    log_in(client, "coordinator")
    page = client.get("/mentors/mentees/").text
    assert page.count('data-alert="no_contact"') == 1
    assert page.count('data-alert="flagged"') == 1
    assert page.count('data-alert="over_capacity"') == page.count('data-alert="lapsed"') == 0
    caseload = client.get("/workspace/").text
    assert 'id="caseload-mentoring"' in caseload


def test_learner_failed_the_theory_test_once_and_waits_for_the_cool_down(demo):
    from assessments.models import QuizAttempt

    (attempt,) = QuizAttempt.objects.filter(enrolment__learner__username="learner")
    assert (attempt.status, attempt.passed, attempt.score, attempt.max_score) == (
        "submitted",
        False,
        600,
        1000,
    )
    assert attempt.submitted_at < timezone.now() - datetime.timedelta(hours=1)
    assert attempt.submitted_at + datetime.timedelta(hours=attempt.quiz.cooldown_hours) > (
        timezone.now()
    )
    # Each answer was given during the attempt, as a learner would.
    answered = sorted(attempt.questions.values_list("answered_at", flat=True))
    assert len(answered) == 10
    assert attempt.started_at <= answered[0]
    assert answered[-1] <= attempt.submitted_at
