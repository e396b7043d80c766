"""The organisation's contact email was stored but shown nowhere: dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("lms", "0005_birth_year_not_in_future"),
    ]

    operations = [
        migrations.RemoveField(model_name="organisationsettings", name="contact_email"),
    ]
