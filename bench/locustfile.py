"""Locust users of the realistic day (bench/day.py runs this; not part of the project's code).

The plan (BENCH_DAY_PLAN, a JSON file written by bench/day.py) names the accounts, their session
keys and the URLs. Each user starts logged in, spreads over the cluster's nodes, and waits about
2 s between two pages. The statistics are reset once the warm-up is over.
"""

import itertools
import json
import os
import random
import re

import gevent
from locust import HttpUser, between, events, task

PLAN = json.loads(open(os.environ["BENCH_DAY_PLAN"]).read())  # noqa: SIM115
THINK = between(1.5, 2.5)
_learners = itertools.cycle(PLAN["learners"])
_hosts = itertools.cycle(PLAN["hosts"])
VERSION = re.compile(r'name="version-(\d+)" value="(\d+)"')
STATUSES = ["present", "present", "present", "late", "excused", "absent"]


@events.test_start.add_listener
def _reset_after_warmup(environment, **_kwargs):
    def reset():
        gevent.sleep(PLAN["warmup"])
        environment.runner.stats.reset_all()

    gevent.spawn(reset)


class _Person(HttpUser):
    abstract = True
    wait_time = THINK
    username = ""

    def on_start(self):
        # Spread over the nodes; already logged in (bench/day.py made the sessions).
        self.client.base_url = next(_hosts)
        # A new connection for every request: gunicorn closes an idle keep-alive connection
        # after 2 s, the think time, and a request sent on one it is closing fails (a browser
        # would quietly send it again).
        self.client.headers["Connection"] = "close"
        self.host = self.client.base_url
        domain = self.host.split("//", 1)[1].split(":")[0]
        self.client.cookies.set(
            PLAN["cookie_name"], PLAN["sessions"][self.username], domain=domain, path="/"
        )
        # The first page sets the CSRF cookie that the forms then carry.
        response = self.client.get(PLAN["dashboard"], name="first page (warm-up)")
        if response.status_code != 200 or "/accounts/login/" in response.url:
            raise RuntimeError(f"{self.username} is not logged in ({response.status_code})")

    def post(self, path, data, name):
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            path,
            data={**data, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as response:
            # A save answers with a redirect; a roll call saved by the other trainer in between
            # comes back as the form with the conflict shown (200), which is the design.
            if response.status_code in (200, 302):
                response.success()
            else:
                response.failure(f"status {response.status_code}")


class Learner(_Person):
    fixed_count = len(PLAN["learners"])

    def on_start(self):
        self.username = next(_learners)
        super().on_start()

    @task
    def lesson_round(self):
        lesson = random.choice(PLAN["lessons"])
        self.client.get(PLAN["dashboard"], name="learner: dashboard")
        gevent.sleep(THINK(self))
        self.client.get(PLAN["course"], name="learner: course page")
        gevent.sleep(THINK(self))
        self.client.get(lesson["url"], name="learner: lesson page")
        gevent.sleep(THINK(self))
        self.post(lesson["done"], {}, name="learner: mark as done (POST)")
        gevent.sleep(THINK(self))
        self.client.get(PLAN["dashboard"], name="learner: dashboard")


class Trainer(_Person):
    fixed_count = 2
    username = PLAN["trainer"]

    @task
    def roll_call(self):
        path = random.choice(PLAN["roll_calls"])
        page = self.client.get(path, name="trainer: roll call (GET)")
        data = {}
        for pk, version in VERSION.findall(page.text):
            data[f"status-{pk}"] = random.choice(STATUSES)
            data[f"note-{pk}"] = ""
            data[f"version-{pk}"] = version
        gevent.sleep(THINK(self) * 5)  # taking the register takes a while
        self.post(path, data, name="trainer: roll call save (POST)")


class Coordinator(_Person):
    fixed_count = 1
    username = PLAN["coordinator"]

    @task
    def look(self):
        self.client.get(PLAN["caseload"], name="coordinator: caseload")
        gevent.sleep(THINK(self))
        self.client.get(PLAN["indicators"], name="coordinator: indicators")
