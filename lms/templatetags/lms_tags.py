from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def course_index_url(context) -> str:
    """The URL of the live course index, for the navigation bar."""
    from courses.models import CourseIndexPage

    request = context.get("request")
    cache = getattr(request, "_course_index_url", None) if request else None
    if cache is not None:
        return cache
    index = CourseIndexPage.objects.live().only("url_path").first()
    url = index.get_url(request=request) if index else "/"
    if request is not None:
        request._course_index_url = url
    return url


@register.filter
def whole_minutes(delta) -> int:
    """A timedelta as whole minutes, for messages such as 'try again in 15 minutes'."""
    return int(delta.total_seconds() // 60) if delta else 0
