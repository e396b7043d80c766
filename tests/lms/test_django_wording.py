"""Django's own words, worded in our catalogues (lms/django_wording.py): each msgid is still one
Django uses, and the pages show ours."""

import ast
import inspect
from pathlib import Path

import django
import polib
import pytest
from django.conf import settings

from lms import django_wording

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent


def _msgids() -> set[str]:
    """The strings named in lms/django_wording.py (read from its source, as makemessages does)."""
    tree = ast.parse(inspect.getsource(django_wording))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
            "gettext_noop",
            "ngettext_lazy",
        ):
            found.update(arg.value for arg in node.args[:2] if isinstance(arg, ast.Constant))
    return found


def test_each_is_still_a_msgid_of_django():
    django_ids = set()
    for catalogue in (
        DJANGO / "conf/locale/es/LC_MESSAGES/django.po",
        DJANGO / "contrib/auth/locale/es/LC_MESSAGES/django.po",
    ):
        for entry in polib.pofile(str(catalogue)):
            django_ids.update({entry.msgid, entry.msgid_plural} - {""})
    named = _msgids()
    assert len(named) == 27
    assert named - django_ids == set()


def test_the_password_pages_and_the_login_speak_as_the_site_does(client, world):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt"
    login = client.get("/accounts/login/").text
    assert "Nome de usuário" in login
    assert "Utilizador" not in login
    assert "Palavra-passe" not in login

    client.force_login(world.learner_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get("/accounts/password/").text
    # Django's Spanish read "introduzca la misma contraseña anterior" (as if the old one).
    assert "contraseña anterior" not in page
    assert "Escribe otra vez la contraseña nueva" in page
    assert "Su contraseña" not in page
    refused = client.post(
        "/accounts/password/",
        {"old_password": "wrong", "new_password1": "x", "new_password2": "y"},
    ).text
    assert "vuelva a introducirla" not in refused
    assert "no es tu contraseña actual" in refused
