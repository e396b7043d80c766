from django import template
from django.core.cache import cache

from lms import notifications, selectors

register = template.Library()

# How long a person's unread count is kept; the services that change it forget it at once.
UNREAD_SECONDS = 300


@register.simple_tag(takes_context=True)
def notifications_unread(context) -> int:
    """The person's unread notifications, for the navigation: one query at most per page, none
    while the count is in the cache (notification_send and the read services clear it)."""
    user = getattr(context.get("request"), "user", None)
    if user is None or not user.is_authenticated:
        return 0
    key = notifications.unread_cache_key(user.pk)
    count = cache.get(key)
    if count is None:
        count = selectors.notifications_unread_count(user=user)
        cache.set(key, count, UNREAD_SECONDS)
    return count
