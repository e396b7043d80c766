"""'Become a mentor' on the learner's dashboard (a part registered in MentorsConfig.ready(), see
courses/dashboard.py): the way to volunteer for those who may, and the answer to their request."""

import datetime

from django.utils import timezone

from mentors import selectors

# How long the answer to a volunteer request stays on the learner's dashboard.
ANSWER_SHOWN_FOR = datetime.timedelta(days=60)


def mentor_card(request) -> dict:
    """The card's context for the logged-in person (two queries)."""
    facts = selectors.volunteer_facts(person=request.user)
    latest = facts.latest
    answered_long_ago = (
        latest is not None
        and latest.decided_at is not None
        and latest.decided_at < timezone.now() - ANSWER_SHOWN_FOR
    )
    if answered_long_ago:
        latest = None
    may_volunteer = facts.refusal is None
    return {
        "show": may_volunteer or latest is not None,
        "may_volunteer": may_volunteer,
        "latest_request": latest,
    }
