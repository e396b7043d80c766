"""Writes a person made on their phone without a signal and sent later (lms.ReplayedWrite), in
their data (privacy/sections.py): what was sent, when, and what the server answered. The keys
only stop a write being made twice; erasure deletes them with the answers, which may name
learners or lessons."""

from lms.models import ReplayedWrite


def export(user) -> list:
    """One query."""
    return [
        {"action": action, "outcome": outcome, "answer": message, "sent_at": sent.isoformat()}
        for action, outcome, message, sent in ReplayedWrite.objects.filter(user=user)
        .order_by("created_at", "pk")
        .values_list("action", "outcome", "message", "created_at")
    ]


def erase(user) -> list[str]:
    ReplayedWrite.objects.filter(user=user).delete()
    return []
