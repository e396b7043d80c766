"""Dates and numbers as people read them: the one place every page, e-mail and PDF formats them.

Dates use each language's CLDR "medium" form, from Babel: "4 Dec 2026", "4 dic 2026",
"4 dic 2026", "4 de dez. de 2026". Never "12/04/2026" (read as April in half the world) and
never ISO in a sentence. English is British English: day before month, like the other three.

Rates come from `assessments.attendance.rules.rate` (one decimal, cut) and are written with the
reader's decimal separator and percent sign ("89.6%", "89,6 %"). A learner sees the whole number
below ("89%", never "90%" for 89.9). Machine-readable exports (CSV, XLSX) do not come here: they
keep ISO dates and a dot before the decimals.

The template filters in `lms/templatetags/formats.py` are built into every template
(settings.TEMPLATES "builtins"), so no template needs `{% load %}` to use them."""

import datetime
import functools
from decimal import ROUND_FLOOR, Decimal

from babel import Locale
from babel.dates import format_date, format_skeleton, format_time, get_datetime_format
from babel.numbers import format_percent
from django.conf import settings
from django.utils import timezone, translation

# Babel's locale for each of the site's languages, where the bare code is not the one we mean.
BABEL_LOCALES = {"en": "en_GB"}


@functools.cache
def babel_locale(language: str) -> Locale:
    code = language.split("-")[0].lower()
    return Locale.parse(BABEL_LOCALES.get(code, code))


def _locale(language: str | None) -> Locale:
    return babel_locale(language or translation.get_language() or settings.LANGUAGE_CODE)


def language_name(code: str, language: str | None = None) -> str:
    """A language's name as the reader writes it inside a sentence: 'Spanish', 'español',
    'espanhol' (Django's names are capitalised for menus: 'Español')."""
    if not code:
        return ""
    return _locale(language).languages.get(code.split("-")[0].lower(), code)


def _day(value) -> datetime.date:
    """A date, or a datetime as the day it is where the site is (TIME_ZONE)."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def medium_date(value, language: str | None = None) -> str:
    """'4 Dec 2026' in the reader's language; '' for no date."""
    if value in (None, ""):
        return ""
    return format_date(_day(value), format="medium", locale=_locale(language))


def short_date(value, language: str | None = None) -> str:
    """'4 Dec': a day in a list whose year is plain (a cohort's sessions)."""
    if value in (None, ""):
        return ""
    return format_skeleton("MMMd", _day(value), locale=_locale(language))


def short_weekday_date(value, language: str | None = None) -> str:
    """'Fri 4 Dec': a coming session in a short list."""
    if value in (None, ""):
        return ""
    return format_skeleton("MMMEd", _day(value), locale=_locale(language))


def month_name(value, language: str | None = None) -> str:
    """'Mar', 'mar', 'mar.': a month's short name, as a chart labels its columns."""
    return format_skeleton("MMM", _day(value), locale=_locale(language))


def month_year(value, language: str | None = None) -> str:
    """'Mar 2026', 'mar 2026': a month in a table of figures by month."""
    if value in (None, ""):
        return ""
    return format_skeleton("yMMM", _day(value), locale=_locale(language))


def weekday_date(value, language: str | None = None) -> str:
    """'Fri, 4 Dec 2026': a session's day, where the weekday helps."""
    if value in (None, ""):
        return ""
    return format_skeleton("yMMMEd", _day(value), locale=_locale(language))


def short_time(value, language: str | None = None) -> str:
    """'09:00' (or '9:00' where the language writes it so): a session's time of day."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).time()
    return format_time(value, "short", locale=_locale(language))


def medium_datetime(value, language: str | None = None) -> str:
    """'4 Dec 2026, 09:05' at the site's time zone, in the reader's language."""
    if value in (None, ""):
        return ""
    locale = _locale(language)
    moment = timezone.localtime(value) if timezone.is_aware(value) else value
    pattern = get_datetime_format("medium", locale=locale)
    return pattern.replace("{1}", format_date(moment.date(), "medium", locale=locale)).replace(
        "{0}", format_time(moment.time(), "short", locale=locale)
    )


@functools.cache
def _percent_pattern(locale: Locale, decimals: bool) -> str:
    """The locale's percent pattern ('#,##0%', '#,##0\u00a0%'), with one optional decimal."""
    pattern = locale.percent_formats[None].pattern
    return pattern.replace("#,##0", "#,##0.#", 1) if decimals else pattern


def percent(value, language: str | None = None) -> str:
    """A rate (a percentage, as `rate()` returns it) as the reader writes it: '89.6%', '89,6 %',
    '90%'. '' for no rate. The value is shown as it is, never rounded: `rate()` has already cut
    it to one decimal."""
    if value in (None, ""):
        return ""
    value = Decimal(value)
    locale = _locale(language)
    return format_percent(
        value / 100,
        format=_percent_pattern(locale, decimals=True),
        locale=locale,
        decimal_quantization=False,
    )


def whole(value) -> int | None:
    """A rate as a learner reads it: the whole number at or below it (89.9 -> 89, never 90)."""
    if value in (None, ""):
        return None
    return int(Decimal(value).to_integral_value(rounding=ROUND_FLOOR))


def percent_whole(value, language: str | None = None) -> str:
    """A rate as a learner reads it: '89%' for 89.9, in the reader's way ('89 %')."""
    number = whole(value)
    if number is None:
        return ""
    locale = _locale(language)
    return format_percent(
        Decimal(number) / 100, format=_percent_pattern(locale, decimals=False), locale=locale
    )
