"""The site's own address: what `make run PORT=...` serves is what certificates, QR codes and
e-mails point at, and production refuses to run without one (lms/checks.py)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "lms.example.org",
}


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    return subprocess.run(
        args, env={**clean, **env}, cwd=ROOT, capture_output=True, text=True, check=False
    )


@pytest.mark.parametrize("site_url", [None, "", "lms.example.org", "https://example.org/lms/"])
def test_production_refuses_to_run_without_its_public_address(site_url):
    env = dict(PRODUCTION) if site_url is None else {**PRODUCTION, "SITE_URL": site_url}
    result = run([sys.executable, "manage.py", "check"], env)
    assert result.returncode != 0
    assert "lms.E001" in result.stderr
    assert "Set the environment variable SITE_URL" in result.stderr


def test_production_runs_with_its_public_address():
    result = run(
        [sys.executable, "manage.py", "check"],
        {**PRODUCTION, "SITE_URL": "https://lms.example.org/"},
    )
    assert result.returncode == 0, result.stderr


def test_links_sent_out_carry_the_port_served():
    # What `make run PORT=8111` sets (the Makefile passes SITE_URL through).
    code = (
        "import django; django.setup();"
        "from certificates.services import verification_url;"
        "from django.conf import settings;"
        "print(verification_url('abc'), settings.WAGTAILADMIN_BASE_URL)"
    )
    result = run(
        [sys.executable, "-c", code],
        {"DJANGO_SETTINGS_MODULE": "lms.settings.dev", "SITE_URL": "http://127.0.0.1:8111"},
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "http://127.0.0.1:8111/verify/abc/",
        "http://127.0.0.1:8111",
    ]


def test_make_run_passes_its_port_to_the_site():
    result = run(["make", "-n", "run", "PORT=8111"], {})
    assert result.returncode == 0, result.stderr
    serve = [line for line in result.stdout.splitlines() if "runserver" in line]
    assert serve == [
        "SITE_URL=http://127.0.0.1:8111 .venv/bin/python manage.py runserver 127.0.0.1:8111"
    ]
