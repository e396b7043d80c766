"""How "My data" writes values that JSON has no type for."""


def iso(value) -> str | None:
    """A date or a date and time as ISO 8601 text; None stays None."""
    return value.isoformat() if value is not None else None
