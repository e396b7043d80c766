"""The home page model, moved here from lms on the same table (`lms_homepage`, see
lms/migrations/0007_home_page_moves_to_courses.py). Its content type row is relabelled from lms to
courses, so every existing home page, its revisions and permissions keep pointing at it."""

import django.db.models.deletion
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    old = ContentType.objects.filter(app_label="lms", model="homepage").first()
    if old is None:
        return
    new = ContentType.objects.filter(app_label="courses", model="homepage").first()
    if new is None:
        old.app_label = "courses"
        old.save(update_fields=["app_label"])
        return
    # Both exist (a migrate interrupted after Django made the new one): keep the new row.
    Page.objects.filter(content_type=old).update(content_type=new)
    old.delete()


def relabel_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="courses", model="homepage").update(app_label="lms")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("courses", "0006_audit_action_names"),
        ("lms", "0007_home_page_moves_to_courses"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="HomePage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        (
                            "intro",
                            wagtail.fields.RichTextField(blank=True, verbose_name="introduction"),
                        ),
                    ],
                    options={"verbose_name": "home page", "db_table": "lms_homepage"},
                    bases=("wagtailcore.page",),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, relabel_back),
    ]
