"""Audit actions are named after the app that writes them: the entries already written about
certificates ("lms.certificate.issue" is now "certificates.issue") are renamed, so that the site history still labels them."""

from django.db import migrations

RENAMED = {
    "lms.certificate.issue": "certificates.issue",
    "lms.certificate.revoke": "certificates.revoke",
    "lms.certificate.supersede": "certificates.supersede",
    "lms.certificate.render_fail": "certificates.render_fail",
    "lms.certificate.render_retry": "certificates.render_retry",
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
        ("certificates", "0002_certificate_language"),
        ("wagtailcore", "0063_modellogentry"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
