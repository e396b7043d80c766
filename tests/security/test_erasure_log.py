"""Issue 17 item 12: after an erasure no audit log entry names the person, whatever the model the
entry is about (a cohort, a course page, a certificate, another person) and wherever the name
sits (the label or the data)."""

import json

import pytest
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry, PageLogEntry

from lms.models import User

pytestmark = pytest.mark.django_db


def entries_text() -> str:
    """Every log entry of every log model, as one text (labels and data)."""
    rows = []
    for model in log_registry.get_log_entry_models():
        for label, data in model.objects.values_list("label", "data"):
            rows.append(label + " " + json.dumps(data, ensure_ascii=False))
    return "\n".join(rows)


def test_erasure_removes_the_name_from_every_log_model(client, world, practical):
    person = world.learner_a
    User.objects.filter(pk=person.pk).update(first_name="Zoë", last_name="Quintana-Ríos")
    person.profile.printed_name = "Zoë Quintana-Ríos"
    person.profile.save()
    name, username, email = "Zoë Quintana-Ríos", person.username, person.email
    # Entries about other objects that mention the person, as a label or in their data.
    log(instance=world.cohort_x, action="wagtail.edit", title=f"{name} moved to cohort X")
    log(instance=world.course, action="wagtail.edit", data={"note": f"asked by {name.upper()}"})
    log(instance=world.coordinator_x, action="wagtail.edit", data={"about": [username, email]})
    log(instance=practical.attempt, action="wagtail.edit", data={"learner": {"name": name}})
    assert PageLogEntry.objects.filter(page=world.course).exists()
    before = entries_text()
    for needle in (name, username, email):
        assert needle.lower() in before.lower()

    client.force_login(world.superuser)
    response = client.post(f"/admin/people/{person.pk}/erase/", {"confirm_username": username})
    assert response.status_code == 302

    after = entries_text().lower()
    for needle in (name, username, email):
        assert needle.lower() not in after
    # The history stays: the entries are there, relabelled with the pseudonym.
    pseudonym = str(User.objects.get(pk=person.pk))
    cohort_entry = ModelLogEntry.objects.for_instance(world.cohort_x).latest("pk")
    assert cohort_entry.label == f"{pseudonym} moved to cohort X"
