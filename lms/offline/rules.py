"""The rules of writes sent later (docs/offline.md), as pure functions."""

import datetime
import enum
import uuid

# How long the server keeps the key of a write sent later. A phone sends a write again only when
# the answer to its first sending was lost (the signal dropped mid-request), and then at its next
# page with a signal: days, not months. Kept far longer than that, then let go, so that the keys
# (and the answers, which may name lessons or learners) do not pile up for ever.
REPLAY_KEY_KEEP_DAYS = 90


class ReplayRefusal(enum.Enum):
    BAD_KEY = "bad_key"


def replay_key_refusal(key: str) -> ReplayRefusal | None:
    """A write sent later carries a key the phone made (a random UUID): anything else is refused,
    so that keys cannot be guessed or reused across people."""
    try:
        parsed = uuid.UUID(str(key))
    except ValueError:
        return ReplayRefusal.BAD_KEY
    return None if parsed.version == 4 else ReplayRefusal.BAD_KEY


def replay_keys_kept_since(now: datetime.datetime) -> datetime.datetime:
    """Keys of writes sent before this moment may be let go."""
    return now - datetime.timedelta(days=REPLAY_KEY_KEEP_DAYS)
