"""Background work for the shared base, run through Django's task framework."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from lms import notifications
from lms.models import Notification


@task()
def notification_email(notification_id: int) -> bool:
    """Email one notification to its recipient, in their preferred language. Sent once: a
    notification already emailed (or whose recipient has no address) is skipped. Returns
    whether an email went out."""
    notification = (
        Notification.objects.select_related("recipient__profile")
        .filter(pk=notification_id, emailed_at__isnull=True)
        .first()
    )
    if notification is None or not notification.recipient.email:
        return False
    recipient = notification.recipient
    kind = notifications.kind_of(notification.kind)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    with translation.override(notifications.language_of(recipient)):
        [params] = notifications.params_for_reader([notification.params])
        link = kind.link(params)
        context = {
            "name": recipient.display_name,
            "text": kind.text(params),
            "link": base + link if link.startswith("/") else link,
            "link_label": kind.link_label(params),
            "list_url": base + reverse("notifications:list"),
        }
        subject = kind.subject(params)
        body = render_to_string("lms/email_notification.txt", context)
    send_mail(subject, body, None, [recipient.email])
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return True
