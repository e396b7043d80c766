from django import template

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def course_index_url(context) -> str:
    """The URL of the live course index, for the navigation bar (kept in the site frame's
    cached fragment: lms/site_frame.py)."""
    request = context.get("request")
    index = CourseIndexPage.objects.live().only("url_path").first()
    return index.get_url(request=request) if index else "/"
