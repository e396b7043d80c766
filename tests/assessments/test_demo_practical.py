"""The practical assessment demo, on a small world built with the demo's names."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F
from django.utils import timezone

from assessments.models import AssessmentTemplate, Attempt, Evidence, Review
from demo import practical
from tests import factories

COURSES = ["Artisan Baking", "Organic Farming", "Retail Sales Assistant", "Mentor Training"]


@pytest.fixture
def demo_world(db):
    today = timezone.localdate()
    trainer = factories.TrainerFactory(username="trainer")
    coordinator = factories.CoordinatorFactory(username="coordinator")
    courses = {
        title: factories.make_course(title=title, lessons=1, max_assessment_attempts=3)
        for title in COURSES
    }
    bakery = factories.CohortFactory(
        course=courses["Artisan Baking"],
        name="Bakery Morning Group",
        trainers=[trainer],
        coordinators=[coordinator],
    )
    factories.EnrolmentFactory(
        cohort=bakery,
        learner=factories.LearnerFactory(username="learner"),
        enrolled_on=bakery.start_date,
    )
    for i in range(8):
        factories.EnrolmentFactory(
            cohort=bakery, enrolled_on=bakery.start_date + datetime.timedelta(days=1 + i)
        )
    mentor_trainer = factories.TrainerFactory(username="samuel.okafor")
    mentor = factories.CohortFactory(
        course=courses["Mentor Training"],
        name="Mentor Group A",
        trainers=[mentor_trainer],
        coordinators=[coordinator],
    )
    finished = factories.CohortFactory(
        course=courses["Retail Sales Assistant"],
        name="Retail Group Centre",
        start_date=today - datetime.timedelta(days=100),
        end_date=today - datetime.timedelta(days=10),
        trainers=[factories.TrainerFactory(username="chiara.esposito")],
        coordinators=[factories.CoordinatorFactory(username="lucia.martin")],
    )
    for cohort in (mentor, finished):
        for _ in range(5):
            factories.EnrolmentFactory(cohort=cohort)
    return {"today": today, "bakery": bakery, "trainer": trainer, "coordinator": coordinator}


def test_seed_gives_every_course_a_checklist_and_attempts_in_every_state(demo_world):
    out = io.StringIO()
    practical.seed(today=demo_world["today"], stdout=out)

    for title in COURSES:
        template = AssessmentTemplate.objects.get(course__title=title)
        mandatory = template.criteria.filter(mandatory=True).count()
        assert mandatory >= 4
        assert template.criteria.count() > mandatory  # and some optional ones
        # The checklist reads in Spanish too (aprendiz reads the site in Spanish).
        assert template.name_es
        assert template.learner_instructions_es
        assert template.assessor_instructions_es
        for criterion in template.criteria.all():
            assert criterion.statement_es
            assert bool(criterion.guidance_es) == bool(criterion.guidance)
    assert set(Attempt.objects.values_list("status", flat=True)) == {
        "draft",
        "submitted",
        "confirmed",
        "returned",
    }
    assert set(Attempt.objects.exclude(status="draft").values_list("outcome", flat=True)) == {
        "pass",
        "not_yet",
    }
    assert Review.objects.filter(decision="returned").exists()
    assert Evidence.objects.filter(content_type="image/png").exists()
    # Nobody reviewed their own attempt.
    assert not Review.objects.filter(reviewer=F("attempt__assessor")).exists()
    # The finished retail cohort is mostly passed.
    retail = Attempt.objects.filter(enrolment__cohort__name="Retail Group Centre")
    assert retail.filter(status="confirmed", outcome="pass").count() >= 3
    assert "4 checklists" in out.getvalue()

    count = Attempt.objects.count()
    practical.seed(today=demo_world["today"], stdout=io.StringIO())
    assert Attempt.objects.count() == count
    assert AssessmentTemplate.objects.count() == 4


def test_demo_journey_trainer_records_a_resit_coordinator_confirms_learner_sees(client, demo_world):
    practical.seed(today=demo_world["today"], stdout=io.StringIO())
    learner_enrolment = demo_world["bakery"].enrolments.get(learner__username="learner")
    bread = AssessmentTemplate.objects.get(name="Bake a batch of bread")

    client.force_login(learner_enrolment.learner)
    before = client.get("/assessments/results/")
    assert "Not yet competent" in before.text
    assert "practise pre-shaping" in before.text

    client.force_login(demo_world["trainer"])
    queue = client.get("/assessments/")
    assert "Awaiting a re-sit" in queue.text
    assert learner_enrolment.learner.display_name in queue.text
    record_url = client.post(f"/assessments/start/{learner_enrolment.pk}/{bread.pk}/").url
    attempt = Attempt.objects.get(enrolment=learner_enrolment, number=2)
    data = {
        "assessed_on": demo_world["today"].isoformat(),
        "feedback": "Even loaves now.",
        "submit": "1",
    }
    for criterion in bread.criteria.all():
        data[f"met_{criterion.pk}"] = "met"
    data["evidence"] = SimpleUploadedFile("loaves.png", practical.demo_photo())
    assert client.post(record_url, data).status_code == 302

    client.force_login(demo_world["coordinator"])
    client.post(f"/assessments/attempts/{attempt.pk}/", {"confirm": "1"})

    client.force_login(learner_enrolment.learner)
    after = client.get("/assessments/results/")
    assert "Passed" in after.text
    assert "Even loaves now." in after.text
