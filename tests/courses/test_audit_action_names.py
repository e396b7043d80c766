"""Audit actions are named after their app; entries written under the old names are renamed by
a data migration, so that the site history still labels them."""

import importlib

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.log_actions import registry
from wagtail.models import ModelLogEntry

pytestmark = pytest.mark.django_db

MIGRATIONS = [
    "courses.migrations.0006_audit_action_names",
    "certificates.migrations.0003_audit_action_names",
]


def cohort_entries(cohort_type):
    return ModelLogEntry.objects.filter(content_type=cohort_type).values_list("action", flat=True)


@pytest.mark.parametrize("name", MIGRATIONS)
def test_old_entries_are_renamed_to_registered_actions(world, name):
    migration = importlib.import_module(name)
    cohort_type = ContentType.objects.get_for_model(world.cohort_x)
    for old in migration.RENAMED:
        # As written before the rename (saving validates the name, and the old one is gone).
        ModelLogEntry.objects.bulk_create(
            [
                ModelLogEntry(
                    content_type=cohort_type,
                    object_id=str(world.cohort_x.pk),
                    label=str(world.cohort_x),
                    action=old,
                    timestamp=timezone.now(),
                )
            ]
        )

    migration.forwards(apps, None)

    actions = set(cohort_entries(cohort_type))
    assert actions == set(migration.RENAMED.values())
    assert all(registry.action_exists(action) for action in actions)

    migration.backwards(apps, None)

    assert set(cohort_entries(cohort_type)) == set(migration.RENAMED)
