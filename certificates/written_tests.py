"""What a certificate says of its course's theory tests, frozen into its snapshot at issue."""

import datetime

from django.utils import translation
from django.utils.translation import gettext_lazy as _

from assessments.quizzes import selectors as quiz_selectors
from certificates import rules


def written_tests(quizzes, language: str) -> dict:
    """What the certificate says of the course's theory tests, in its language: the type of
    assessment, the EU field for supervision and identity verification, and each test passed
    with its date. Nothing for a course without a required test."""
    if not rules.has_written_test(quizzes):
        return {}
    names = quiz_selectors.quiz_names(ids=[q.quiz_id for q in quizzes], language=language)
    with translation.override(language):
        supervision = (
            _("supervised, identity verified")
            if rules.written_tests_supervised(quizzes)
            else _("written test unsupervised, identity not verified")
        )
        return {
            "assessment_type": str(_("practical observation and written test")),
            "supervision": str(supervision),
            "written_tests": [
                {"name": names.get(q.quiz_id, q.quiz_name), "passed_on": q.passed_on.isoformat()}
                for q in quizzes
                if q.passed and q.passed_on
            ],
        }


def written_tests_printed(snapshot: dict) -> list[dict]:
    """The snapshot's tests passed as the PDF prints them: each date a date again (the snapshot
    keeps it as ISO text), so that it is written the way the certificate's language writes it."""
    return [
        {**test, "passed_on": datetime.date.fromisoformat(test["passed_on"])}
        for test in snapshot.get("written_tests", ())
    ]
