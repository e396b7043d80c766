"""Our authenticated lesson page against wagtail-lms's (issue 16 item 9), run by bench/run.py
once the cluster is stopped (it takes the cluster's two ports).

Both sites run on SQLite with the same gunicorn settings (deploy/gunicorn.conf.py and the
cluster's GUNICORN_WORKERS/GUNICORN_THREADS), one per port: ours with the production settings and
the demo data (.bench/ours/), the peer, wagtail-lms from PyPI, in a virtualenv of its own
(.bench/peer-venv) on the same Django and Wagtail versions as ours (bench/peer/: a minimal Wagtail
site; its lesson holds the same text as ours, and its learner is enrolled). Each round loads one
page with wrk, then the other (the order alternating), after a warm-up; the figure is the median
of the rounds.
"""

import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / ".bench"
PEER_VENV = BENCH_DIR / "peer-venv"
PEER_PACKAGE = "wagtail-lms==0.11.1"
GOAL = 1.2


def _requirements() -> list[str]:
    """The peer on exactly our Django, Wagtail, gunicorn (and the log formatter its settings
    file names)."""
    same = ["django", "wagtail", "gunicorn", "python-json-logger"]
    return [PEER_PACKAGE, *(f"{name}=={version(name)}" for name in same)]


def _run(command: list[str], env: dict, log: Path) -> str:
    with log.open("a") as out:
        result = subprocess.run(  # noqa: S603 - our own commands
            command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=out, text=True
        )
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed; see {log}")
    return result.stdout


def ensure_peer_venv() -> None:
    stamp = PEER_VENV / ".requirements"
    wanted = " ".join(_requirements())
    if stamp.exists() and stamp.read_text() == wanted:
        return
    print(f"making .bench/peer-venv ({wanted}) ...", file=sys.stderr, flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)  # noqa: S603
    subprocess.run(  # noqa: S603 - pip with our own arguments
        [str(PEER_VENV / "bin" / "pip"), "install", "--quiet", *_requirements()], check=True
    )
    stamp.write_text(wanted)


def lesson_paragraphs(lesson) -> list[str]:
    """The text of our lesson's body, paragraph by paragraph (tags stripped)."""
    from django.utils.html import strip_tags

    html = str(lesson.body)
    parts = re.split(r"</(?:p|h\d|li)>", html)
    return [text for text in (" ".join(strip_tags(p).split()) for p in parts) if text]


def _server_env(base: dict, port: int) -> dict:
    return {
        **base,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": os.environ.get("GUNICORN_WORKERS", "2"),
        "GUNICORN_THREADS": os.environ.get("GUNICORN_THREADS", "2"),
    }


class Sites:
    """Ours and the peer, each on SQLite under gunicorn; stopped on exit."""

    def __init__(self, ports: tuple[int, int], paragraphs: list[str]):
        self.ports = ports
        self.paragraphs = paragraphs
        self.processes: list[subprocess.Popen] = []
        self.log = BENCH_DIR / "peer.log"

    def _ours_env(self) -> dict:
        from bench.scripts import own_environment

        data = BENCH_DIR / "ours"
        (data / "media").mkdir(parents=True, exist_ok=True)
        return {
            **own_environment(),
            "DJANGO_SETTINGS_MODULE": "lms.settings.production",
            "SECRET_KEY": os.environ["SECRET_KEY"],
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "INSECURE_LOCAL_HTTP": "1",
            "DATABASE_URL": f"sqlite:///{data / 'ours.sqlite3'}",
            "BENCH_BARE_VIEW": "1",  # /bench/bare/ and /bench/frame/, the floors
            "REDIS_URL": "",
            "STATIC_ROOT": os.environ["STATIC_ROOT"],  # the cluster's, collected
            "MEDIA_ROOT": str(data / "media"),
            "PRIVATE_MEDIA_ROOT": str(data / "private_media"),
        }

    def _peer_env(self) -> dict:
        from bench.scripts import own_environment

        data = BENCH_DIR / "peer"
        data.mkdir(parents=True, exist_ok=True)
        return {
            **own_environment(),
            "DJANGO_SETTINGS_MODULE": "peer_site.settings",
            "PYTHONPATH": str(ROOT / "bench" / "peer"),
            "PEER_DATA_DIR": str(data),
            "SECRET_KEY": os.environ["SECRET_KEY"],
        }

    def prepare(self) -> tuple[str, dict]:
        """Both databases made or brought up to date; (our lesson's path, the peer's setup)."""
        ensure_peer_venv()
        print("preparing our site and the peer's on SQLite ...", file=sys.stderr, flush=True)
        python = str(ROOT / ".venv" / "bin" / "python")
        ours = self._ours_env()
        _run([python, "manage.py", "migrate", "--noinput", "-v0"], ours, self.log)
        _run([python, "manage.py", "seed_demo", "--force", "--if-empty"], ours, self.log)
        peer = self._peer_env()
        peer_bin = PEER_VENV / "bin"
        _run([str(peer_bin / "django-admin"), "migrate", "--noinput", "-v0"], peer, self.log)
        text = BENCH_DIR / "lesson-text.json"
        text.write_text(json.dumps({"paragraphs": self.paragraphs}))
        setup = json.loads(
            _run(
                [str(peer_bin / "python"), "bench/peer/setup_peer.py", str(text)], peer, self.log
            ).splitlines()[-1]
        )
        return setup

    def start(self) -> None:
        conf = str(ROOT / "deploy" / "gunicorn.conf.py")
        commands = [
            ([str(ROOT / ".venv" / "bin" / "gunicorn"), "-c", conf, "lms.wsgi"], self._ours_env()),
            (
                [str(PEER_VENV / "bin" / "gunicorn"), "-c", conf, "peer_site.wsgi"],
                self._peer_env(),
            ),
        ]
        out = self.log.open("a")
        for (command, env), port in zip(commands, self.ports, strict=True):
            self.processes.append(
                subprocess.Popen(  # noqa: S603 - gunicorn with our own arguments
                    command, env=_server_env(env, port), cwd=ROOT, stdout=out, stderr=out
                )
            )
        import requests

        for port in self.ports:
            for _ in range(120):
                try:
                    requests.get(f"http://127.0.0.1:{port}/accounts/login/", timeout=30)
                    break
                except requests.RequestException:
                    time.sleep(0.5)
            else:
                self.stop()
                sys.exit(f"the server on port {port} did not start; see {self.log}")

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes = []


