"""What the role groups may do in courses, given by courses itself (`CoursesConfig.ready()`):
model permissions through `lms.roles.permissions_register`, and page permissions on every course
index through `lms.roles.grants_register` (run by `lms.services.roles_ensure` after migrate)."""

from django.contrib.auth.models import Group, Permission

from lms import roles

ROLE_PERMISSIONS = {
    roles.COORDINATOR: [
        ("courses", "cohort", "view_cohort"),
        ("courses", "cohort", "change_cohort"),
        ("courses", "enrolment", "view_enrolment"),
        ("courses", "enrolment", "add_enrolment"),
        ("courses", "enrolment", "change_enrolment"),
        # Name trades in the other languages (the original name stays with administrators).
        ("courses", "trade", "view_trade"),
        ("courses", "trade", "change_trade"),
    ],
}
# Coordinators edit and publish course content under the course index.
PAGE_PERMISSIONS = {roles.COORDINATOR: ["add_page", "change_page", "publish_page"]}


def course_index_permissions_grant(*, index, groups: dict[str, Group] | None = None) -> None:
    """Let the role groups edit the courses under `index` (PAGE_PERMISSIONS). Safe to run again."""
    from wagtail.models import GroupPagePermission

    for name, codenames in PAGE_PERMISSIONS.items():
        group = groups[name] if groups else Group.objects.get_or_create(name=name)[0]
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )


def course_indexes_permissions_grant(*, groups: dict[str, Group]) -> None:
    """Every course index (one per language): a grant run by `lms.services.roles_ensure`."""
    from courses.models import CourseIndexPage

    for index in CourseIndexPage.objects.all():
        course_index_permissions_grant(index=index, groups=groups)


def course_index_created(sender, instance, created, raw=False, **kwargs):
    """A new course index (a translation of the courses' tree made in the admin, say) gets the
    coordinators' page permissions at once, not at the next migrate."""
    if created and not raw:
        course_index_permissions_grant(index=instance)
