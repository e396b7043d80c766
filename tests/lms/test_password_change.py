"""Changing one's password while logged in."""

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from tests import factories

pytestmark = pytest.mark.django_db

NEW = "a-new-kneading-2026"


def test_the_account_menu_leads_to_the_form(client, world):
    client.force_login(world.learner_a)

    response = client.get(reverse("password_change"))

    assert response.status_code == 200
    assert "Change password" in response.content.decode()


def test_a_wrong_current_password_changes_nothing(client, world):
    client.force_login(world.learner_a)

    response = client.post(
        reverse("password_change"),
        {"old_password": "not-it", "new_password1": NEW, "new_password2": NEW},
    )

    assert response.status_code == 200
    assert "Your old password was entered incorrectly" in response.content.decode()
    world.learner_a.refresh_from_db()
    assert world.learner_a.check_password(factories.PASSWORD)
    assert not ModelLogEntry.objects.filter(action="lms.person.change_password").exists()


def test_a_new_password_is_saved_logged_and_the_person_stays_logged_in(client, world):
    client.force_login(world.learner_a)

    response = client.post(
        reverse("password_change"),
        {"old_password": factories.PASSWORD, "new_password1": NEW, "new_password2": NEW},
    )

    assert response["Location"] == reverse("password_change_done")
    world.learner_a.refresh_from_db()
    assert world.learner_a.check_password(NEW)
    assert client.get(reverse("password_change_done")).status_code == 200  # still logged in
    entry = ModelLogEntry.objects.get(action="lms.person.change_password")
    assert entry.user_id == world.learner_a.pk
    assert NEW not in str(entry.data)


def test_the_form_speaks_the_readers_language(client, world):
    client.force_login(world.learner_a)

    html = client.get(reverse("password_change"), HTTP_ACCEPT_LANGUAGE="es").content.decode()

    assert "Cambiar la contraseña" in html


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    response = client.get(reverse("password_change"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
