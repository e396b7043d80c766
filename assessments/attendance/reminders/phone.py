"""A mobile number as a person types it, checked and written the one way it is kept: E.164."""

from enum import Enum

import phonenumbers


class PhoneRefusal(Enum):
    UNREADABLE = "unreadable"
    INVALID = "invalid"
    NOT_MOBILE = "not_mobile"


# Numbers that may be either (the United States', some others'): text messages may reach them.
_MOBILE_TYPES = {
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
}


def phone_e164(raw: str, *, region: str) -> str | PhoneRefusal:
    """`raw` in E.164 ("+34600123456"), reading a number without its +country code as one of
    `region`; or why it cannot take a text message."""
    try:
        number = phonenumbers.parse(raw, region)
    except phonenumbers.NumberParseException:
        return PhoneRefusal.UNREADABLE
    if not phonenumbers.is_valid_number(number):
        return PhoneRefusal.INVALID
    if phonenumbers.number_type(number) not in _MOBILE_TYPES:
        return PhoneRefusal.NOT_MOBILE
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def phone_readable(e164: str) -> str:
    """An E.164 number written for people ("+34 600 12 31 23")."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
