"""Course content in the reader's language.

Content has a page tree per language (Wagtail's localisation, edited with simple_translation).
The tree of the default language (LANGUAGE_CODE) holds the ORIGINAL pages: cohorts, enrolments,
lesson completions, assessments and certificates all point at them, so a translation never
changes who may read what or what has been done. A translation is another page with the same
`translation_key`; readers get it where a live one exists in their language, else the original.

Short names that are data, not pages (a trade, a region), are translated in fields of their own
(`NamedInLanguages`): `name` in the default language, `name_es`, `name_it`, `name_pt` beside it,
each optional. Foreign keys and grouping keep pointing at one row per trade or region; only the
words shown change with the reader's language. A session's topic is translated the same way
(`topic`, `topic_es`, ...: `courses.session_topics`), so attendance keeps one row per session.
"""

from collections import Counter

from asgiref.local import Local
from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.http import Http404
from django.utils import translation
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page

# The languages a trade or region name may be given in besides the default one: each has a
# `name_<code>` field on `lms.models.NamedInLanguages` (a test checks they match LANGUAGES).
NAME_LANGUAGES = ("es", "it", "pt")


def language_code(language: str | None = None) -> str:
    """The base code of `language` (the active one by default): "es" for "es-ES"."""
    return (language or translation.get_language() or settings.LANGUAGE_CODE).split("-")[0].lower()


def field_in(original: str, language: str | None = None) -> str:
    """The field that holds the words of field `original` in `language` (the active one by
    default): `name_es`, `topic_it`, ..., or `original` itself for the default language and
    any language without a field of its own."""
    code = language_code(language)
    return f"{original}_{code}" if code in NAME_LANGUAGES else original


def translated_field(obj, original: str, language: str | None = None) -> str:
    """`obj`'s field `original` in `language` (the active one by default), else the original."""
    return getattr(obj, field_in(original, language), "") or getattr(obj, original)


def name_field(language: str | None = None) -> str:
    """The field that holds a name in `language` (the active one by default): `name_es`, ...,
    or `name` for the default language and any language without a field of its own."""
    return field_in("name", language)


def translated_name(obj, language: str | None = None) -> str:
    """`obj`'s name in `language` (the active one by default), else its original name."""
    return translated_field(obj, "name", language)


def names_told_apart(names: dict) -> dict:
    """Each key's name to show, from (name in the reader's language, original name). Where two
    keys would read alike (one region's translation is another region's name) the original
    follows in brackets, so that a reader can tell them apart."""
    counts = Counter(shown for shown, _original in names.values())
    return {
        key: shown if counts[shown] == 1 or shown == original else f"{shown} ({original})"
        for key, (shown, original) in names.items()
    }


def translated_name_expression(prefix: str = "", *, language: str | None = None):
    """The name in `language` (the active one by default) as a database expression, the
    original where no translation is given; `prefix` is the path to the named model, such as
    "cohort__region__". For `values()` and `order_by()` without loading the rows."""
    field = name_field(language)
    if field == "name":
        return F(f"{prefix}name")
    return Coalesce(NullIf(F(f"{prefix}{field}"), Value("")), F(f"{prefix}name"))


def i18n_enabled() -> bool:
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


# The locales of the site, read once while one request is served (the page, its course, its
# neighbours all ask, in the reader's language and the default one): one query per request for
# every language. Kept only from `request_started` to `request_finished`: outside a request
# (commands, tasks, tests) every call reads the table.
_request_locales = Local()


def locales_remember(**kwargs) -> None:
    _request_locales.in_request = True
    _request_locales.by_code = None  # read on the first question


def locales_forget(**kwargs) -> None:
    _request_locales.in_request = False
    _request_locales.by_code = None


def _locale_from_table(language: str | None) -> Locale | None:
    try:
        if language is None:
            return Locale.get_active()
        return Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        return None


def _locale_from(by_code: dict, language: str | None) -> Locale | None:
    """As `_locale_from_table`, from the locales already read: `Locale.get_for_language`'s
    choice of a supported variant, and `Locale.get_active`'s fallback to the default one."""
    codes = [language] if language else [translation.get_language(), settings.LANGUAGE_CODE]
    for code in codes:
        try:
            locale = by_code.get(get_supported_content_language_variant(code))
        except LookupError:
            locale = None
        if locale is not None:
            return locale
    return None


def locale_for(language: str | None = None) -> Locale | None:
    """The Wagtail locale of `language` (the active language by default); the locales are read
    in one query, once per request."""
    if not getattr(_request_locales, "in_request", False):
        return _locale_from_table(language)
    if _request_locales.by_code is None:
        _request_locales.by_code = {locale.language_code: locale for locale in Locale.objects.all()}
    return _locale_from(_request_locales.by_code, language)


def original_of(page: Page) -> Page:
    """The page in the default language's tree that `page` translates (itself if it is one)."""
    if not i18n_enabled():
        return page
    default = locale_for(settings.LANGUAGE_CODE)
    if default is None or page.locale_id == default.pk:
        return page
    return page.get_translation_or_none(default) or page


def localized_pages(pages, *, queryset=None, language: str | None = None, locale=None):
    """Each page replaced by its live translation in `language` (the active one by default),
    where one exists. Two queries at most, however many pages; one if `locale` is given."""
    pages = list(pages)
    if not pages or not i18n_enabled():
        return pages
    locale = locale or locale_for(language)
    if locale is None or all(page.locale_id == locale.pk for page in pages):
        return pages
    if queryset is None:
        queryset = type(pages[0]).objects.all()
    translations = {
        page.translation_key: page
        for page in queryset.filter(
            translation_key__in=[page.translation_key for page in pages], locale=locale
        ).live()
    }
    return [translations.get(page.translation_key, page) for page in pages]


def label_courses_for_reader(enrolments, *, language: str | None = None) -> list:
    """Sets `course_title` on each enrolment: its course's title in the reader's language (the
    live translation's, else the original's), for learners' pages that name their courses.
    The enrolments must have `cohort__course` loaded; two queries at most, however many."""
    enrolments = list(enrolments)
    courses = {e.cohort.course_id: e.cohort.course for e in enrolments}
    titles = {
        course_id: translated.title
        for course_id, translated in zip(
            courses, localized_pages(courses.values(), language=language), strict=True
        )
    }
    for enrolment in enrolments:
        enrolment.course_title = titles[enrolment.cohort.course_id]
    return enrolments


def localized_page(page: Page | None, *, queryset=None, language: str | None = None):
    if page is None:
        return None
    return localized_pages([page], queryset=queryset, language=language)[0]


class FallbackRoutingMixin:
    """A translated page routes a child it lacks through its original: a learner reading in
    Spanish still reaches a course (or a lesson) that has no Spanish translation, in the
    original language, at the same address."""

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components:
                raise
            original = original_of(self)
            if original.pk == self.pk:
                raise
            child = original.get_children().live().filter(slug=path_components[0]).first()
            if child is None:
                raise
            return child.specific.localized.route(request, path_components[1:])
