"""The home page model moves to courses (lms knows no app above it). Only Django's idea of the
models changes here: the table `lms_homepage` stays, and courses takes it over in its migration
0007_home_page, which also moves the content type, so that existing pages keep their type."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0006_organisationsettings_remove_contact_email"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="HomePage")],
            database_operations=[],
        ),
    ]
