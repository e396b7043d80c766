import datetime

import pytest

from certificates.credentials import rules


def test_a_status_index_is_a_list_and_a_position():
    assert rules.status_place(0) == (0, 0)
    assert rules.status_place(rules.LIST_SIZE - 1) == (0, rules.LIST_SIZE - 1)
    assert rules.status_place(rules.LIST_SIZE) == (1, 0)
    with pytest.raises(ValueError, match="never negative"):
        rules.status_place(-1)


def test_the_bitstring_reads_back_exactly_the_bits_set():
    positions = {0, 7, 8, 9, 1000, rules.LIST_SIZE - 1}
    encoded = rules.bitstring_encode(positions)
    assert encoded.startswith("u")
    assert "=" not in encoded
    for position in (*positions, 1, 6, 10, 999, 1001, rules.LIST_SIZE - 2):
        assert rules.bitstring_bit(encoded, position) is (position in positions)


def test_bit_zero_is_the_leftmost_bit_of_the_first_byte():
    import base64
    import gzip

    encoded = rules.bitstring_encode([0])
    text = encoded[1:]
    raw = gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))
    assert raw[0] == 0x80
    assert len(raw) == rules.LIST_SIZE // 8


def test_the_identity_hash_is_open_badges_sha256_of_address_and_salt():
    # The example of the Open Badges specification: "a@example.com" salted with "Kosher".
    assert rules.identity_hash(email="a@example.com", salt="Kosher") == (
        "sha256$b5809d8a92f8858436d7e6b87c12ebc0ae1eac4baecc2c0b913aee2c922ef399"
    )


@pytest.mark.parametrize(
    ("issued", "months", "last"),
    [
        (datetime.date(2024, 3, 1), 24, datetime.date(2026, 2, 28)),
        (datetime.date(2024, 1, 31), 1, datetime.date(2024, 2, 29)),
        (datetime.date(2024, 2, 29), 12, datetime.date(2025, 2, 28)),
        (datetime.date(2024, 3, 1), None, None),
    ],
)
def test_the_last_valid_day(issued, months, last):
    assert rules.last_valid_day(issued_on=issued, validity_months=months) == last


def test_expiry_is_at_the_moment_given_not_a_second_later():
    at = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    second = datetime.timedelta(seconds=1)
    assert rules.expiry_refusal(expires_at=at, now=at - second) is None
    assert rules.expiry_refusal(expires_at=at, now=at) is rules.Refusal.EXPIRED
    assert rules.expiry_refusal(expires_at=None, now=at) is None


def test_every_refusal_has_a_message():
    assert set(rules.REFUSAL_MESSAGES) == set(rules.Refusal)
