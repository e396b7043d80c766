from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self):
        from courses import nav, permissions
        from lms import roles

        for role, granted in permissions.ROLE_PERMISSIONS.items():
            roles.permissions_register(role, granted)
        roles.grants_register(permissions.course_indexes_permissions_grant)
        post_save.connect(
            permissions.course_index_created,
            sender="courses.CourseIndexPage",
            dispatch_uid="courses_course_index_created",
        )
        nav.register()
