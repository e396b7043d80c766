import pytest
from django.conf import settings

from lms.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


def test_login_uses_the_preferred_language(client, world):
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    response = client.post(
        "/accounts/login/", {"username": "learner_a", "password": factories.PASSWORD}
    )
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_switching_language_is_remembered_in_the_profile(client, world):
    client.force_login(world.learner_a)
    response = client.post("/i18n/setlang/", {"language": "it", "next": "/learning/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "it"
    assert Profile.objects.get(user=world.learner_a).preferred_language == "it"


def test_unknown_language_changes_nothing(client, world):
    client.force_login(world.learner_a)
    client.post("/i18n/setlang/", {"language": "xx", "next": "/learning/"})
    assert Profile.objects.get(user=world.learner_a).preferred_language == "en"


def test_anonymous_switch_sets_only_the_cookie(client, world):
    response = client.post("/i18n/setlang/", {"language": "pt", "next": "/"})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt"


def test_switcher_on_every_page(client, world):
    response = client.get("/courses/")
    assert 'action="/i18n/setlang/"' in response.text
    assert 'lang="es"' in response.text


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "The username or the password is not right."),
        ("es", "El nombre de usuario o la contraseña no son correctos."),
        ("it", "Il nome utente o la password non sono corretti."),
        ("pt", "O nome de usuário ou a senha não estão corretos."),
    ],
)
def test_a_refused_login_is_said_plainly_and_alike_for_an_unknown_username(
    client, world, language, said
):
    """Django's own words were formal and long ("Por favor, introduzca … Observe que …"), and
    told nothing of whether the account exists: ours neither."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    pages = [
        client.post("/accounts/login/", {"username": username, "password": "not-it"}).text
        for username in ("learner_a", "nobody-at-all")
    ]
    alerts = [page[page.index("alert-danger") :].split("</ul>")[0] for page in pages]
    assert said in alerts[0]
    assert "introduzca" not in alerts[0]
    assert alerts[0] == alerts[1]
