"""Production refuses to start without its secrets."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_production(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "lms.settings.production", **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "lms.example.org"}, "SECRET_KEY"),
    ],
)
def test_production_refuses_to_start_without_secrets(env, missing):
    result = load_production(env)
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set in production." in result.stderr


def test_production_starts_with_secrets():
    result = load_production({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "lms.example.org"})
    assert result.returncode == 0, result.stderr
