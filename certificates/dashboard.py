"""The learner's status in each course, on "My learning" and the course page (a renderer
registered in CertificatesConfig.ready(), see courses/dashboard.py): one plain status and one
next step, decided by `rules.course_status`."""

from django.template.loader import render_to_string

from certificates import selectors


def course_status_cards(request, entries) -> dict:
    standings = selectors.course_statuses(entries=entries)
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
        for entry in entries
    }
