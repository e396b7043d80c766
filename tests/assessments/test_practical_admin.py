"""Coordinators edit the checklists of the courses they coordinate in the Wagtail admin."""

import pytest

from assessments.models import AssessmentTemplate
from tests import factories
from tests.assessments.practical import bread_template


@pytest.fixture(autouse=True)
def role_permissions(db):
    # On a fresh database the role groups are filled in during lms's post_migrate, before the
    # later apps' permissions exist; run it again as `seed_demo` / a deploy would.
    from lms.services import roles_ensure

    roles_ensure()


@pytest.fixture
def templates(world):
    farming = factories.make_course(title="Organic Farming", lessons=0)
    factories.CohortFactory(course=farming, name="F", coordinators=[world.coordinator_y])
    return bread_template(world.course), bread_template(farming, name="Plant a seed bed")


def test_coordinator_lists_and_edits_only_their_courses_templates(client, world, templates):
    bread, seed_bed = templates
    # coordinator_y coordinates Y of Artisan Baking too, so drop them from it for this test.
    world.cohort_y.coordinators.remove(world.coordinator_y)
    client.force_login(world.coordinator_y)
    index = client.get("/admin/snippets/assessments/assessmenttemplate/")
    assert index.status_code == 200
    assert "Plant a seed bed" in index.text
    assert "Bake a batch of bread" not in index.text
    edit_url = f"/admin/snippets/assessments/assessmenttemplate/edit/{bread.pk}/"
    assert client.get(edit_url).status_code == 404
    assert client.post(edit_url, {"name": "Hijacked"}).status_code == 404
    bread.refresh_from_db()
    assert bread.name == "Bake a batch of bread"
    own = client.get(f"/admin/snippets/assessments/assessmenttemplate/edit/{seed_bed.pk}/")
    assert own.status_code == 200
    assert "Criteria" in own.text


def test_coordinator_creates_a_template_with_criteria(client, world):
    client.force_login(world.coordinator_x)
    add_url = "/admin/snippets/assessments/assessmenttemplate/add/"
    form = client.get(add_url)
    assert form.status_code == 200
    other = factories.make_course(title="Retail Sales Assistant", lessons=0)
    assert f'value="{other.pk}"' not in form.text  # not a course they coordinate
    data = {
        "course": world.course.pk,
        "name": "Bake a batch of bread",
        "learner_instructions": "Bake six loaves.",
        "assessor_instructions": "Watch hygiene throughout.",
        "min_share_met": "",
        "required_for_certification": "on",
        "criteria-TOTAL_FORMS": "2",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
        "criteria-0-statement": "Washes hands and ties back hair",
        "criteria-0-guidance": "",
        "criteria-0-mandatory": "on",
        "criteria-0-ORDER": "1",
        "criteria-0-id": "",
        "criteria-0-DELETE": "",
        "criteria-1-statement": "Scores the loaves neatly",
        "criteria-1-guidance": "",
        "criteria-1-ORDER": "2",
        "criteria-1-id": "",
        "criteria-1-DELETE": "",
    }
    refused = client.post(add_url, {**data, "course": other.pk})
    assert refused.status_code == 200
    assert not AssessmentTemplate.objects.exists()
    response = client.post(add_url, data)
    assert response.status_code == 302, response.text[:2000]
    template = AssessmentTemplate.objects.get()
    assert [(c.statement, c.mandatory) for c in template.criteria.order_by("sort_order")] == [
        ("Washes hands and ties back hair", True),
        ("Scores the loaves neatly", False),
    ]


def test_trainers_and_learners_cannot_open_the_templates_admin(client, world, templates):
    for person in (world.trainer_x, world.learner_a):
        client.force_login(person)
        response = client.get("/admin/snippets/assessments/assessmenttemplate/")
        assert response.status_code in (302, 403)


def edit_data(template, *, delete_index=None):
    criteria = list(template.criteria.order_by("sort_order"))
    data = {
        "course": template.course_id,
        "name": template.name,
        "learner_instructions": template.learner_instructions,
        "assessor_instructions": template.assessor_instructions,
        "min_share_met": "",
        "required_for_certification": "on",
        "criteria-TOTAL_FORMS": str(len(criteria)),
        "criteria-INITIAL_FORMS": str(len(criteria)),
        "criteria-MIN_NUM_FORMS": "1",
        "criteria-MAX_NUM_FORMS": "1000",
    }
    for i, criterion in enumerate(criteria):
        data.update(
            {
                f"criteria-{i}-id": criterion.pk,
                f"criteria-{i}-statement": criterion.statement,
                f"criteria-{i}-guidance": criterion.guidance,
                f"criteria-{i}-ORDER": str(i + 1),
                f"criteria-{i}-DELETE": "on" if i == delete_index else "",
            }
        )
        if criterion.mandatory:
            data[f"criteria-{i}-mandatory"] = "on"
    return data


def test_a_criterion_used_in_an_attempt_cannot_be_removed(client, world):
    from tests.assessments.practical import recorded

    bread = bread_template(world.course)
    recorded(world.enrolment_a, bread, world.trainer_x, [True, True, True])
    client.force_login(world.coordinator_x)
    url = f"/admin/snippets/assessments/assessmenttemplate/edit/{bread.pk}/"
    response = client.post(url, edit_data(bread, delete_index=2))
    assert response.status_code == 200
    assert "cannot be removed" in response.text
    assert bread.criteria.count() == 3
    # An unused criterion of another template can be removed.
    unused = bread_template(world.course, name="Shape rolls")
    response = client.post(
        f"/admin/snippets/assessments/assessmenttemplate/edit/{unused.pk}/",
        edit_data(unused, delete_index=2),
    )
    assert response.status_code == 302
    assert unused.criteria.count() == 2


def test_a_template_with_attempts_cannot_be_deleted(client, world):
    from tests.assessments.practical import recorded

    bread = bread_template(world.course)
    recorded(world.enrolment_a, bread, world.trainer_x, [True, True, True])
    client.force_login(world.superuser)
    response = client.post(
        f"/admin/snippets/assessments/assessmenttemplate/delete/{bread.pk}/", follow=True
    )
    assert response.status_code == 200
    assert "cannot be deleted" in response.text
    assert AssessmentTemplate.objects.filter(pk=bread.pk).exists()
