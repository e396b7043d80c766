"""A practical assessment's checklist in the reader's language: its name, the instructions, the
criteria and their guidance, translated beside the original and falling back to it."""

import pytest
from django.conf import settings
from django.core import mail

from assessments.models import Attempt
from lms.models import Profile
from tests.assessments.practical import bread_template, confirmed

pytestmark = pytest.mark.django_db


@pytest.fixture
def bread(world):
    template = bread_template(
        world.course,
        learner_instructions="Bake six loaves.",
        assessor_instructions="Watch from weighing to cooling.",
        name_es="Hornear una tanda de pan",
        learner_instructions_es="Hornea seis panes.",
        assessor_instructions_es="Observa desde el pesado hasta el enfriado.",
    )
    first, second, _third = template.criteria.order_by("sort_order")
    first.statement, first.statement_es = "Washes hands", "Se lava las manos"
    first.guidance, first.guidance_es = "Before starting", "Antes de empezar"
    first.save()
    second.statement = "Weighs accurately"  # not translated: read as written
    second.save()
    return template


def reading_in(client, user, language):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def test_the_learner_reads_the_name_and_instructions_in_spanish(client, world, bread):
    page = reading_in(client, world.learner_a, "es").get("/assessments/results/").text
    assert "Hornear una tanda de pan" in page
    assert "Hornea seis panes." in page
    assert "Bake a batch of bread" not in page
    assert "Bake six loaves." not in page


def test_a_language_without_a_translation_reads_the_original(client, world, bread):
    page = reading_in(client, world.learner_a, "it").get("/assessments/results/").text
    assert "Bake a batch of bread" in page
    assert "Bake six loaves." in page


def test_the_assessor_marks_translated_criteria_and_the_rest_as_written(client, world, bread):
    reading_in(client, world.trainer_x, "es")
    client.post(f"/assessments/start/{world.enrolment_a.pk}/{bread.pk}/")
    attempt = Attempt.objects.get(enrolment=world.enrolment_a)
    page = client.get(f"/assessments/attempts/{attempt.pk}/record/").text
    assert "Hornear una tanda de pan" in page
    assert "Se lava las manos" in page
    assert "Antes de empezar" in page
    assert "Observa desde el pesado hasta el enfriado." in page
    for original in ("Washes hands", "Before starting", "Watch from weighing"):
        assert original not in page
    assert "Weighs accurately" in page


def test_the_learner_is_told_the_result_in_their_own_language(
    client, world, bread, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    with django_capture_on_commit_callbacks(execute=True):
        confirmed(
            world.enrolment_a, bread, world.trainer_x, world.coordinator_x, [True, True, True]
        )
    [message] = [m for m in mail.outbox if world.learner_a.email in m.to]
    assert "Hornear una tanda de pan" in message.subject + message.body
    # The same notification, read on the site in Italian, names the original checklist.
    page = reading_in(client, world.learner_a, "it").get("/notifications/").text
    assert "Bake a batch of bread" in page
    assert "Hornear una tanda de pan" not in page


def test_the_admin_offers_the_translations_beside_the_original(client, world, bread):
    client.force_login(world.coordinator_x)
    form = client.get(f"/admin/snippets/assessments/assessmenttemplate/edit/{bread.pk}/").text
    for field in ("name_es", "name_it", "name_pt", "learner_instructions_pt"):
        assert f'name="{field}"' in form
    assert 'name="assessor_instructions_it"' in form
    assert 'name="criteria-0-statement_es"' in form
    assert 'name="criteria-0-guidance_pt"' in form
    assert 'value="Se lava las manos"' in form
