"""The course chooser of the admin (a cohort's course, a checklist's course) opens at the course
index, where the courses are, rather than at the root of every language's tree.

Wagtail starts a page chooser at the highest common ancestor of the pages it may choose; with a
tree per language that is the root. Cohorts and checklists point at the original courses
(lms/i18n.py), so the chooser starts at the index of the default language: its modal is opened at
`choose-course/`, which browses from that index, and at `choose-course/<id>/` (where Wagtail's
script asks once a course is chosen, to open at the chosen course's parent) as Wagtail does."""

import functools

from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage


@functools.cache
def _browse():
    # Imported here: models (a checklist's panels) import this module before Wagtail's views
    # can be loaded.
    from wagtail.admin.views.chooser import BrowseView

    return BrowseView.as_view()


def course_index() -> CourseIndexPage | None:
    """The course index holding the original courses (the default language's)."""
    return (
        CourseIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
        or CourseIndexPage.objects.order_by("path").first()
    )


def browse_courses(request, parent_page_id: int | None = None):
    """Wagtail's page chooser, starting at the course index unless told where."""
    if parent_page_id is None:
        index = course_index()
        if index is None:
            return _browse()(request)
        parent_page_id = index.pk
    return _browse()(request, parent_page_id=parent_page_id)


class CourseChooser(AdminPageChooser):
    chooser_modal_url_name = "courses_choose_course"

    def __init__(self, **kwargs):
        super().__init__(target_models=[CoursePage], **kwargs)
