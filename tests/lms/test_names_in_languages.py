"""Names in the reader's language (lms.i18n, lms.models.NamedInLanguages): the translation where
one is given, the original otherwise, in Python and in the database alike."""

import pytest
from django.conf import settings
from django.utils import translation

from courses.models import Trade
from lms.i18n import (
    NAME_LANGUAGES,
    name_field,
    names_told_apart,
    translated_name,
    translated_name_expression,
)
from lms.models import Region
from tests import factories


def test_every_interface_language_but_the_default_has_a_name_field():
    others = {code for code, _name in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert set(NAME_LANGUAGES) == others
    for model in (Trade, Region):
        fields = {f.name for f in model._meta.get_fields()}
        assert {f"name_{code}" for code in others} <= fields


@pytest.mark.parametrize(
    ("language", "field"),
    [
        ("es", "name_es"),
        ("it", "name_it"),
        ("pt", "name_pt"),
        ("pt-br", "name_pt"),  # a regional variant reads its language's name
        ("en", "name"),
        ("fr", "name"),  # no field of its own: the original
    ],
)
def test_name_field(language, field):
    assert name_field(language) == field


def test_name_in_falls_back_to_the_original():
    trade = Trade(name="Sales assistant", name_es="Auxiliar de ventas", name_it="")
    assert trade.name_in("es") == "Auxiliar de ventas"
    assert trade.name_in("it") == "Sales assistant"  # blank: the original
    assert trade.name_in("pt") == "Sales assistant"
    assert trade.name_in("en") == "Sales assistant"
    assert translated_name(trade, "es") == "Auxiliar de ventas"


def test_str_is_the_name_in_the_active_language():
    region = Region(name="Islands", code="islands", name_es="Islas", name_it="Isole")
    with translation.override("es"):
        assert str(region) == "Islas"
    with translation.override("it"):
        assert str(region) == "Isole"
        assert region.name_in("es") == "Islas"  # an explicit language wins
    with translation.override("pt"):
        assert str(region) == "Islands"
    with translation.override("en"):
        assert str(region) == "Islands"


@pytest.mark.django_db
def test_the_database_expression_agrees_with_python():
    factories.RegionFactory(name="North", code="north", name_es="Norte", name_it="")
    factories.RegionFactory(name="Centre", code="centre", name_es="", name_it="Centro")
    for language in ("en", "es", "it", "pt"):
        in_database = dict(
            Region.objects.values_list("code", translated_name_expression(language=language))
        )
        in_python = {r.code: r.name_in(language) for r in Region.objects.all()}
        assert in_database == in_python
    with translation.override("es"):  # the active language by default
        assert dict(Region.objects.values_list("code", translated_name_expression())) == {
            "north": "Norte",
            "centre": "Centre",
        }


def test_names_that_read_alike_are_told_apart_by_the_original():
    shown = names_told_apart(
        {
            1: ("Norte", "North"),  # North, in Spanish
            2: ("Norte", "Norte"),  # a region whose original name is Norte
            3: ("Sur", "South"),
            4: ("Centro", "Centre"),
            5: ("Centro", "Middle"),  # two translations alike: both told apart
        }
    )
    assert shown == {
        1: "Norte (North)",
        2: "Norte",
        3: "Sur",
        4: "Centro (Centre)",
        5: "Centro (Middle)",
    }
