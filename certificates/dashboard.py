"""The learner's status in each course, on "My learning" and the course page (a renderer
registered in CertificatesConfig.ready(), see courses/dashboard.py): one plain status and one
next step, decided by `rules.course_status`."""

from collections import defaultdict

from django.template.loader import render_to_string

from assessments.quizzes import selectors as quiz_selectors
from certificates import selectors


def course_status_cards(request, entries) -> dict:
    standings = selectors.course_statuses(entries=entries)
    # Each course's theory tests as a step of its own under the status: where the learner stands
    # and the way to take it, as "My theory tests" says it (two queries, none without tests).
    quiz_steps = defaultdict(list)
    for card in quiz_selectors.quiz_cards(enrolments=[entry.enrolment for entry in entries]):
        if card.enrolment.status != card.enrolment.Status.WITHDRAWN:
            quiz_steps[card.enrolment.pk].append(card)
    return {
        entry.enrolment.pk: render_to_string(
            "certificates/includes/course_status.html",
            {
                "entry": entry,
                "status": standings[entry.enrolment.pk].status,
                "certificate": standings[entry.enrolment.pk].certificate,
            },
            request=request,
        )
        + render_to_string(
            "assessments/quizzes/includes/course_step.html",
            {"cards": quiz_steps[entry.enrolment.pk]},
            request=request,
        )
        for entry in entries
    }
