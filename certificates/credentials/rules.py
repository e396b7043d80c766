"""Credential rules as pure functions over plain values: no ORM, no request, no keys.

The Bitstring Status List (W3C): a list of at least 131,072 bits, one per credential, gzipped
and written as multibase base64url ("u" then base64url without padding). Bit 0 is the leftmost
bit of the first byte. A set bit means revoked (a re-issued certificate's old credential too)."""

import base64
import calendar
import datetime
import enum
import gzip
import hashlib

from django.utils.translation import gettext_lazy as _

# The smallest list the specification allows (16 KB), so that a list says little about how
# many credentials there are.
LIST_SIZE = 131_072


def status_place(index: int) -> tuple[int, int]:
    """(list number, position in the list) of a credential's status index."""
    if index < 0:
        raise ValueError("A status index is never negative.")
    return divmod(index, LIST_SIZE)


def bitstring_encode(positions, *, size: int = LIST_SIZE) -> str:
    bits = bytearray(size // 8)
    for position in positions:
        bits[position // 8] |= 0x80 >> (position % 8)
    # mtime=0: the same bits always give the same text, so a list can be compared and cached.
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), mtime=0)).decode().rstrip("=")


def bitstring_bit(encoded: str, position: int) -> bool:
    if not encoded.startswith("u"):
        raise ValueError("The list is not multibase base64url.")
    text = encoded[1:]
    bits = gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    if position // 8 >= len(bits):
        raise ValueError("The position is beyond the end of the list.")
    return bool(bits[position // 8] & (0x80 >> (position % 8)))


def identity_hash(*, email: str, salt: str) -> str:
    """Open Badges' IdentityHash of an email address: sha256 over the address and the salt. The
    holder can prove the address is theirs; nobody can read it back from the credential."""
    digest = hashlib.sha256((email.strip().lower() + salt).encode()).hexdigest()
    return f"sha256${digest}"


def last_valid_day(*, issued_on: datetime.date, validity_months: int | None):
    """The last day a certificate with a validity period is valid, or None if it never expires:
    the day before the same day of the month `validity_months` later, or that month's last day
    when it has no such day. mentors.rules.valid_until (a mentor's certification) reads it."""
    if validity_months is None:
        return None
    month_index = issued_on.month - 1 + validity_months
    year, month = issued_on.year + month_index // 12, month_index % 12 + 1
    days_in_month = calendar.monthrange(year, month)[1]
    if issued_on.day > days_in_month:
        return datetime.date(year, month, days_in_month)
    return datetime.date(year, month, issued_on.day) - datetime.timedelta(days=1)


class Refusal(enum.Enum):
    """Why a credential file is not accepted, each with one plain sentence."""

    UNREADABLE = "unreadable"
    NOT_SIGNED = "not_signed"
    UNKNOWN_KEY = "unknown_key"
    BAD_SIGNATURE = "bad_signature"
    OTHER_ISSUER = "other_issuer"
    NOT_A_BADGE = "not_a_badge"
    EXPIRED = "expired"
    REVOKED = "revoked"
    UNKNOWN_STATUS = "unknown_status"


REFUSAL_MESSAGES = {
    Refusal.UNREADABLE: _(
        "This file is not a digital credential we can read. Upload the credential file as the "
        "holder received it."
    ),
    Refusal.NOT_SIGNED: _("This file carries no signature, so nothing in it can be trusted."),
    Refusal.UNKNOWN_KEY: _(
        "This credential was signed with a key that is not ours: we did not issue it."
    ),
    Refusal.BAD_SIGNATURE: _(
        "The signature does not match the content: the file was altered after we signed it."
    ),
    Refusal.OTHER_ISSUER: _("This credential names another issuer: we did not issue it."),
    Refusal.NOT_A_BADGE: _("This signed file is not an Open Badges credential."),
    Refusal.EXPIRED: _("This credential expired on %(date)s."),
    Refusal.REVOKED: _("This credential was revoked by its issuer and is no longer valid."),
    Refusal.UNKNOWN_STATUS: _(
        "We cannot read this credential's status, so we cannot say it is valid."
    ),
}


def expiry_refusal(*, expires_at: datetime.datetime | None, now: datetime.datetime):
    """EXPIRED when the credential's expiry has passed; None while it is in force."""
    if expires_at is not None and now >= expires_at:
        return Refusal.EXPIRED
    return None
