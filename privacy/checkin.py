"""Self check-in in a person's data (privacy/sections.py): the sessions they checked themselves in
to, and their printed check-in cards (when made and withdrawn; never the token, which is a key).
Erasure withdraws the cards, so a card left in a drawer checks nobody in, and replaces the
phone's id on each check-in, which could tie the person to whoever else used that phone; the
check-ins themselves stay (the attendance they wrote counts in the figures)."""

from django.db.models import F, Value
from django.db.models.functions import Concat
from django.utils import timezone

from assessments.models import LearnerCard, SelfCheckIn
from privacy.formats import iso


def export(user) -> dict:
    """Two queries."""
    return {
        "self_check_ins": [
            {
                "course": c.session.cohort.course.title,
                "session": c.session.topic,
                "date": iso(c.session.date),
                "checked_in_at": iso(c.checked_in_at),
            }
            for c in SelfCheckIn.objects.filter(enrolment__learner=user)
            .select_related("session__cohort__course")
            .order_by("checked_in_at", "pk")
        ],
        "check_in_cards": [
            {"made_at": iso(made), "withdrawn_at": iso(withdrawn)}
            for made, withdrawn in LearnerCard.objects.filter(learner=user)
            .order_by("created_at", "pk")
            .values_list("created_at", "revoked_at")
        ],
    }


def erase(user) -> list[str]:
    LearnerCard.objects.filter(learner=user, revoked_at=None).update(revoked_at=timezone.now())
    SelfCheckIn.objects.filter(enrolment__learner=user).update(
        device=Concat(Value("erased-"), F("pk"), output_field=SelfCheckIn._meta.get_field("device"))
    )
    return []