def compare(
    lesson, *, rounds: int, seconds: int, connections: int, ports: tuple[int, int] = (8101, 8102)
) -> list[list[str]]:
    """Interleaved wrk rounds, ours vs the peer: the lesson pages, and the floors of both sites
    in the same rounds (the bare view, with no session; the frame, a logged-in person's empty
    page through the site's middleware and base template: bench/peer/peer_site/urls.py has the
    peer's). The table's rows; the first row carries the lesson ratio."""
    from bench.run import Page, check_answers, log_in, wrk

    sites = Sites(ports, lesson_paragraphs(lesson))
    setup = sites.prepare()
    ours_text = sum(len(p) for p in sites.paragraphs)
    ours_url, peer_url = (f"http://127.0.0.1:{port}" for port in ports)
    targets = [
        ("ours lesson", ours_url, Page("our lesson page", lesson.get_url(), "learner")),
        ("peer lesson", peer_url, Page("wagtail-lms lesson page", setup["url"], "learner")),
        ("ours frame", ours_url, Page("our empty logged-in page", "/bench/frame/", "learner")),
        ("peer frame", peer_url, Page("its empty logged-in page", "/bench/frame/", "learner")),
        ("ours bare", ours_url, Page("our bare view, no session", "/bench/bare/", None)),
        ("peer bare", peer_url, Page("wagtail-lms's bare view, no session", "/bench/bare/", None)),
    ]
    figures: dict[str, list[dict]] = {name: [] for name, _url, _page in targets}
    try:
        sites.start()
        cookies = {url: log_in(url, "learner") for url in (ours_url, peer_url)}
        for _name, url, page in targets:
            cookie = cookies[url] if page.persona else None
            check_answers([url], page, cookie)
            wrk([url], page, cookie, seconds=2, connections=connections)  # warm-up
        for n in range(rounds):
            print(f"lesson vs peer: round {n + 1} of {rounds} ...", file=sys.stderr, flush=True)
            for name, url, page in targets if n % 2 == 0 else targets[::-1]:
                cookie = cookies[url] if page.persona else None
                figures[name].append(
                    wrk([url], page, cookie, seconds=seconds, connections=connections)
                )
    finally:
        sites.stop()

    def median(name, key):
        return statistics.median(f[key] for f in figures[name])

    def ratio(ours, theirs):
        return median(ours, "rps") / median(theirs, "rps")

    def per_round(ours, theirs):
        return ", ".join(
            f"{o['rps'] / p['rps']:.2f}"
            for o, p in zip(figures[ours], figures[theirs], strict=True)
        )

    lesson_ratio = ratio("ours lesson", "peer lesson")
    ceiling = ratio("ours frame", "peer lesson")
    met = "met" if lesson_ratio >= GOAL else "NOT met"
    how = (
        f"SQLite, 1 node, {connections} connections, median of {rounds} interleaved wrk rounds "
        f"of {seconds} s"
    )
    notes = {
        "ours lesson": (
            f"{lesson_ratio:.2f}x the peer's req/s (goal >= {GOAL}x: {met}); each round "
            f"{per_round('ours lesson', 'peer lesson')}; lesson text {ours_text} characters; {how}"
        ),
        "peer lesson": f"{PEER_PACKAGE}; lesson text {setup['text_chars']} characters",
        "ours frame": (
            f"{ratio('ours frame', 'peer frame'):.2f}x the peer's empty page (each round "
            f"{per_round('ours frame', 'peer frame')}); {ceiling:.2f}x the peer's lesson page: "
            f"the most our lesson page could reach with our middleware and frame "
            f"({'above' if ceiling >= GOAL else 'below'} the goal of {GOAL}x); "
            f"our lesson page is {ratio('ours lesson', 'ours frame'):.2f}x of it"
        ),
        "peer frame": (
            f"the peer's lesson page is {ratio('peer lesson', 'peer frame'):.2f}x of it"
        ),
        "ours bare": (
            f"{ratio('ours bare', 'peer bare'):.2f}x the peer's bare view (each round "
            f"{per_round('ours bare', 'peer bare')}): the middleware alone"
        ),
        "peer bare": "",
    }
    rows = []
    for name, _url, page in targets:
        errors = sum(f["socket_errors"] + f["status_errors"] for f in figures[name])
        note = notes[name] + (f"; errors: {errors}" if errors else "")
        rows.append(
            [
                f"{page.name} `{page.path}`",
                f"{median(name, 'rps'):.1f}",
                f"{median(name, 'p50_us') / 1000:.1f}",
                f"{median(name, 'p95_us') / 1000:.1f}",
                "",
                note,
            ]
        )
    return rows, {"lesson": lesson_ratio, "ceiling": ceiling}
