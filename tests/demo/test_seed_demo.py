"""The demo command. The demo is built once for the module, inside a transaction that is rolled
back at the end; each test runs in its own savepoint within it."""

import contextlib
import io
import json
import re
import sys
import types

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from assessments.attendance.selectors import attendance_summaries
from assessments.models import Attempt
from certificates.models import Certificate
from certificates.selectors import certify_queue
from courses.models import (
    Cohort,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
    Session,
    Trade,
)
from demo import people
from demo.management.commands import seed_demo
from demo.mentors import EARLIER_MENTORS
from lms import roles
from lms.i18n import NAME_LANGUAGES
from lms.models import Region, User

FOUR_COURSES = ("Artisan Baking", "Organic Farming", "Retail Sales Assistant", "Mentor Training")
# Nothing public may reveal the programme's context.
FORBIDDEN = re.compile(
    r"recover|addict|rehab|therap|substance|drug|alcohol|relapse|sober|detox", re.IGNORECASE
)
MEDIA_BLOCKS = {"image", "video", "document"}


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def _log_in(client, username):
    return client.post("/accounts/login/", {"username": username, "password": people.DEMO_PASSWORD})


# First in the module, so that it normally runs on an empty database.
@pytest.mark.django_db
def test_refuses_when_debug_is_off_without_force(settings):
    settings.DEBUG = False
    before = _row_counts()
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert _row_counts() == before


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    out, console = io.StringIO(), io.StringIO()
    # Mail on the console, as under `make run`: whatever the seed sends would land in `console`.
    with (
        override_settings(
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
            PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("private_media"),
        ),
        contextlib.redirect_stdout(console),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        call_command("seed_demo", "--force", stdout=out)
        SEED_CONSOLE.append(console.getvalue())
        yield out.getvalue()
        transaction.set_rollback(True)


SEED_CONSOLE: list[str] = []


@pytest.fixture
def demo(seeded, db):
    return seeded


def test_prints_the_demo_logins_and_the_url(demo):
    for username in people.DEMO_LOGINS:
        assert re.search(rf"{username}\s+password: {people.DEMO_PASSWORD}", demo)
    assert "http://127.0.0.1:8000/" in demo


def test_builds_four_courses_with_four_to_eight_live_lessons(demo):
    for title in FOUR_COURSES:
        course = CoursePage.objects.live().get(title=title)
        assert course.awards_certificate
        assert 4 <= len(course.outcomes) <= 6
        assert course.latest_revision is not None
        lessons = list(course.lessons())
        assert 4 <= len(lessons) <= 8, title
        assert [lsn.title for lsn in lessons if not lsn.required_for_completion], title
        for lesson in lessons:
            assert lesson.latest_revision is not None
            block_types = {block.block_type for block in lesson.body}
            assert block_types, lesson.title
            assert not block_types & MEDIA_BLOCKS, lesson.title


def test_courses_carry_their_completion_rules(demo):
    assert CoursePage.objects.get(title="Artisan Baking").eqf_level == 3
    assert CoursePage.objects.get(title="Organic Farming").eqf_level == 3
    assert CoursePage.objects.get(title="Retail Sales Assistant").eqf_level == 2
    mentor = CoursePage.objects.get(title="Mentor Training")
    assert mentor.kind == CoursePage.Kind.MENTOR
    assert mentor.attendance_required
    assert mentor.attendance_threshold == 90
    assert "review" in " ".join(lsn.title.lower() for lsn in mentor.lessons())


def test_partner_workshop_awards_no_certificate(demo):
    workshop = CoursePage.objects.live().get(title="Food Hygiene Basics")
    assert not workshop.awards_certificate
    assert not workshop.attendance_required
    assert workshop.participation_form == CoursePage.Participation.ONLINE


def test_about_forty_learners_with_varied_progress(demo):
    # Past learners (demo.indicators: last year's cohorts, for the indicators) and the mentors
    # certified before the system (demo.mentors) aside.
    learners = (
        User.objects.filter(groups__name=roles.LEARNER)
        .exclude(username__startswith="past.")
        .exclude(username__in=[mentor[0] for mentor in EARLIER_MENTORS])
    )
    assert 35 <= learners.count() <= 45
    assert learners.filter(profile__printed_name="Nguyễn Văn An").exists()
    assert learners.filter(profile__gender="").exists()
    assert len(set(learners.values_list("profile__preferred_language", flat=True))) == 4

    withdrawn = Enrolment.objects.get(status=Enrolment.Status.WITHDRAWN, learner__in=learners)
    assert withdrawn.withdrawal_reason
    done = {
        enrolment.pk: enrolment.lesson_completions.count() for enrolment in Enrolment.objects.all()
    }
    required = {
        enrolment.pk: LessonPage.objects.child_of(enrolment.cohort.course)
        .filter(required_for_completion=True)
        .count()
        for enrolment in Enrolment.objects.select_related("cohort__course")
    }
    assert 0 in done.values()
    assert any(0 < done[pk] < required[pk] for pk in done)
    assert any(done[pk] >= required[pk] for pk in done)
    assert not LessonCompletion.objects.filter(completed_at__gt=timezone.now()).exists()


def test_cohorts_in_three_regions_running_finished_and_starting_soon(demo):
    today = timezone.localdate()
    cohorts = Cohort.objects.all()
    assert cohorts.values("region").distinct().count() >= 3
    assert cohorts.filter(start_date__lte=today, end_date__gte=today).exists()
    assert cohorts.filter(end_date__lt=today).exists()
    assert cohorts.filter(start_date__gt=today).exists()
    for cohort in cohorts.prefetch_related("enrolments"):
        active = [e for e in cohort.enrolments.all() if e.status == Enrolment.Status.ACTIVE]
        assert len(active) <= cohort.capacity


def test_learner_trainer_and_coordinator_share_the_bakery_cohort(demo):
    learner = User.objects.get(username="learner")
    cohort = Cohort.objects.get(course__title="Artisan Baking", enrolments__learner=learner)
    assert cohort.trainers.filter(username="trainer").exists()
    assert cohort.coordinators.filter(username="coordinator").exists()
    assert 10 <= cohort.enrolments.count() <= 16
    assert Cohort.objects.filter(
        course__title="Mentor Training", coordinators__username="coordinator"
    ).exists()


@pytest.mark.parametrize("username", people.DEMO_LOGINS)
def test_demo_logins_work(client, demo, username):
    response = _log_in(client, username)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username=username).pk


