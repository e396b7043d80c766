"""Check a credential file as /verify/ does: `manage.py credential_verify credential.jwt`."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials.verification import credential_check


class Command(BaseCommand):
    help = "Check a digital credential file (JWT or JSON): signature, issuer, expiry and status."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            content = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        check = credential_check(content)
        if not check.valid:
            raise CommandError(f"Not valid: {check.message}")
        vc = check.credential
        self.stdout.write(self.style.SUCCESS("Valid."))
        self.stdout.write(f"Course: {vc.get('name', '')}")
        self.stdout.write(f"Awarding body: {vc.get('issuer', {}).get('name', '')}")
        self.stdout.write(f"Issued: {vc.get('issuanceDate', '')}")
        if check.certificate is not None:
            self.stdout.write(f"Serial number: {check.certificate.serial}")
