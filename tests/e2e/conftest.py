"""Browser journeys (issue 7): Debian's Chromium, driven by Playwright, against a live server with
the demo data, at a phone's size. Run with `make e2e`; the normal suite ignores this folder."""

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.e2e.helpers import ARTIFACTS_DIR, Journey


@pytest.fixture(scope="session", autouse=True)
def frozen_noon():
    """The servers run in other processes on the real clock: so do these tests (the suite's
    fixed noon, tests/conftest.py, is not for them)."""
    return None


REPO_DIR = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling home, and the closed network
# here refuses it.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
# The server's environment (its database), for a journey that prepares data as a person could
# not in a browser, such as letting a day pass (tests/e2e/test_quiz.py).
SERVER_ENV: dict[str, str] = {}
SERVER_START_SECONDS = 60


def server_shell(code: str) -> str:
    """Run Python in the server's `manage.py shell` (its database); the last line it prints."""
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=REPO_DIR,
        env=SERVER_ENV,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""


def _manage(*args: str, env: dict[str, str], log) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=REPO_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        check=True,
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + SERVER_START_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"The server stopped on start-up; see {log_path}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own local server
                return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"The server did not answer {url} in {SERVER_START_SECONDS} s; see {log_path}")


@pytest.fixture(scope="session")
def live_url(tmp_path_factory) -> Iterator[str]:
    """A real server process on a fresh SQLite database holding the demo data.

    A separate process rather than pytest-django's live_server: that one needs a transactional
    database, which is emptied after every test, and the demo data takes a while to build.
    The whole session shares it, so a journey must not count on another journey's changes
    (measure before and after, as the learner's does).

    E2E_LIVE_URL=http://127.0.0.1:PORT runs the journeys against a server already running with
    the demo data instead (quicker while writing a journey)."""
    if url := os.environ.get("E2E_LIVE_URL"):
        SERVER_ENV.update(os.environ)
        yield url.rstrip("/")
        return
    work = tmp_path_factory.mktemp("e2e-server")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.e2e.settings",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "E2E_MEDIA_ROOT": str(work / "media"),
    }
    SERVER_ENV.update(env)
    log_path = ARTIFACTS_DIR / "server.log"
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    with log_path.open("w") as log:
        _manage("migrate", "--noinput", env=env, log=log)
        # --force: the test settings run with DEBUG off, where seed_demo otherwise refuses.
        _manage("seed_demo", "--force", env=env, log=log)
        port = _free_port()
        # --insecure serves the static files (Bootstrap from node_modules) with DEBUG off.
        server = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "runserver",
                "--noreload",
                "--insecure",
                f"127.0.0.1:{port}",
            ],
            cwd=REPO_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(f"{url}/accounts/login/", server, log_path)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=10)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        # Playwright's own browser download does not work here: use the distribution's Chromium.
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_url):
    """A fresh phone-sized browser (no cookies) for each journey."""
    # bypass_csp: the site's policy (script-src 'self') rightly blocks the inline script that
    # page.add_script_tag() uses to inject axe-core; the pages themselves are unaffected.
    context = browser.new_context(
        base_url=live_url,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def journey(page, request) -> Journey:
    """Screenshots and checks of the pages this test visits (see helpers.Journey)."""
    folder = ARTIFACTS_DIR / re.sub(r"[^\w.-]+", "-", request.node.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Journey(page, folder)
