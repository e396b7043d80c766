from django import template
from django.conf import settings
from django.shortcuts import resolve_url
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lms import nav
from lms.profile_sections import IN_SECTION, section_message_tags

register = template.Library()


@register.filter
def whole_minutes(delta) -> int:
    """A timedelta as whole minutes, for messages such as 'try again in 15 minutes'."""
    return int(delta.total_seconds() // 60) if delta else 0


@register.simple_tag(takes_context=True)
def main_nav(context) -> dict:
    """The main navigation's entries for this request's person (lms/nav.py), split into those
    before the "Courses" link and those after it."""
    request = context.get("request")
    shown = nav.entries(request) if request is not None else []
    return {
        "before_courses": [e for e in shown if e.order < nav.COURSES_ORDER],
        "after_courses": [e for e in shown if e.order >= nav.COURSES_ORDER],
    }


@register.simple_tag(takes_context=True)
def landing_link(context) -> dict:
    """The page a person starts from (lms/nav.py landings; "My learning" for everyone else):
    its address and name, for pages that send a person back."""
    landing = nav.landing(context["request"])
    if landing is None:
        return {"url": resolve_url(settings.LOGIN_REDIRECT_URL), "label": _("My learning")}
    return {"url": reverse(landing.url_name), "label": landing.label}


@register.filter
def page_messages(messages) -> list:
    """The messages said at the top of the page: all but those said in a section of it
    (lms.profile_sections.back_to_section)."""
    return [m for m in messages if IN_SECTION not in m.extra_tags.split()]


@register.filter
def section_messages(messages, name: str) -> list:
    """The messages said in the section `name` of "My profile" (lms.profile_sections)."""
    tags = section_message_tags(name)
    return [m for m in messages if m.extra_tags == tags]
