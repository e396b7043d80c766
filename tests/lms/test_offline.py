"""The installable app (docs/offline.md): manifest and icons in the organisation's name and
colour, the service worker at the root with the shell's list, the offline page in each language,
the fresh token, whose page an answer is, and the keys that give a write sent twice one effect."""

import datetime
import io
import json
import re
import uuid

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from PIL import Image
from wagtail.models import Site

from lms.models import OrganisationSettings, ReplayedWrite
from lms.offline import rules
from lms.offline.namespace import ANONYMOUS, user_namespace
from lms.offline.services import offline_write_replay, replayed_writes_prune
from tests import factories

pytestmark = pytest.mark.django_db


def organisation() -> OrganisationSettings:
    return OrganisationSettings.for_site(Site.objects.get(is_default_site=True))


def test_the_manifest_carries_the_organisations_name_and_colour(client):
    settings = organisation()
    settings.organisation_name = "Campo Verde"
    settings.theme_colour = "#2e7d32"
    settings.save()
    data = client.get("/manifest.webmanifest").json()
    assert data["name"] == "Campo Verde"
    assert data["theme_color"] == "#2e7d32"
    assert data["display"] == "standalone"
    assert {icon["sizes"] for icon in data["icons"]} >= {"192x192", "512x512"}
    page = client.get("/accounts/login/").text
    assert '<meta name="theme-color" content="#2e7d32">' in page
    assert 'rel="manifest"' in page


@pytest.mark.parametrize("size", [192, 512])
def test_icons_are_pngs_of_the_organisations_colour(client, size):
    settings = organisation()
    settings.theme_colour = "#2e7d32"
    settings.save()
    response = client.get(f"/icons/{size}.png")
    assert response["Content-Type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (size, size)
    assert image.convert("RGB").getpixel((2, 2)) == (0x2E, 0x7D, 0x32)
    assert client.get("/icons/100.png").status_code == 404


def test_a_colour_must_be_a_hex_colour():
    settings = organisation()
    settings.theme_colour = "green"
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_the_worker_is_served_at_the_root_with_the_shell_and_no_inline_code(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    source = response.content.decode()
    assert "self.__WB_MANIFEST" not in source
    assert "self.__WORKER_SCRIPTS" not in source
    scripts = json.loads(re.search(r"importScripts\(\.\.\.(\[.*?\])\)", source).group(1))
    assert scripts[0].endswith("workbox-core.prod.js")
    assert all(script.startswith("/static/") for script in scripts)  # our own files, no CDN
    manifest = json.loads(re.search(r"precacheAndRoute\((\[.*?\])\)", source).group(1))
    urls = {entry["url"] for entry in manifest}
    assert {"/offline/en/", "/offline/es/", "/offline/it/", "/offline/pt/"} <= urls
    assert all(entry["revision"] for entry in manifest)
    for url in urls - {"/offline/en/", "/offline/es/", "/offline/it/", "/offline/pt/"}:
        assert finders.find(url.removeprefix("/static/")), url


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "No signal"),
        ("es", "Sin cobertura"),
        ("it", "Nessuna connessione"),
        ("pt", "Sem rede"),
    ],
)
def test_the_offline_page_speaks_each_language_and_names_nobody(client, world, language, heading):
    client.force_login(world.learner_a)
    page = client.get(f"/offline/{language}/").text
    assert f"<h1>{heading}</h1>" in page
    assert f'lang="{language}"' in page
    assert world.learner_a.username not in page
    assert client.get("/offline/xx/").status_code == 404


@pytest.mark.parametrize(
    ("language", "practical", "smaller"),
    [
        ("en", "A practical assessment: open its record page", "Photos are made smaller"),
        ("es", "Una evaluación práctica: abre su página de registro", "Las fotos se reducen"),
        ("it", "Una valutazione pratica: apri la sua pagina", "Le foto vengono rimpicciolite"),
        ("pt", "Uma avaliação prática: abra a página de registro", "As fotos são reduzidas"),
    ],
)
def test_the_help_page_tells_each_person_what_works_without_a_signal(
    client, world, language, practical, smaller
):
    client.force_login(world.trainer_x)
    client.cookies["django_language"] = language
    page = client.get("/offline/help/").text
    assert practical in page
    assert smaller in page


