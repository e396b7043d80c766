import base64
import json

import pytest


def decode(token: str) -> tuple[dict, dict]:
    """(header, claims) of a compact JWT, unchecked: for reading what a test was given."""

    def part(text):
        return json.loads(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))

    header, payload, _signature = token.split(".")
    return part(header), part(payload)


def one_char_changed(token: str) -> str:
    """The token with one character in the middle of its payload replaced by another."""
    header, payload, signature = token.split(".")
    middle = len(payload) // 2
    swapped = "B" if payload[middle] != "B" else "C"
    return ".".join((header, payload[:middle] + swapped + payload[middle + 1 :], signature))


@pytest.fixture
def credential(certified):
    certified.refresh_from_db()
    return certified.credential
