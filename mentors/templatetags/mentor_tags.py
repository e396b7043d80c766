import datetime

from django import template
from django.utils import timezone

from mentors import selectors

register = template.Library()

# How long the answer to a volunteer request stays on the learner's dashboard.
ANSWER_SHOWN_FOR = datetime.timedelta(days=60)


@register.inclusion_tag("mentors/includes/dashboard_card.html", takes_context=True)
def mentor_card(context):
    """'Become a mentor' on the learner's dashboard: the way to volunteer for those who may, and
    the answer to their request. Lives here so that courses never imports mentors (three
    queries)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    facts = selectors.volunteer_facts(person=user)
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
