"""Attendance and practical assessments were built side by side; this joins their histories."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_attendance"),
        ("assessments", "0001_practical"),
    ]

    operations = []
