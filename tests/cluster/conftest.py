"""The cluster tests (issue 11): two web nodes and a task worker, started by `make cluster`, share
one state. Run with `make test-cluster`; the normal suite ignores this folder.

The test process runs with the cluster's own environment (.cluster/env: production settings, the
cluster's PostgreSQL database), so it can arrange data and check results with the ORM the way an
operator's `manage.py shell` would, while every action a person takes goes over HTTP to a node.
Nothing here uses a test database: each test makes its own people with unique names.
"""

import os
import subprocess
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from django.conf import settings

from courses.models import Cohort, CoursePage, Enrolment
from tests import factories

REPO_DIR = Path(__file__).resolve().parents[2]
CLUSTER_SCRIPT = REPO_DIR / "deploy" / "cluster.sh"
DEMO_COURSE = "Artisan Baking"


def pytest_configure(config):
    if "CLUSTER_WEB_URLS" not in os.environ:
        pytest.exit(
            "The cluster tests need the running cluster and its environment: `make test-cluster`.",
            returncode=2,
        )


@pytest.fixture(autouse=True)
def _cluster_database(django_db_blocker):
    """The cluster's own database, not a test copy: pytest-django would block it otherwise."""
    with django_db_blocker.unblock():
        yield


class Node:
    """One person's browser talking to one web node."""

    def __init__(self, base_url: str):
        self.base_url = base_url
        self.http = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.http.get(self.base_url + path, timeout=30, **kwargs)

    def post(self, path: str, data: dict | None = None, **kwargs) -> requests.Response:
        """A form POST with the CSRF token, as the browser sends it (no redirects followed)."""
        if "csrftoken" not in self.http.cookies:
            self.get("/accounts/login/")
        form = {"csrfmiddlewaretoken": self.http.cookies["csrftoken"], **(data or {})}
        return self.http.post(
            self.base_url + path, data=form, allow_redirects=False, timeout=30, **kwargs
        )

    def log_in(self, username: str, password: str = factories.PASSWORD) -> None:
        response = self.post("/accounts/login/", {"username": username, "password": password})
        assert response.status_code == 302, f"login as {username} failed on {self.base_url}"


@dataclass
class Cluster:
    urls: list[str]
    directory: Path
    worker_id: str

    def node(self, index: int) -> Node:
        """A fresh browser (no cookies) pointed at node `index` (0 or 1)."""
        return Node(self.urls[index])

    def worker_pid(self) -> int | None:
        pid_file = self.directory / "worker.pid"
        return int(pid_file.read_text()) if pid_file.exists() else None

    def worker_kill(self) -> None:
        """SIGKILL: the worker gets no chance to tidy up, as when its machine dies."""
        subprocess.run([CLUSTER_SCRIPT, "worker-kill"], check=True)

    def worker_start(self) -> None:
        subprocess.run([CLUSTER_SCRIPT, "worker-start"], check=True)


@pytest.fixture(scope="session")
def cluster() -> Cluster:
    urls = os.environ["CLUSTER_WEB_URLS"].split(",")
    for url in urls:
        response = requests.get(f"{url}/health/", timeout=10)
        assert response.status_code == 200, f"{url} is not healthy: {response.text}"
    assert settings.DATABASES["default"]["NAME"] == os.environ["DATABASE_URL"].rsplit("/", 1)[1]
    return Cluster(
        urls=urls,
        directory=Path(os.environ["CLUSTER_DIR"]),
        worker_id=os.environ["CLUSTER_WORKER_ID"],
    )


@pytest.fixture
def demo_cohort() -> Cohort:
    """The demo's Artisan Baking cohort (seed_demo), which every node serves."""
    course = CoursePage.objects.get(title=DEMO_COURSE)
    return Cohort.objects.filter(course=course).order_by("pk").first()


def unique_username(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


@pytest.fixture
def new_learner(demo_cohort) -> Callable[[], Enrolment]:
    """A learner made for this test, enrolled in the demo cohort."""

    def make() -> Enrolment:
        learner = factories.LearnerFactory(username=unique_username("cluster-learner"))
        return factories.EnrolmentFactory(learner=learner, cohort=demo_cohort)

    return make


@pytest.fixture
def logged_in(cluster) -> Callable[[int, str], Node]:
    """A browser on node `index`, logged in as `username` (a persona made by a fixture)."""

    def log_in(index: int, username: str) -> Node:
        node = cluster.node(index)
        node.log_in(username)
        return node

    return log_in


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
