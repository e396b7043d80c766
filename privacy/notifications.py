"""The person's notifications, for "My data" (privacy/sections.py): exported as stored, and
deleted on erasure (they name courses and reasons given about the person; no figure counts them)."""

from lms.models import Notification
from privacy.formats import iso


def export(user) -> list:
    return [
        {
            "kind": n.kind,
            "details": n.params,
            "sent_at": iso(n.created_at),
            "read_at": iso(n.read_at),
            "emailed_at": iso(n.emailed_at),
        }
        for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    ]


def erase(user) -> list[str]:
    Notification.objects.filter(recipient=user).delete()
    return []
