"""The pages a person sees when the site refuses a request (403, a failed CSRF check, 400) are
the site's own, in the reader's language, and say nothing technical."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.utils import translation
from django.utils.translation.template import templatize
from django.views import defaults

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _marked(template: str) -> set[str]:
    """The strings of a template that makemessages extracts for translation."""
    source = templatize((TEMPLATES / template).read_text())
    return set(re.findall(r"gettext\(u'([^']*)'\)", source))


def test_a_learner_on_a_staff_page_sees_the_sites_own_refusal(client, world):
    client.force_login(world.learner_a)
    for url in ("/workspace/", "/indicators/", "/mentors/register/"):
        response = client.get(url)
        assert response.status_code == 403, url
        text = response.text
        assert "This page is for other roles" in text
        assert "Only people with another role in the programme can open this page." in text
        assert 'class="navbar' in text  # the site's page, not Django's bare one
        assert 'href="/learning/"' in text  # back to "My learning"
        assert "403 Forbidden" not in text


def test_each_is_sent_back_where_they_start_the_day(world):
    factory = RequestFactory()
    for user, start in (
        (world.learner_a, "/learning/"),
        (world.trainer_x, "/workspace/today/"),
        (world.coordinator_x, "/workspace/"),
    ):
        request = factory.get("/somewhere/")
        request.user = user
        response = defaults.permission_denied(request, PermissionDenied())
        assert response.status_code == 403
        assert f'href="{start}"' in response.text


def test_the_refusal_never_shows_the_exceptions_message(world):
    request = RequestFactory().get("/somewhere/")
    request.user = world.learner_a
    response = defaults.permission_denied(
        request, PermissionDenied("cohort 17 of coordinator_x: internal detail")
    )
    assert response.status_code == 403
    assert "This page is for other roles" in response.text
    assert "internal detail" not in response.text
    assert "cohort 17" not in response.text


def test_the_refusal_is_in_the_readers_language(client, world):
    client.force_login(world.learner_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.get("/workspace/")
    assert response.status_code == 403
    assert '<html lang="es">' in response.text
    assert "Mi aprendizaje" in response.text
    assert "Ir a la página de inicio" in response.text
    assert "Esta página es para otras funciones" in response.text
    assert {
        "This page is for other roles",
        "Only people with another role in the programme can open this page.",
    } <= _marked("403.html")


def test_a_form_sent_without_its_csrf_token_gets_the_sites_own_page(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.learner_a)
    response = client.post("/accounts/profile/", {"printed_name": "A"})
    assert response.status_code == 403
    text = response.text
    assert "The form could not be sent" in text
    assert "Go back, reload the page, and try again." in text
    assert 'class="navbar' in text
    assert "CSRF verification failed" not in text
    assert "CSRF" not in text.split('id="main"', 1)[1]


def test_the_csrf_page_for_someone_logging_in_is_in_their_language(world):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    response = client.post("/accounts/login/", {"username": "learner_a", "password": "x"})
    assert response.status_code == 403
    assert '<html lang="es">' in response.text
    assert "Ir a la página de inicio" in response.text
    assert "No se ha podido enviar el formulario" in response.text
    assert {
        "The form could not be sent",
        "Go back, reload the page, and try again.",
    } <= _marked("403_csrf.html")


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "The request could not be understood"),
        ("es", "No se ha podido entender la solicitud"),
    ],
)
def test_a_bad_request_gets_the_sites_own_page(client, language, heading):
    # A host name the site does not serve: Django answers 400 before any view runs.
    response = client.get("/", HTTP_HOST="unknown.example", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert f'<html lang="{language}">' in response.text
    assert heading in response.text
    assert "bootstrap.min.css" in response.text
    assert "unknown.example" not in response.text
    assert "Bad Request (400)" not in response.text
    assert "The request could not be understood" in _marked("400.html")


@pytest.mark.parametrize(
    ("language", "heading"), [("en", "Something went wrong"), ("es", "Algo ha ido mal")]
)
def test_a_server_error_page_is_in_the_readers_language(language, heading):
    with translation.override(language):
        response = defaults.server_error(RequestFactory().get("/"))
    text = response.content.decode()
    assert response.status_code == 500
    assert f'<html lang="{language}">' in text
    assert f"<h1>{heading}</h1>" in text
