"""The demo command: what it refuses, what it builds (courses, people, cohorts, pages), and that
seeding again changes nothing. The demo's stories are in test_seed_demo_stories.py."""

import io
import json
import re
import sys
import types

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.utils import timezone

from certificates.models import Certificate
from courses.models import (
    Cohort,
    CoursePage,
    Enrolment,
    LessonCompletion,
    LessonPage,
)
from demo import people
from demo.management.commands import seed_demo
from demo.mentoring_history import MENTORS as HISTORY_MENTORS
from demo.mentors import EARLIER_MENTORS
from lms import roles
from lms.models import User
from tests.demo.conftest import SEED_CONSOLE, log_in

FOUR_COURSES = ("Artisan Baking", "Organic Farming", "Retail Sales Assistant", "Mentor Training")
# Nothing public may reveal the programme's context.
FORBIDDEN = re.compile(
    r"recover|addict|rehab|therap|substance|drug|alcohol|relapse|sober|detox", re.IGNORECASE
)
MEDIA_BLOCKS = {"image", "video", "document"}


def _row_counts() -> dict[str, int]:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


# First in the module, so that it normally runs on an empty database.
@pytest.mark.django_db
def test_refuses_when_debug_is_off_without_force(settings):
    settings.DEBUG = False
    before = _row_counts()
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", stdout=io.StringIO())
    assert _row_counts() == before


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
    # certified before the system (demo.mentors, demo.mentoring_history) aside.
    learners = (
        User.objects.filter(groups__name=roles.LEARNER)
        .exclude(username__startswith="past.")
        .exclude(username__in=[mentor[0] for mentor in EARLIER_MENTORS + HISTORY_MENTORS])
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
    response = log_in(client, username)
    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == User.objects.get(username=username).pk


def test_admin_is_a_superuser(demo):
    assert User.objects.get(username="admin").is_superuser


def test_learner_dashboard_shows_artisan_baking(client, demo):
    log_in(client, "learner")
    response = client.get("/learning/")
    assert response.status_code == 200
    assert "Artisan Baking" in response.text
    assert "Bakery Morning Group" in response.text


def test_learner_reads_a_lesson_with_numbered_steps(client, demo):
    log_in(client, "learner")
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
