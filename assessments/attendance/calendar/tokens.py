"""The calendar feed's secret: derived from the feed's nonce with the site's SECRET_KEY, so the
page can show the address again while the database keeps only its SHA-256 (a copy of the
database alone opens no feed)."""

import hashlib
import secrets

from django.utils.crypto import salted_hmac

SALT = "assessments.attendance.calendar.feed"


def new_nonce() -> str:
    return secrets.token_hex(32)


def feed_token(*, user_id: int, nonce: str) -> str:
    return salted_hmac(SALT, f"{user_id}:{nonce}", algorithm="sha256").hexdigest()


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
