"""Reads for the shared base: a person's own notifications (nobody else's, whatever their role)."""

from django.db.models import QuerySet

from lms.models import Notification

# The notifications list shows the latest; older ones stay in "My data".
NOTIFICATIONS_SHOWN = 100


def notifications_of(*, user) -> QuerySet[Notification]:
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")
