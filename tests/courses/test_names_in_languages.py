"""Trade and region names in the other languages: given in the admin (administrators the original
too, coordinators the translations only), shown to learners and staff in their language, and
understood in the CSV import."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from courses.models import Trade
from lms.models import Profile, Region
from tests import factories

pytestmark = pytest.mark.django_db


def url(model, view, *args):
    return reverse(
        f"wagtailsnippets_{model._meta.app_label}_{model._meta.model_name}:{view}", args=args
    )


def _reading_in(client, user, language):
    Profile.objects.filter(user=user).update(preferred_language=language)
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


# --- The admin ---------------------------------------------------------------------------------


def test_administrator_names_a_trade_in_each_language(client, world):
    trade = world.course.trade
    client.force_login(world.superuser)
    form = client.get(url(Trade, "edit", trade.pk))
    for field in ("name", "name_es", "name_it", "name_pt"):
        assert f'name="{field}"' in form.text
    assert "Name in other languages" in form.text

    response = client.post(
        url(Trade, "edit", trade.pk),
        {"name": "Baking", "name_es": "Panadería", "name_it": "Panificazione", "name_pt": ""},
    )

    assert response.status_code == 302
    trade.refresh_from_db()
    assert (trade.name_es, trade.name_it, trade.name_pt) == ("Panadería", "Panificazione", "")
    listing = client.get(url(Trade, "list")).text
    assert "Panadería" in listing
    assert "Panificazione" in listing


def test_administrator_adds_a_region_with_its_names(client, world):
    client.force_login(world.superuser)
    response = client.post(
        url(Region, "add"),
        {"name": "Islands", "code": "islands", "name_es": "Islas", "name_it": "", "name_pt": ""},
    )
    assert response.status_code == 302
    region = Region.objects.get(code="islands")
    assert region.name_in("es") == "Islas"
    assert region.name_in("it") == "Islands"


def test_a_name_too_long_is_refused_with_a_message_and_nothing_changes(client, world):
    trade = world.course.trade
    client.force_login(world.superuser)
    response = client.post(url(Trade, "edit", trade.pk), {"name": "Baking", "name_es": "x" * 101})
    assert response.status_code == 200
    assert "Ensure this value has at most 100 characters" in response.text
    trade.refresh_from_db()
    assert trade.name_es == ""


def test_coordinator_gives_the_translations_but_not_the_original_name_or_code(client, world):
    region = world.cohort_x.region
    original = (region.name, region.code)
    client.force_login(world.coordinator_x)
    form = client.get(url(Region, "edit", region.pk))
    assert form.status_code == 200
    assert 'name="name_es"' in form.text
    assert 'name="name"' not in form.text
    assert 'name="code"' not in form.text

    response = client.post(
        url(Region, "edit", region.pk),
        {"name": "Renamed", "code": "renamed", "name_es": "Norte", "name_it": "Nord"},
    )

    assert response.status_code == 302
    region.refresh_from_db()
    assert (region.name, region.code) == original
    assert (region.name_es, region.name_it) == ("Norte", "Nord")
    trade = world.course.trade
    response = client.post(
        url(Trade, "edit", trade.pk), {"name": "Bread", "name_pt": "Panificação"}
    )
    assert response.status_code == 302
    trade.refresh_from_db()
    assert (trade.name, trade.name_pt) == ("Baking", "Panificação")


def test_trainers_and_learners_cannot_name_anything(client, world):
    trade = world.course.trade
    for user in (world.trainer_x, world.learner_a):
        client.force_login(user)
        client.post(url(Trade, "edit", trade.pk), {"name": "Baking", "name_es": "Robado"})
    trade.refresh_from_db()
    assert trade.name_es == ""


# --- What people read ---------------------------------------------------------------------------


@pytest.fixture
def named(world):
    trade = world.course.trade
    trade.name_es = "Panadería"
    trade.save()
    region = world.cohort_x.region
    region.name_es = "Región del Norte"
    region.save()
    return trade, region


def test_course_page_and_index_name_the_trade_in_the_readers_language(client, world, named):
    client = _reading_in(client, world.learner_a, "es")
    assert "Panadería · Formación profesional" in client.get(world.course.url).text
    index = client.get(world.course.get_parent().url).text
    assert "Panadería · Formación profesional" in index

    client = _reading_in(client, world.learner_a, "it")  # no Italian name: the original
    assert "Baking · Formazione professionale" in client.get(world.course.url).text
    client = _reading_in(client, world.learner_a, "en")
    assert "Baking · Vocational training" in client.get(world.course.url).text


def test_learner_dashboard_names_the_region_in_the_readers_language(client, world, named):
    _trade, region = named
    client = _reading_in(client, world.learner_a, "es")
    assert "Región del Norte" in client.get("/learning/").text
    client = _reading_in(client, world.learner_a, "en")
    page = client.get("/learning/").text
    assert region.name in page
    assert "Región del Norte" not in page


def test_staff_pages_name_the_region_in_the_readers_language(client, world, named):
    client = _reading_in(client, world.coordinator_x, "es")
    assert "Región del Norte" in client.get(reverse("workspace:home")).text
    assert "Región del Norte" in client.get(f"/certificates/cohorts/{world.cohort_x.pk}/").text


def test_profile_lists_regions_by_the_names_the_reader_sees(client, world):
    factories.RegionFactory(name="Mountains", code="mountains", name_es="Sierra")
    factories.RegionFactory(name="North", code="north", name_es="Norte")
    client = _reading_in(client, world.learner_a, "es")
    page = client.get(reverse("profile")).text
    assert page.index(">Norte</option>") < page.index(">Sierra</option>")
    client = _reading_in(client, world.learner_a, "en")
    page = client.get(reverse("profile")).text
    assert page.index(">Mountains</option>") < page.index(">North</option>")


# --- The CSV import -----------------------------------------------------------------------------

HEADER = "username,email,printed_name,region,preferred_language,enrolled_on\n"


def _preview(client, cohort, region_text):
    text = HEADER + f",maria@example.org,María López,{region_text},es,\n"
    response = client.post(
        reverse("courses_enrolment_import", args=[cohort.pk]),
        {"file": SimpleUploadedFile("learners.csv", text.encode(), content_type="text/csv")},
    )
    return response.context["preview"].rows[0]


def test_import_knows_a_region_by_its_name_in_any_language(client, world):
    north = factories.RegionFactory(name="North", code="north", name_es="Norte", name_it="Nord")
    client.force_login(world.coordinator_x)
    for text in ("north", "North", "norte", "Nord"):
        row = _preview(client, world.cohort_x, text)
        assert row.errors == []
        assert row.region == north


def test_import_does_not_guess_between_two_regions_named_alike(client, world):
    factories.RegionFactory(name="North", code="north", name_es="Norte")
    factories.RegionFactory(name="Upper Valley", code="upper", name_it="Norte")
    # The original name of a region wins over another's translation.
    norte = factories.RegionFactory(name="Nord", code="nord", name_es="Norte del Valle")
    client.force_login(world.coordinator_x)
    assert _preview(client, world.cohort_x, "Norte").region is None
    assert _preview(client, world.cohort_x, "Norte").errors
    assert _preview(client, world.cohort_x, "nord").region == norte
