"""The credential issued with each certificate, and the counter that hands out status list
places. Imported by certificates.models, so Django sees them as the certificates app's."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusIndexCounter(models.Model):
    """The last place given in the status lists. Its one row is locked while a place is taken,
    so a place is given once and never again, even after its credential is revoked."""

    name = models.CharField(_("name"), max_length=20, primary_key=True)
    last = models.BigIntegerField(_("last place given"), default=-1)

    class Meta:
        verbose_name = _("status list counter")

    def __str__(self):
        return f"{self.name}: {self.last}"


class Credential(models.Model):
    """The Open Badges 3.0 credential of one certificate, as signed (a VC-JWT). Its revocation is
    read from its certificate's status into the status list; nothing here changes after issue
    but the holder's choice of public lookup, and the erasure of the holder's data."""

    certificate = models.OneToOneField(
        "certificates.Certificate",
        verbose_name=_("certificate"),
        on_delete=models.PROTECT,
        related_name="credential",
    )
    uuid = models.UUIDField(_("identifier"), default=uuid.uuid4, unique=True, editable=False)
    status_index = models.BigIntegerField(_("place in the status list"), unique=True)
    kid = models.CharField(_("signing key"), max_length=100)
    jwt = models.TextField(_("signed credential"), blank=True)
    public_lookup = models.BooleanField(
        _("anyone holding it may look it up"),
        default=True,
        help_text=_(
            "The holder may withdraw the credential from public lookup; it stays valid for them."
        ),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("digital credential")
        verbose_name_plural = _("digital credentials")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status_index__gte=0), name="credential_status_index_positive"
            )
        ]

    def __str__(self):
        return str(self.uuid)
