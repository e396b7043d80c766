"""The people services check who asks before they write, and leave an audit entry."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import ModelLogEntry

from lms import roles
from lms.models import Profile
from lms.services import (
    MSG_NOT_OWN_PROFILE,
    MSG_ROLE_NOT_GRANTABLE,
    profile_update,
    user_grant_role,
)
from tests import factories

pytestmark = pytest.mark.django_db


def test_nobody_changes_another_persons_profile(world):
    before = Profile.objects.get(user=world.learner_a).printed_name

    with pytest.raises(ValidationError) as refused:
        profile_update(user=world.learner_a, by=world.learner_b, printed_name="Someone Else")

    assert refused.value.messages == [str(MSG_NOT_OWN_PROFILE)]
    assert Profile.objects.get(user=world.learner_a).printed_name == before
    assert not ModelLogEntry.objects.filter(action="lms.profile.update").exists()


def test_saving_the_profile_page_is_audited(client, world):
    client.force_login(world.learner_a)

    response = client.post(
        "/accounts/profile/", {"printed_name": "Ana Lima", "preferred_language": "en"}
    )

    assert response.status_code == 302
    entry = ModelLogEntry.objects.get(action="lms.profile.update")
    assert entry.user_id == world.learner_a.pk
    assert entry.object_id == str(Profile.objects.get(user=world.learner_a).pk)


def test_a_coordinator_makes_learners_but_not_staff(world):
    person = factories.UserFactory(username="new_person")

    with pytest.raises(ValidationError) as refused:
        user_grant_role(user=person, role=roles.TRAINER, by=world.coordinator_x)

    assert refused.value.messages == [str(MSG_ROLE_NOT_GRANTABLE)]
    person.refresh_from_db()
    assert not person.is_staff
    assert not person.groups.filter(name=roles.TRAINER).exists()

    user_grant_role(user=person, role=roles.LEARNER, by=world.coordinator_x)

    assert person.groups.filter(name=roles.LEARNER).exists()
    entry = ModelLogEntry.objects.get(action="lms.person.grant_role", object_id=str(person.pk))
    assert (entry.user_id, entry.data) == (world.coordinator_x.pk, {"role": roles.LEARNER})


@pytest.mark.parametrize("role", [roles.LEARNER, roles.TRAINER])
def test_neither_a_learner_nor_a_trainer_gives_roles(world, role):
    person = factories.UserFactory(username="new_person")

    for asker in (world.learner_b, world.trainer_x):
        with pytest.raises(ValidationError):
            user_grant_role(user=person, role=role, by=asker)

    assert not person.groups.exists()


def test_an_administrator_gives_staff_roles(world):
    person = factories.UserFactory(username="new_person")

    user_grant_role(user=person, role=roles.COORDINATOR, by=world.superuser)

    person.refresh_from_db()
    assert person.is_staff
    assert roles.is_coordinator(person)
