from django import template

register = template.Library()


@register.filter
def whole_minutes(delta) -> int:
    """A timedelta as whole minutes, for messages such as 'try again in 15 minutes'."""
    return int(delta.total_seconds() // 60) if delta else 0