def test_admin_is_a_superuser(demo):
    assert User.objects.get(username="admin").is_superuser


def test_learner_dashboard_shows_artisan_baking(client, demo):
    _log_in(client, "learner")
    response = client.get("/learning/")
    assert response.status_code == 200
    assert "Artisan Baking" in response.text
    assert "Bakery Morning Group" in response.text


def test_learner_reads_a_lesson_with_numbered_steps(client, demo):
    _log_in(client, "learner")
    response = client.get("/courses/artisan-baking/your-first-loaf/")
    assert response.status_code == 200
    assert "Tip the dough onto the bench" in response.text


def test_no_page_names_the_programmes_context(client, demo):
    public_pages = ["/", "/courses/"] + [
        course.url for course in CoursePage.objects.live().specific()
    ]
    for url in public_pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not FORBIDDEN.search(response.text), url
    # Lessons are for enrolled learners only; their stored text is checked instead of rendering
    # every page.
    for lesson in LessonPage.objects.all():
        text = lesson.title + json.dumps(list(lesson.body.raw_data), ensure_ascii=False)
        assert not FORBIDDEN.search(text), lesson.title


def test_home_page_welcomes_visitors_to_the_organisation(client, demo):
    response = client.get("/")
    assert people.ORGANISATION_NAME in response.text


def test_running_twice_creates_nothing(demo):
    before = _row_counts()
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert _row_counts() == before


