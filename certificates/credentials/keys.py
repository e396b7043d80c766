"""The issuer's Ed25519 signing keys. Never in the database: a JWKS (a JSON object with "keys")
comes from the file named by CREDENTIAL_SIGNING_KEYS_FILE or from the environment variable
CREDENTIAL_SIGNING_KEYS. Each key has a `kid`. One signs (CREDENTIAL_SIGNING_KID, or the last key
with its private part); all are published, so credentials signed with a retired key still verify
(docs/credentials.md, "Key rotation").

Without a configured key, development and tests generate one on first use in
CREDENTIAL_DEV_KEYS_DIR (git-ignored); production has no such folder and refuses to issue."""

import contextlib
import datetime
import functools
import json
import os
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from joserfc.jwk import OKPKey

DEV_KEYS_FILE = "signing-keys.json"


class KeyMissing(ImproperlyConfigured):
    pass


def generate_jwk(*, kid: str | None = None) -> dict:
    """A new Ed25519 key as a private JWK, with a kid (by default today's date)."""
    kid = kid or f"key-{datetime.date.today():%Y-%m-%d}"
    return OKPKey.generate_key("Ed25519", parameters={"kid": kid}).as_dict(private=True)


def _dev_keys(folder: Path) -> str:
    path = folder / DEV_KEYS_FILE
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{DEV_KEYS_FILE}.{os.getpid()}"
        partial.write_text(json.dumps({"keys": [generate_jwk(kid="dev-1")]}))
        partial.chmod(0o600)
        # Two processes starting at once: the first file to land wins, the other is dropped.
        with contextlib.suppress(FileExistsError):
            os.link(partial, path)
        partial.unlink()
    return path.read_text()


@functools.cache
def _load(inline: str, file: str, kid: str, dev_dir: str) -> tuple[dict, str | None]:
    if inline.strip():
        text = inline
    elif file:
        text = Path(file).read_text()
    elif dev_dir:
        text = _dev_keys(Path(dev_dir))
    else:
        return {}, None
    keys = {}
    for entry in json.loads(text)["keys"]:
        if entry.get("kty") != "OKP" or entry.get("crv") != "Ed25519" or not entry.get("kid"):
            raise ImproperlyConfigured("Every credential key must be an Ed25519 JWK with a kid.")
        keys[entry["kid"]] = OKPKey.import_key(entry)
    private = [k for k, key in keys.items() if key.is_private]
    active = kid or (private[-1] if private else None)
    if active is not None and (active not in keys or not keys[active].is_private):
        raise ImproperlyConfigured(f"The signing key {active!r} has no private part here.")
    return keys, active


def _loaded() -> tuple[dict, str | None]:
    dev_dir = getattr(settings, "CREDENTIAL_DEV_KEYS_DIR", None)
    return _load(
        getattr(settings, "CREDENTIAL_SIGNING_KEYS", ""),
        getattr(settings, "CREDENTIAL_SIGNING_KEYS_FILE", ""),
        getattr(settings, "CREDENTIAL_SIGNING_KID", ""),
        str(dev_dir) if dev_dir else "",
    )


def signing_key() -> OKPKey:
    keys, active = _loaded()
    if active is None:
        raise KeyMissing(
            "No key to sign credentials with: set CREDENTIAL_SIGNING_KEYS_FILE or "
            "CREDENTIAL_SIGNING_KEYS (docs/deployment.md)."
        )
    return keys[active]


def key_for(kid: str) -> OKPKey | None:
    return _loaded()[0].get(kid)


def public_jwks() -> dict:
    keys, _active = _loaded()
    return {
        "keys": [
            {**key.as_dict(private=False), "kid": kid, "alg": "Ed25519", "use": "sig"}
            for kid, key in keys.items()
        ]
    }
