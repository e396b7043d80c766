from django.db import migrations, models


def collections_split(apps, schema_editor):
    """Images and documents in the root collection move to "Course materials" (coordinators'
    permissions move there too: lms.services.roles_ensure), except the logo and signature the
    certificate settings use, which move to "Branding", changed by administrators only.

    Collections are a tree (treebeard): its methods are not on historical models, so the
    current models are used, as of wagtailimages 0027 and wagtaildocs 0014."""
    from wagtail.documents.models import Document
    from wagtail.images.models import Image
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if root is None:
        return

    def child(name):
        return root.get_children().filter(name=name).first() or root.add_child(name=name)

    CertificateSettings = apps.get_model("certificates", "CertificateSettings")
    branding_ids = {
        image_id
        for row in CertificateSettings.objects.all()
        for image_id in (row.logo_id, row.signature_id)
        if image_id is not None
    }
    if branding_ids:
        Image.objects.filter(pk__in=branding_ids).update(collection=child("Branding"))
    materials = child("Course materials")
    Image.objects.filter(collection=root).update(collection=materials)
    Document.objects.filter(collection=root).update(collection=materials)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0003_audit_action_names"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="branding",
            field=models.JSONField(
                blank=True,
                default=dict,
                help_text="The logo and signature images the PDF embedded: id, file and SHA-256.",
                verbose_name="branding images used",
            ),
        ),
        migrations.RunPython(collections_split, migrations.RunPython.noop),
    ]
