import datetime

import pytest
import time_machine
from django.urls import reverse

from lms.models import Profile

pytestmark = pytest.mark.django_db


def test_profile_says_equality_fields_are_optional(client, world):
    client.force_login(world.learner_a)
    response = client.get("/accounts/profile/")
    assert response.status_code == 200
    assert "used only for anonymous equality statistics" in response.text


def test_learner_updates_own_profile(client, world):
    client.force_login(world.learner_a)
    response = client.post(
        "/accounts/profile/",
        {"printed_name": "María José Núñez", "preferred_language": "es", "birth_year": "1990"},
    )
    assert response.status_code == 302
    profile = Profile.objects.get(user=world.learner_a)
    assert profile.printed_name == "María José Núñez"
    assert profile.preferred_language == "es"
    assert profile.gender == ""


def test_bad_birth_year_is_refused_and_nothing_changes(client, world):
    client.force_login(world.learner_a)
    before = Profile.objects.get(user=world.learner_a).printed_name
    response = client.post(
        "/accounts/profile/",
        {"printed_name": "New Name", "preferred_language": "en", "birth_year": "1800"},
    )
    assert response.status_code == 200
    assert "is-invalid" in response.text
    assert Profile.objects.get(user=world.learner_a).printed_name == before


@time_machine.travel(datetime.datetime(2026, 11, 29, 12, tzinfo=datetime.UTC), tick=False)
def test_a_birth_year_in_the_future_is_refused_and_this_year_accepted(client, world):
    client.force_login(world.learner_a)
    profile = {"printed_name": "New Name", "preferred_language": "en"}

    response = client.post("/accounts/profile/", {**profile, "birth_year": "2027"})

    assert response.status_code == 200
    assert "Enter a year no later than 2026." in response.text
    assert Profile.objects.get(user=world.learner_a).birth_year is None

    response = client.post("/accounts/profile/", {**profile, "birth_year": "2026"})

    assert response.status_code == 302
    assert Profile.objects.get(user=world.learner_a).birth_year == 2026


def test_profile_needs_login(client):
    assert client.get("/accounts/profile/").status_code == 302


def test_password_reset_sends_link(client, world, mailoutbox):
    response = client.post("/accounts/password-reset/", {"email": world.learner_a.email})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/reset/" in mailoutbox[0].body
    assert "learner_a" in mailoutbox[0].body
    # Django's subject said "Password reset on …" for what is only a request; ours asks.
    assert mailoutbox[0].subject.startswith("Choose a password for ")


def test_the_password_reset_pages_lead_back_to_logging_in(client):
    for url in ("/accounts/password-reset/", "/accounts/password-reset/sent/"):
        page = client.get(url).text
        assert '<a href="/accounts/login/">Back to log in</a>' in page, url
    assert 'href="/accounts/password-reset/">Send the link again</a>' in (
        client.get("/accounts/password-reset/sent/").text
    )


def test_profile_draws_the_sections_apps_register_only_for_whom_they_apply(client, world):
    from django.template import engines
    from django.template.loaders.locmem import Loader

    from lms import profile_sections

    engine = engines["django"].engine
    template = "tests/profile_section.html"
    locmem = Loader(engine, {template: "<h2 id='profile-word'>{{ section.word }}</h2>"})
    engine.template_loaders.insert(0, locmem)
    profile_sections.section_register(
        name="word",
        order=1,
        template=template,
        context=lambda request: {"word": "Zebra"} if request.user == world.learner_a else None,
    )
    try:
        client.force_login(world.learner_a)
        assert "<h2 id='profile-word'>Zebra</h2>" in client.get("/accounts/profile/").text
        client.force_login(world.learner_b)
        assert "Zebra" not in client.get("/accounts/profile/").text
    finally:
        profile_sections.section_unregister("word")
        engine.template_loaders.remove(locmem)


def _section_and_top(page: str, heading_id: str) -> tuple[str, str]:
    """The page's part above its first section, and the section whose heading has `heading_id`."""
    top = page[: page.index("<section")]
    start = page.index(f'id="{heading_id}"')
    return top, page[start : page.index("</section>", start)]


def test_a_sections_answer_is_said_in_the_section_not_out_of_sight_at_the_top(client, world):
    """A phone shows the section the person was in (the answer's #profile-<name>): what happened
    is said there, beside the button pressed."""
    client.force_login(world.learner_a)
    response = client.post(reverse("attendance:calendar_feed_reset"), follow=True)
    assert response.redirect_chain[-1][0] == "/accounts/profile/#profile-calendar"
    top, section = _section_and_top(response.text, "profile-calendar")
    # The first link: nothing to say of one before.
    assert "Your calendar link is ready." in section
    assert "no longer works" not in section
    assert "Your calendar link is ready." not in top

    top, section = _section_and_top(
        client.post(reverse("attendance:calendar_feed_reset"), follow=True).text, "profile-calendar"
    )
    assert "Your new calendar link is ready. The link you had before no longer works." in section
    assert "calendar link" not in top.split("<main", 1)[1]

    # Said once: the next page says it no more.
    assert "calendar link is ready" not in client.get("/accounts/profile/").text
