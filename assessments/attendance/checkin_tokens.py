"""The rotating check-in code, stateless: an HMAC (Django's salted_hmac, keyed with SECRET_KEY)
of the session, the window and the 20-second step. Nothing is stored; any web node can make and
check a code. The QR code carries `<window>-<step>-<mac>` in a URL; the typed fallback is six
digits from a second HMAC of the same three values (docs/security.md, "Self check-in")."""

import re
from dataclasses import dataclass

from django.utils.crypto import constant_time_compare, salted_hmac

QR_SALT = "assessments.checkin.qr"
TYPED_SALT = "assessments.checkin.typed"
MAC_LENGTH = 20  # hex characters: 80 bits, and a QR code small enough for a poor camera
TYPED_DIGITS = 6
TOKEN = re.compile(rf"^(\d{{1,12}})-(\d{{1,12}})-([0-9a-f]{{{MAC_LENGTH}}})$")


@dataclass(frozen=True)
class ScannedToken:
    window_id: int
    step: int
    mac: str


def _message(session_id: int, window_id: int, step: int) -> str:
    return f"{session_id}:{window_id}:{step}"


def qr_token(*, session_id: int, window_id: int, step: int) -> str:
    mac = salted_hmac(QR_SALT, _message(session_id, window_id, step), algorithm="sha256")
    return f"{window_id}-{step}-{mac.hexdigest()[:MAC_LENGTH]}"


def typed_code(*, session_id: int, window_id: int, step: int) -> str:
    mac = salted_hmac(TYPED_SALT, _message(session_id, window_id, step), algorithm="sha256")
    return f"{int(mac.hexdigest()[:12], 16) % 10**TYPED_DIGITS:0{TYPED_DIGITS}d}"


def parse(token: str) -> ScannedToken | None:
    """The parts of a QR token, or None if it is not shaped like one (its MAC unchecked)."""
    match = TOKEN.match(token or "")
    if match is None:
        return None
    return ScannedToken(int(match.group(1)), int(match.group(2)), match.group(3))


def qr_token_valid(scanned: ScannedToken, *, session_id: int) -> bool:
    """The token was made by this site for this session, window and step."""
    expected = qr_token(session_id=session_id, window_id=scanned.window_id, step=scanned.step)
    return constant_time_compare(expected, f"{scanned.window_id}-{scanned.step}-{scanned.mac}")


def typed_code_valid(code: str, *, session_id: int, window_id: int, step: int) -> bool:
    return constant_time_compare(
        typed_code(session_id=session_id, window_id=window_id, step=step), code
    )