def test_if_empty_skips_when_data_exists(demo):
    before = _row_counts()
    out = io.StringIO()
    call_command("seed_demo", "--force", "--if-empty", stdout=out)
    assert out.getvalue().strip() == seed_demo.MSG_ALREADY_THERE
    assert _row_counts() == before


def test_extra_steps_run_in_order_after_the_core_demo(demo, monkeypatch):
    calls = []
    for name in ("first", "second"):
        module = types.ModuleType(f"demo_step_{name}")

        def seed(*, today, stdout, name=name):
            assert User.objects.filter(username="learner").exists()
            calls.append((name, today))

        module.seed = seed
        monkeypatch.setitem(sys.modules, module.__name__, module)
    monkeypatch.setattr(seed_demo, "EXTRA_STEPS", ("demo_step_first", "demo_step_second"))
    call_command("seed_demo", "--force", stdout=io.StringIO())
    assert calls == [("first", timezone.localdate()), ("second", timezone.localdate())]


def test_seeding_sends_no_mail(demo):
    # The demo makes learners at risk and issues certificates: each would send a mail.
    assert Certificate.objects.exists()
    assert "Subject:" not in SEED_CONSOLE[0]


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

    _log_in(client, "coordinator")
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
    response = _log_in(client, "aprendiz")
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


# --- Mentoring (demo.mentors) ---


def test_mentor_register_and_coverage_show_a_region_without_an_active_mentor(client, demo):
    _log_in(client, "coordinator")
    register = client.get("/mentors/register/").text
    for name in ("Elena Vidal", "Francesca Gallo", "Peter Lindqvist"):
        assert name in register
    assert "Refresher due" in register
    assert "Lapsed" in register
    due = client.get("/mentors/register/?status=refresher_due").text
    assert "Francesca Gallo" in due
    assert "Elena Vidal" not in due
    coverage = client.get("/mentors/coverage/").text
    first_row = coverage.split("<tbody>", 1)[1].split("</tr>", 1)[0]
    assert "East" in first_row
    assert "No active mentor" in first_row


def test_learner_volunteers_once_certified_and_coordinator_accepts(client, demo):
    from mentors.models import VolunteerRequest

    _log_in(client, "learner")
    assert "Volunteer for mentor training" not in client.get("/learning/").text
    # The demo's certify story first: `coordinator` certifies `learner` in Retail Group Centre.
    _log_in(client, "coordinator")
    retail = Cohort.objects.get(name=people.RETAIL_DONE)
    enrolment = retail.enrolments.get(learner__username="learner")
    client.post(f"/certificates/cohorts/{retail.pk}/", {"enrolment": [enrolment.pk]})
    _log_in(client, "learner")
    assert "Volunteer for mentor training" in client.get("/learning/").text
    client.post("/mentors/volunteer/", {"motivation": "I want to give back."})
    request = VolunteerRequest.objects.get(person__username="learner")

    _log_in(client, "coordinator")
    requests = client.get("/mentors/requests/").text
    assert "María José Núñez" in requests
    assert "Sara Bianchi" in requests  # the demo's waiting request
    mentor_group = Cohort.objects.get(name=people.MENTOR_A)
    response = client.post(
        f"/mentors/requests/{request.pk}/", {"action": "accept", "cohort": mentor_group.pk}
    )
    assert response.status_code == 302
    _log_in(client, "learner")
    page = client.get("/learning/").text
    assert "You are enrolled in Mentor Training (Mentor Group A)" in page


def test_demo_assignments_respect_capacity_and_the_mentor_sees_their_mentees(client, demo):
    from mentors.models import Assignment, MentorProfile

    for profile in MentorProfile.objects.all():
        current = Assignment.objects.filter(mentor=profile.mentor, ended_on__isnull=True)
        assert current.count() <= profile.max_mentees
    _log_in(client, "elena.vidal")  # her profile says Spanish
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
