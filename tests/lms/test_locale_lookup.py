"""lms.i18n.locale_for: within a request the site's locales are read once, in one query, and
each answer is the one Wagtail's own lookups give (Locale.get_for_language, Locale.get_active)."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from lms.i18n import locale_for

pytestmark = pytest.mark.django_db

QUESTIONS = [("es", None), ("it", None), ("pt-br", None), ("fr", None), (None, "es"), (None, "fr")]


def wagtails_answer(language, active):
    with translation.override(active):
        try:
            if language is None:
                return Locale.get_active()
            return Locale.objects.get_for_language(language)
        except (Locale.DoesNotExist, LookupError):
            return None


def test_in_a_request_every_language_costs_one_query_with_wagtails_answers():
    assert Locale.objects.filter(language_code__in=["en", "es", "it", "pt"]).count() == 4
    expected = [wagtails_answer(language, active) for language, active in QUESTIONS]
    assert expected[3] is None  # French is no content language here
    assert expected[5] == Locale.objects.get(language_code="en")  # get_active falls back

    # As Django's test client does: the signals' close_old_connections would close the test's
    # connection (on PostgreSQL), which the rest of the test still needs.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    try:
        with CaptureQueriesContext(connection) as queries:
            answers = []
            for language, active in [*QUESTIONS, ("en", None), (None, "it")]:
                with translation.override(active):
                    answers.append(locale_for(language))
    finally:
        request_finished.send(sender=None)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    assert len(queries) == 1
    assert answers[: len(QUESTIONS)] == expected
    assert answers[-2:] == [wagtails_answer("en", None), wagtails_answer(None, "it")]


def test_outside_a_request_each_call_reads_the_table():
    # A command or a task lives longer than a request: a locale added meanwhile is seen.
    with CaptureQueriesContext(connection) as queries:
        assert locale_for("es") == Locale.objects.get(language_code="es")
        assert locale_for("es") == Locale.objects.get(language_code="es")
    assert len(queries) == 4
