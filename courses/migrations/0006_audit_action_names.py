"""Audit actions are named after the app that writes them: the entries already written about
enrolments and sessions ("lms.enrolment.create" is now
"courses.enrolment.create") are renamed, so that the site history still labels them."""

from django.db import migrations

RENAMED = {
    "lms.enrolment.create": "courses.enrolment.create",
    "lms.enrolment.withdraw": "courses.enrolment.withdraw",
    "lms.session.create": "courses.session.create",
    "lms.session.schedule": "courses.session.schedule",
    "lms.session.update": "courses.session.update",
    "lms.session.cancel": "courses.session.cancel",
    "lms.enrolment.import": "courses.enrolment.import",
}


def rename(apps, schema_editor, mapping):
    ModelLogEntry = apps.get_model("wagtailcore", "ModelLogEntry")
    for old, new in mapping.items():
        ModelLogEntry.objects.filter(action=old).update(action=new)


def forwards(apps, schema_editor):
    rename(apps, schema_editor, RENAMED)


def backwards(apps, schema_editor):
    rename(apps, schema_editor, {new: old for old, new in RENAMED.items()})


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0005_names_in_languages"),
        ("wagtailcore", "0063_modellogentry"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
