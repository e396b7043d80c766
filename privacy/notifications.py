"""The person's notifications, for "My data" (privacy/sections.py): exported as stored, and
deleted on erasure (they name courses and reasons given about the person; no figure counts them)."""

from lms.models import Notification


def _iso(value):
    return value.isoformat() if value is not None else None


def export(user) -> list:
    return [
        {
            "kind": n.kind,
            "details": n.params,
            "sent_at": _iso(n.created_at),
            "read_at": _iso(n.read_at),
            "emailed_at": _iso(n.emailed_at),
        }
        for n in Notification.objects.filter(recipient=user).order_by("created_at", "pk")
    ]


def erase(user) -> list[str]:
    Notification.objects.filter(recipient=user).delete()
    return []
