from django import template
from django.urls import reverse

from workspace import rules

register = template.Library()


@register.simple_tag
def count_url(cohort, link) -> str:
    """Where a count leads: everyone enrolled is on the cohort's own page; every other count
    has its people page."""
    if link.count.name == rules.ENROLLED:
        return reverse("courses:cohort", args=[cohort.pk])
    return reverse("workspace:people", args=[cohort.pk, link.count.name])


@register.simple_tag
def count_text(link) -> str:
    return link.count.text(count=link.number)
