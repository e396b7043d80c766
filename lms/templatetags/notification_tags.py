from django import template

from lms import selectors

register = template.Library()


@register.simple_tag(takes_context=True)
def notifications_unread(context) -> int:
    """The person's unread notifications, for the navigation: one query per page, uncached (a
    cache private to each process would show a stale count after a write made by another)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return selectors.notifications_unread_count(user=user)