def test_every_answer_says_whose_page_it_is(client, world):
    assert client.get("/accounts/login/")["Offline-User"] == ANONYMOUS
    client.force_login(world.learner_a)
    mine = client.get("/learning/")["Offline-User"]
    assert mine == user_namespace(world.learner_a) != user_namespace(world.learner_b)
    assert str(world.learner_a.pk) != mine  # not the person's id
    assert f'<meta name="offline-user" content="{mine}">' in client.get("/learning/").text


def test_a_fresh_token_is_never_cached(client, world):
    client.force_login(world.learner_a)
    response = client.get("/offline/csrf/")
    assert response.json()["token"]
    assert "no-cache" in response["Cache-Control"]


def test_keys_must_be_random_uuids():
    assert rules.replay_key_refusal(str(uuid.uuid4())) is None
    assert rules.replay_key_refusal("1") is rules.ReplayRefusal.BAD_KEY
    assert rules.replay_key_refusal(str(uuid.uuid1())) is rules.ReplayRefusal.BAD_KEY


def test_a_write_sent_twice_has_one_effect_and_the_same_answer():
    person = factories.LearnerFactory()
    key = str(uuid.uuid4())
    effects = []

    def perform():
        effects.append(1)
        return "Done once."

    first = offline_write_replay(user=person, key=key, action="test", perform=perform)
    second = offline_write_replay(user=person, key=key, action="test", perform=perform)
    assert effects == [1]
    assert (first.outcome, first.message, first.repeated) == ("done", "Done once.", False)
    assert (second.outcome, second.message, second.repeated) == ("done", "Done once.", True)


def test_a_refusal_is_kept_and_said_again_and_keys_are_per_person():
    person, other = factories.LearnerFactory(), factories.LearnerFactory()
    key = str(uuid.uuid4())

    def refuse():
        raise ValidationError("The learner was withdrawn.")

    first = offline_write_replay(user=person, key=key, action="test", perform=refuse)
    again = offline_write_replay(user=person, key=key, action="test", perform=lambda: "ok")
    assert (first.outcome, again.outcome) == ("refused", "refused")
    assert again.message == "The learner was withdrawn."
    assert again.repeated
    # Another person's key of the same value is another write.
    assert offline_write_replay(user=other, key=key, action="t", perform=lambda: "ok").outcome == (
        "done"
    )
    assert ReplayedWrite.objects.count() == 2


def test_keys_are_let_go_after_the_days_the_rule_keeps_them():
    person = factories.LearnerFactory()
    now = timezone.now()
    old, kept = (
        offline_write_replay(user=person, key=str(uuid.uuid4()), action="t", perform=lambda: "ok")
        for _ in range(2)
    )
    keys = list(ReplayedWrite.objects.order_by("pk"))
    ReplayedWrite.objects.filter(pk=keys[0].pk).update(
        created_at=now - datetime.timedelta(days=rules.REPLAY_KEY_KEEP_DAYS, seconds=1)
    )
    ReplayedWrite.objects.filter(pk=keys[1].pk).update(
        created_at=now
        - datetime.timedelta(days=rules.REPLAY_KEY_KEEP_DAYS)
        + datetime.timedelta(seconds=1)
    )
    out = io.StringIO()
    call_command("offline_keys_prune", stdout=out)
    assert "Let go of 1 keys" in out.getvalue()
    assert list(ReplayedWrite.objects.values_list("pk", flat=True)) == [keys[1].pk]
    assert replayed_writes_prune(now=timezone.now()) == 0  # a second run changes nothing
    assert (old.outcome, kept.outcome) == ("done", "done")


def test_a_conflict_keeps_nothing_so_the_person_can_decide_and_send_again():
    person = factories.LearnerFactory()
    key = str(uuid.uuid4())

    class Conflict(Exception):
        pass

    def conflict():
        raise Conflict

    with pytest.raises(Conflict):
        offline_write_replay(user=person, key=key, action="test", perform=conflict)
    assert not ReplayedWrite.objects.exists()
    assert offline_write_replay(user=person, key=key, action="t", perform=lambda: "ok").outcome == (
        "done"
    )
