from django import template

from lms import nav

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
