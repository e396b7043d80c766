"""Print a new Ed25519 signing key as a JWKS, to add to the keys file (docs/credentials.md)."""

import json

from django.core.management.base import BaseCommand

from certificates.credentials.keys import generate_jwk


class Command(BaseCommand):
    help = "Print a new Ed25519 credential signing key (private JWK in a JWKS) on stdout."

    def add_arguments(self, parser):
        parser.add_argument("--kid", help="The key's id (by default key-YYYY-MM-DD).")

    def handle(self, *args, kid=None, **options):
        self.stdout.write(json.dumps({"keys": [generate_jwk(kid=kid)]}, indent=2))
