"""Links into the coordinators' admin (Wagtail's snippet views) for the admin tests."""

from django.urls import reverse

from courses.models import Cohort


def url(model, view, *args):
    app = model._meta.app_label
    name = model._meta.model_name
    return reverse(f"wagtailsnippets_{app}_{name}:{view}", args=args)


def cohort_url(view, cohort):
    return url(Cohort, view, cohort.pk)
