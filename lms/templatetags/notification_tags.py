from django import template

from lms import nav

register = template.Library()


@register.simple_tag(takes_context=True)
def notifications_unread(context) -> int:
    """The person's unread notifications, for the navigation: asked in the navigation's one
    query of facts (lms/nav.py), uncached (a cache private to each process would show a stale
    count after a write made by another)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return 0
    return nav.count(request, nav.NOTIFICATIONS_UNREAD)
