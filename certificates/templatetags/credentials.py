"""The QR code a wallet scans to fetch a digital credential (segno, as for the PDF's QR code)."""

import segno
from django import template
from django.utils.safestring import mark_safe

from certificates.credentials.documents import hosted_url

register = template.Library()


@register.simple_tag
def credential_qr(credential, title: str = ""):
    """An inline SVG (no image request, nothing for the CSP to allow) of the credential's
    address. segno writes the SVG itself; the only text in it is the escaped title."""
    qr = segno.make(hosted_url(credential.uuid), error="m")
    return mark_safe(  # noqa: S308 - segno's own SVG; the title is escaped by segno
        qr.svg_inline(scale=4, border=2, title=title, svgclass="credential-qr", lineclass=None)
    )


@register.simple_tag
def credential_address(credential) -> str:
    return hosted_url(credential.uuid)
