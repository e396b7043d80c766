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
from bs4 import BeautifulSoup
from django.conf import settings

from courses.models import Cohort, CoursePage, Enrolment
from lms.models import User
from tests import factories


@pytest.fixture(scope="session", autouse=True)
def frozen_noon():
    """The servers run in other processes on the real clock: so do these tests (the suite's
    fixed noon, tests/conftest.py, is not for them)."""
    return None


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

    def worker_start(self, *, render_pause: float | None = None) -> None:
        """Start the worker under its id. With `render_pause`, every certificate PDF is held
        that many seconds after rendering and before it is stored (tests/cluster/
        slow_render_worker.py), so that the worker can be killed in the middle of one."""
        environment = dict(os.environ)
        if render_pause is not None:
            environment["CLUSTER_WORKER_RENDER_PAUSE"] = str(render_pause)
        subprocess.run([CLUSTER_SCRIPT, "worker-start"], check=True, env=environment)


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


CERTIFIABLE_COURSE_SLUG = "cluster-test-certified-course"


@pytest.fixture
def certifiable_course() -> CoursePage:
    """A course made for the cluster tests, once per cluster database: it awards a certificate
    for its one required lesson, with no attendance or practical requirement."""
    course = CoursePage.objects.filter(slug=CERTIFIABLE_COURSE_SLUG).first()
    if course is None:
        course = factories.make_certifiable_course(
            title="Cluster test: bread basics", slug=CERTIFIABLE_COURSE_SLUG, lessons=1
        )
    return course


@dataclass
class StaffedCohort:
    cohort: Cohort
    coordinator: User
    trainers: list[User]
    enrolments: list[Enrolment]


@pytest.fixture
def new_cohort(demo_cohort) -> Callable[..., StaffedCohort]:
    """A cohort made for this test, of `course`: its own coordinator, `trainers` trainers and
    `learners` learners, all with unique user names. The learners have no password (they do
    not log in here): hashing one takes the production hasher a second or two on a busy machine.
    """

    def make(*, course: CoursePage, learners: int, trainers: int = 0) -> StaffedCohort:
        coordinator = factories.CoordinatorFactory(username=unique_username("cluster-coord"))
        staff = [
            factories.TrainerFactory(username=unique_username("cluster-trainer"))
            for _ in range(trainers)
        ]
        cohort = factories.CohortFactory(
            course=course,
            name=unique_username("Cluster group"),
            region=demo_cohort.region,
            coordinators=[coordinator],
            trainers=staff,
        )
        enrolments = [
            factories.EnrolmentFactory(
                learner=factories.LearnerFactory(
                    username=unique_username("cluster-learner"), password=None
                ),
                cohort=cohort,
            )
            for _ in range(learners)
        ]
        return StaffedCohort(cohort, coordinator, staff, enrolments)

    return make


def eligible_cohort(new_cohort, course: CoursePage, learners: int) -> StaffedCohort:
    """A new cohort of the certifiable course whose learners have all done its lessons."""
    staffed = new_cohort(course=course, learners=learners)
    for enrolment in staffed.enrolments:
        factories.complete_required_lessons(enrolment)
    return staffed


@pytest.fixture
def logged_in(cluster) -> Callable[[int, str], Node]:
    """A browser on node `index`, logged in as `username` (a persona made by a fixture)."""

    def log_in(index: int, username: str) -> Node:
        node = cluster.node(index)
        node.log_in(username)
        return node

    return log_in


def page(response: requests.Response) -> BeautifulSoup:
    return BeautifulSoup(response.text, "html.parser")


def main_text(response: requests.Response) -> str:
    """The words a person reads in the page's main part (not the scripts' own messages, such as
    the offline helper's "Could not save", which every page carries)."""
    return page(response).select_one("main").get_text(" ", strip=True)


def checked_values(response: requests.Response, name: str) -> list[str]:
    """The values a browser sends for the ticked checkboxes or radio buttons named `name`."""
    return [field["value"] for field in page(response).select(f'input[name="{name}"][checked]')]


def wait_until(condition: Callable[[], bool], *, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    raise AssertionError(f"Timed out after {timeout} s waiting for {what}")
