"""A translation of the course index made in the admin: coordinators may edit under it at once."""

import pytest
from wagtail.models import GroupPagePermission, Locale

from lms import roles
from lms.roles import PAGE_PERMISSIONS
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
    from lms.services import course_index_permissions_grant

    index = factories.course_index()
    before = GroupPagePermission.objects.filter(page=index).count()
    course_index_permissions_grant(index=index)
    assert GroupPagePermission.objects.filter(page=index).count() == before > 0
