"""A translation of the course index made in the admin: coordinators may edit under it at once."""

import pytest
from wagtail.models import GroupPagePermission, Locale

from courses.permissions import PAGE_PERMISSIONS, course_index_permissions_grant
from lms import roles
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_new_translation_of_the_course_index_gets_the_coordinators_permissions():
    index = factories.course_index()
    italian = index.copy_for_translation(Locale.objects.get(language_code="it"), copy_parents=True)

    granted = set(
        GroupPagePermission.objects.filter(page=italian).values_list(
            "group__name", "permission__codename"
        )
    )
    assert granted == {
        (roles.COORDINATOR, codename) for codename in PAGE_PERMISSIONS[roles.COORDINATOR]
    }
    coordinator = factories.CoordinatorFactory()
    assert italian.permissions_for_user(coordinator).can_add_subpage()
    assert italian.permissions_for_user(coordinator).can_edit()


def test_granting_again_adds_nothing():
    index = factories.course_index()
    before = GroupPagePermission.objects.filter(page=index).count()
    course_index_permissions_grant(index=index)
    assert GroupPagePermission.objects.filter(page=index).count() == before > 0


def test_each_app_gives_the_roles_its_own_permissions():
    """Registered in the apps' AppConfig.ready(), ensured after migrate (lms.services)."""
    coordinator = factories.CoordinatorFactory()
    for permission in (
        "courses.change_cohort",
        "courses.change_trade",
        "assessments.change_assessmenttemplate",
        "lms.change_profile",
        "wagtailadmin.access_admin",
    ):
        assert coordinator.has_perm(permission), permission
    assert not factories.TrainerFactory().has_perm("courses.change_cohort")
