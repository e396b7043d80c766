"""The course chooser of the admin (a cohort's course, a checklist's course) opens at the course
index, where the courses are, rather than at the root of every language's tree.

Wagtail starts a page chooser at the highest common ancestor of the pages it may choose; with a
tree per language that is the root. Cohorts and checklists point at the original courses
(lms/i18n.py), so the chooser starts at the index of the default language."""

from wagtail.admin.widgets import AdminPageChooser
from wagtail.models import Locale

from courses.models import CourseIndexPage, CoursePage


def course_index() -> CourseIndexPage | None:
    """The course index holding the original courses (the default language's)."""
    return (
        CourseIndexPage.objects.filter(locale=Locale.get_default()).order_by("path").first()
        or CourseIndexPage.objects.order_by("path").first()
    )


class CourseChooser(AdminPageChooser):
    def __init__(self, **kwargs):
        super().__init__(target_models=[CoursePage], **kwargs)

    def get_js_init_options(self, id_, name, value_data):
        opts = super().get_js_init_options(id_, name, value_data)
        if "parentId" not in opts:
            index = course_index()
            if index is not None:
                opts["parentId"] = index.pk
        return opts
