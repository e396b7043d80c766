"""Course content in the reader's language.

Content has a page tree per language (Wagtail's localisation, edited with simple_translation).
The tree of the default language (LANGUAGE_CODE) holds the ORIGINAL pages: cohorts, enrolments,
lesson completions, assessments and certificates all point at them, so a translation never
changes who may read what or what has been done. A translation is another page with the same
`translation_key`; readers get it where a live one exists in their language, else the original.
"""

from django.conf import settings
from django.http import Http404
from wagtail.models import Locale, Page


def i18n_enabled() -> bool:
    return getattr(settings, "WAGTAIL_I18N_ENABLED", False)


def locale_for(language: str | None = None) -> Locale | None:
    """The Wagtail locale of `language` (the active language by default); one query."""
    try:
        if language is None:
            return Locale.get_active()
        return Locale.objects.get_for_language(language)
    except (Locale.DoesNotExist, LookupError):
        return None


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
