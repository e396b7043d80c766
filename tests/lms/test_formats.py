"""Dates and rates as each language writes them (lms/formats.py), and the filters every template
gets without loading them."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from lms import formats

DAY = datetime.date(2026, 12, 4)
NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "4 Dec 2026"),
        ("es", "4 dic 2026"),  # month names in lower case, as Spanish writes them
        ("it", "4 dic 2026"),
        ("pt", "4 de dez. de 2026"),
    ],
)
def test_the_medium_date_of_each_language(language, shown):
    assert formats.medium_date(DAY, language) == shown
    with translation.override(language):
        assert formats.medium_date(DAY) == shown
        assert Template("{{ day|medium_date }}").render(Context({"day": DAY})) == shown


def test_never_the_numeric_or_iso_form():
    for language in ("en", "es", "it", "pt"):
        shown = formats.medium_date(DAY, language)
        assert "12/04" not in shown
        assert "04/12" not in shown
        assert "2026-12-04" not in shown


def test_a_moment_is_the_day_and_time_where_the_site_is():
    # 23:30 UTC on 4 December is 00:30 on 5 December in Rome (TIME_ZONE).
    moment = datetime.datetime(2026, 12, 4, 23, 30, tzinfo=datetime.UTC)
    assert formats.medium_date(moment, "en") == "5 Dec 2026"
    assert formats.medium_datetime(moment, "en") == "5 Dec 2026, 00:30"
    assert formats.medium_datetime(moment, "pt") == "5 de dez. de 2026 00:30"


def test_short_and_weekday_forms():
    assert formats.short_date(DAY, "en") == "4 Dec"
    assert formats.short_date(DAY, "es") == "4 dic"
    assert formats.weekday_date(DAY, "en") == "Fri, 4 Dec 2026"
    assert formats.short_weekday_date(DAY, "en") == "Fri 4 Dec"


def test_nothing_shows_as_nothing():
    for function in (formats.medium_date, formats.medium_datetime, formats.percent):
        assert function(None, "en") == ""
    assert formats.percent_whole(None, "en") == ""


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("en", "89.9", "89.9%"),
        ("es", "89.6", f"89,6{NBSP}%"),
        ("it", "89.6", "89,6%"),
        ("pt", "89.6", "89,6%"),
        ("en", "90.0", "90%"),
        ("en", "100.0", "100%"),
        ("en", "0.0", "0%"),
        # A certificate issued before rates had one decimal keeps the figure it carried.
        ("en", "89.65", "89.65%"),
    ],
)
def test_a_rate_with_the_readers_decimal_separator_never_rounded(language, value, shown):
    assert formats.percent(Decimal(value), language) == shown


@pytest.mark.parametrize(
    ("value", "whole"),
    [("89.9", 89), ("89.0", 89), ("90.0", 90), ("0.9", 0), ("100.0", 100)],
)
def test_a_learner_sees_the_whole_number_below(value, whole):
    assert formats.whole(Decimal(value)) == whole
    assert formats.percent_whole(Decimal(value), "en") == f"{whole}%"


def test_a_learner_never_sees_ninety_for_eighty_nine_point_nine():
    assert formats.percent_whole(Decimal("89.9"), "en") == "89%"
    assert formats.percent_whole(Decimal("89.9"), "es") == f"89{NBSP}%"
