"""The published status lists: which credentials are revoked, read from their certificates.

A list is rebuilt from one query (the revoked places in it). The signed list is cached under the
digest of those places, so a revoke or a re-issue gives a new key at once, whatever wrote it,
and an unchanged list is not signed again."""

import hashlib

from django.core.cache import cache

from certificates.credentials import documents, rules, signing
from certificates.credentials.models import Credential

CACHE_SECONDS = 24 * 3600


def revoked_positions(*, number: int) -> list[int]:
    """Places in list `number` whose certificate is no longer valid (revoked, or replaced by a
    re-issue). One query, whatever the number of credentials."""
    from certificates.models import Certificate

    start = number * rules.LIST_SIZE
    indexes = (
        Credential.objects.filter(status_index__gte=start, status_index__lt=start + rules.LIST_SIZE)
        .exclude(certificate__status=Certificate.Status.VALID)
        .order_by("status_index")
        .values_list("status_index", flat=True)
    )
    return [index - start for index in indexes]


def signed_list(*, number: int) -> str:
    """The status list credential `number` as a signed VC-JWT."""
    positions = revoked_positions(number=number)
    digest = hashlib.sha256(",".join(map(str, positions)).encode()).hexdigest()
    key = f"credentials:status:{number}:{digest}"
    token = cache.get(key)
    if token is None:
        credential = documents.status_list_credential(
            number=number, encoded_list=rules.bitstring_encode(positions)
        )
        token, _kid = signing.sign(
            {
                "iss": documents.issuer_did(),
                "jti": credential["id"],
                "iat": _now_seconds(),
                "vc": credential,
            }
        )
        cache.set(key, token, CACHE_SECONDS)
    return token


def _now_seconds() -> int:
    from django.utils import timezone

    return int(timezone.now().timestamp())
