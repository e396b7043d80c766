from django.db import migrations, models


def language_from_profiles(apps, schema_editor):
    # Certificates issued before this field were rendered in the learner's profile language.
    Certificate = apps.get_model("certificates", "Certificate")
    Profile = apps.get_model("lms", "Profile")
    languages = dict(Profile.objects.values_list("user_id", "preferred_language"))
    for certificate in Certificate.objects.select_related("enrolment").only(
        "pk", "enrolment__learner_id"
    ):
        language = languages.get(certificate.enrolment.learner_id)
        if language and language != "en":
            Certificate.objects.filter(pk=certificate.pk).update(language=language)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_certificates"),
        ("lms", "0002_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="language",
            field=models.CharField(
                choices=[
                    ("en", "English"),
                    ("es", "Spanish"),
                    ("it", "Italian"),
                    ("pt", "Portuguese"),
                ],
                default="en",
                help_text="The certificate, its PDF and its course details are in this language.",
                max_length=10,
                verbose_name="language",
            ),
        ),
        migrations.RunPython(language_from_profiles, migrations.RunPython.noop),
    ]
