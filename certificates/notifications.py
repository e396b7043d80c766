"""What a learner is told about their certificates (kinds registered in CertificatesConfig.ready(),
see lms/notifications.py): the words are made when the notification is read or emailed."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.notifications import NotificationKind

CERTIFICATE_ISSUED = "certificate_issued"
CERTIFICATE_REVOKED = "certificate_revoked"


def _mine(params: dict) -> str:
    return reverse("certificates:mine")


def _label(params: dict) -> str:
    return _("My certificates")


def _revoked_text(params: dict) -> str:
    return _(
        "Your certificate for %(course)s (serial number %(serial)s) was revoked on %(date)s. "
        "The reason given: %(reason)s"
    ) % {
        "course": params["course"],
        "serial": params["serial"],
        "date": date_format(datetime.date.fromisoformat(params["date"]), "DATE_FORMAT"),
        "reason": params["reason"],
    }


KINDS = (
    NotificationKind(
        name=CERTIFICATE_ISSUED,
        text=lambda p: (
            _(
                "Your certificate for %(course)s is ready (serial number %(serial)s). "
                "You can download it from “My certificates”."
            )
            % p
        ),
        subject=lambda p: _("Your certificate for %(course)s") % p,
        link=_mine,
        link_label=_label,
    ),
    NotificationKind(
        name=CERTIFICATE_REVOKED,
        text=_revoked_text,
        subject=lambda p: _("Your certificate for %(course)s was revoked") % p,
        link=_mine,
        link_label=_label,
    ),
)


def issued_params(certificate) -> dict:
    return {
        "course": certificate.course_title,
        "serial": certificate.serial,
        "certificate_id": certificate.pk,
    }


def revoked_params(certificate) -> dict:
    changed = certificate.status_changed_at
    return {
        **issued_params(certificate),
        "reason": certificate.status_reason,
        "date": timezone.localdate(changed).isoformat(),
    }
