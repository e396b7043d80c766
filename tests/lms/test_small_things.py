"""What a first trial noticed: an icon, the admin under the organisation's name, no Gravatar,
capitalised block labels, the course chooser at the course index, lists that do not look
tickable."""

import re

from django.test import override_settings
from wagtail.models import Site

from courses.blocks import LessonBodyBlock
from courses.choosers import course_index
from courses.models import Cohort
from lms.models import OrganisationSettings
from tests.courses.admin_links import url


def test_favicon_answers_at_the_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age=86400" in response["Cache-Control"]


def test_every_page_links_the_icon(client, world):
    html = client.get("/accounts/login/").text
    assert 'rel="icon" href="/static/favicon.svg"' in html


def test_the_admin_is_titled_with_the_organisations_name(client, world):
    organisation = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    organisation.organisation_name = "Centro de Formación Norte"
    organisation.save()
    login = client.get("/admin/login/").text
    assert "<title>Sign in - Centro de Formación Norte</title>" in re.sub(r"\s+", " ", login)
    assert "Sign in to Centro de Formación Norte" in login
    client.force_login(world.superuser)
    home = client.get("/admin/").text
    assert re.search(r"<title>[^<]*- Centro de Formación Norte</title>", home)
    assert "- Wagtail</title>" not in home


def test_no_gravatar_in_the_admin(client, world):
    world.superuser.email = "admin@example.org"
    world.superuser.save()
    client.force_login(world.superuser)
    for page in ("/admin/", url(Cohort, "list"), "/admin/account/"):
        html = client.get(page).text
        assert "gravatar" not in html.lower(), page


@override_settings(WAGTAIL_GRAVATAR_PROVIDER_URL="//www.gravatar.com/avatar")
def test_the_gravatar_check_above_would_see_one(client, world):
    world.superuser.email = "admin@example.org"
    world.superuser.save()
    client.force_login(world.superuser)
    assert "gravatar" in client.get("/admin/").text.lower()


def test_every_block_field_label_is_capitalised():
    labels = []

    def walk(block):
        labels.append(str(block.label))
        for child in getattr(block, "child_blocks", {}).values():
            walk(child)
        if hasattr(block, "child_block"):
            walk(block.child_block)

    walk(LessonBodyBlock())
    labels = [label for label in labels if label]
    assert "Alternative text" in labels
    assert all(label[0].isupper() for label in labels), labels


def test_the_course_chooser_opens_at_the_course_index(client, world):
    index = course_index()
    assert world.course.get_parent().pk == index.pk
    client.force_login(world.superuser)
    form = client.get(url(Cohort, "add")).text
    assert 'data-chooser-url="/admin/choose-course/"' in form
    modal = client.get("/admin/choose-course/", {"page_type": "courses.coursepage"})
    assert modal.status_code == 200
    assert modal.json()["parent_page_id"] == index.pk
    assert world.course.title in modal.json()["html"]


def test_a_chosen_course_reopens_the_chooser_at_its_parent(client, world):
    # Wagtail's script then asks for choose-course/<parent id>/.
    client.force_login(world.superuser)
    parent = world.course.get_parent()
    modal = client.get(f"/admin/choose-course/{parent.pk}/", {"page_type": "courses.coursepage"})
    assert modal.json()["parent_page_id"] == parent.pk


def test_the_course_chooser_is_for_staff_only(client, world):
    client.force_login(world.learner_a)
    response = client.get("/admin/choose-course/")
    assert response.status_code in (302, 403)


def test_a_list_of_things_needed_is_plain_bullets(world):
    block = LessonBodyBlock()
    value = block.to_python(
        [{"type": "checklist", "value": {"title": "You need", "items": ["Flour", "Salt"]}}]
    )
    html = str(value)
    assert "☐" not in html
    assert "list-unstyled" not in html
    assert '<li class="mb-1">Flour</li>' in html
