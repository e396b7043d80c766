"""Where one page's time goes, by phase, in one warm process (issue 16; docs/performance.md).

Runs in our virtualenv or the peer's (bench/peer.py), with the settings of the environment:

    python bench/phases.py --user learner /courses/artisan-baking/ /learning/ [--rounds 200]
    python bench/phases.py --cprofile 30 --user learner /courses/artisan-baking/safety-and-hygiene/
    BENCH_BARE_VIEW=1 python bench/phases.py --middleware anon:/bench/bare/ /bench/frame/

Each request goes through the real WSGI handler (every middleware, WhiteNoise included), with a
logged-in session cookie, not through the test client (which records every template's context).
Timers around each phase, each counting only its own time (a phase inside another is taken out
of the outer one), and the queries made in each:

- Wagtail routing: `Page.route_for_request` (the site lookup and the walk down the tree);
- view restrictions and hooks: Wagtail's `before_serve_page` and `on_serve_page` hooks (the
  view-restriction check is one);
- selectors: the page's `get_context` (or, for a plain Django view, the view itself);
- template: rendering the page's template (with everything it includes and the tags it runs);
- serving, other: the rest of Wagtail's serving view (the page's own `serve`);
- middleware, session, user: the rest (the handler, every middleware, the session and the user).

Times are the process's CPU time (`--wall` for the wall clock). The first rounds warm the
process up; the figure is the median of the rest, the paths taking turns round after round.
A table on stdout, and the figures as one JSON line (BENCH_JSON). Not a test.
"""

import argparse
import cProfile
import json
import os
import pstats
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.handlers import base as handler_base  # noqa: E402
from django.core.wsgi import get_wsgi_application  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.backends import django as django_backend  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail import hooks as wagtail_hooks  # noqa: E402
from wagtail import views as wagtail_views  # noqa: E402
from wagtail.models import Page  # noqa: E402

REST = "middleware, session, user"
SERVE = "serving, other"
PHASES = (
    "Wagtail routing",
    "view restrictions and hooks",
    "selectors",
    "template",
    SERVE,
    REST,
)


class Clock:
    """Exclusive time and queries per phase: entering a phase stops the clock of the one it
    interrupts."""

    def __init__(self):
        self.stack = [BASE[0]]
        self.mark = CLOCK_NOW()
        self.ms = defaultdict(float)
        self.queries = defaultdict(int)
        self.sql_ms = 0.0
        self.statements = []

    def _charge(self):
        now = CLOCK_NOW()
        self.ms[self.stack[-1]] += (now - self.mark) * 1000
        self.mark = now

    def enter(self, phase):
        self._charge()
        self.stack.append(phase)

    def leave(self):
        self._charge()
        self.stack.pop()

    def query(self, execute, sql, params, many, context):
        self.queries[self.stack[-1]] += 1
        started = CLOCK_NOW()
        try:
            return execute(sql, params, many, context)
        finally:
            took = (CLOCK_NOW() - started) * 1000
            self.sql_ms += took
            self.statements.append((self.stack[-1], took, sql))


CLOCK: Clock | None = None
# The process's CPU time by default: on a machine shared with other jobs, the time spent waiting
# for a core is not the page's cost (SQLite runs in this process, so its work is counted).
CLOCK_NOW = time.process_time
SHOW_SQL = 0  # --sql: print the last request's statements, each cut to this many characters


def timed(phase, function):
    def wrapper(*args, **kwargs):
        if CLOCK is None:
            return function(*args, **kwargs)
        CLOCK.enter(phase)
        try:
            return function(*args, **kwargs)
        finally:
            CLOCK.leave()

    wrapper.__wrapped__ = function
    return wrapper


def instrument() -> None:
    """Timers around each phase, without changing what any of them does."""
    route_for_request = Page.route_for_request

    def routed(request, path):
        result = timed("Wagtail routing", route_for_request)(request, path)
        if result is not None:
            page = result[0]
            page.get_context = timed("selectors", page.get_context)
        return result

    Page.route_for_request = staticmethod(routed)

    get_hooks = wagtail_hooks.get_hooks

    def hooks_timed(name):
        found = get_hooks(name)
        if name == "before_serve_page":
            return [timed("view restrictions and hooks", fn) for fn in found]
        if name == "on_serve_page":
            # Each wraps the serving chain: its own work is timed, the chain inside it is not.
            return [
                lambda chain, fn=fn: timed("view restrictions and hooks", fn(timed(SERVE, chain)))
                for fn in found
            ]
        return found

    wagtail_views.hooks = type("Hooks", (), {"get_hooks": staticmethod(hooks_timed)})

    resolve_request = handler_base.BaseHandler.resolve_request

    def resolved(self, request):
        match = resolve_request(self, request)
        # A plain Django view's own work is the selectors' (scope, call, render); Wagtail's
        # serving view's, outside the phases above, is the page's `serve` (and the view's own).
        phase = SERVE if match.func is wagtail_views.serve else "selectors"
        match.func = timed(phase, match.func)
        return match

    handler_base.BaseHandler.resolve_request = resolved
    django_backend.Template.render = timed("template", django_backend.Template.render)


def session_cookie(username: str) -> str:
    from django.contrib.auth import get_user_model

    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def request(app, path: str, cookie: str) -> int:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": __import__("io").BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    status = []
    body = app(environ, lambda s, headers, exc_info=None: status.append(s))
    try:
        b"".join(body)
    finally:
        if hasattr(body, "close"):
            body.close()  # request_finished: Django closes the connection if CONN_MAX_AGE is 0
    return int(status[0].split()[0])


def address(path: str, cookie: str) -> tuple[str, str]:
    """A path written `anon:/bench/bare/` is asked for without the session cookie."""
    if path.startswith("anon:"):
        return path.removeprefix("anon:"), ""
    return path, cookie


def measure(app, paths: list[str], cookie: str, *, rounds: int, warmup: int) -> list[dict]:
    """The paths in turn, round after round (so that a slower moment of a shared machine
    falls on all of them), after `warmup` rounds."""
    global CLOCK
    samples = {path: [] for path in paths}
    for n in range(warmup + rounds):
        for path in paths:
            CLOCK = Clock()
            started = CLOCK_NOW()
            with connection.execute_wrapper(CLOCK.query):
                status = request(app, *address(path, cookie))
            total = (CLOCK_NOW() - started) * 1000
            CLOCK._charge()
            if status != 200:
                sys.exit(f"{path} answered {status}, not 200.")
            if SHOW_SQL and n == warmup + rounds - 1:
                print(f"{path}:", file=sys.stderr)
                for phase, took, sql in CLOCK.statements:
                    print(f"  [{phase}] {took:.2f} ms {sql[:SHOW_SQL]}", file=sys.stderr)
            if n >= warmup:
                samples[path].append((total, dict(CLOCK.ms), dict(CLOCK.queries), CLOCK.sql_ms))
            CLOCK = None
    results = []
    for path, taken in samples.items():
        phases = sorted({phase for s in taken for phase in s[1]}, key=order)
        results.append(
            {
                "path": path,
                "total_ms": statistics.median(s[0] for s in taken),
                "spread_ms": [
                    statistics.quantiles([s[0] for s in taken], n=4)[0],
                    statistics.quantiles([s[0] for s in taken], n=4)[2],
                ],
                "sql_ms": statistics.median(s[3] for s in taken),
                "phases": {
                    phase: {
                        "ms": statistics.median(s[1].get(phase, 0.0) for s in taken),
                        "queries": taken[-1][2].get(phase, 0),
                    }
                    for phase in phases
                },
            }
        )
    return results


def order(phase: str) -> int:
    return PHASES.index(phase) if phase in PHASES else len(PHASES) + MIDDLEWARE.index(phase)


MIDDLEWARE: list[str] = []
BASE = [REST]  # the phase of whatever no timer covers
HANDLER = "Django's handler (WSGI, URL resolving)"


def instrument_middleware(app) -> None:
    """Each middleware's own time (before and after the ones below it) as a phase of its own,
    named by its class; the rest of "middleware, session, user" is Django's handler. A query
    is charged to the middleware that first needs it (the session and the user are loaded
    lazily, by whichever middleware asks first)."""
    link = app._middleware_chain
    names = []
    while hasattr(link, "__wrapped__") and hasattr(link.__wrapped__, "get_response"):
        instance = link.__wrapped__
        names.append(type(instance).__name__)
        link = instance.get_response
    MIDDLEWARE.extend(names)
    link = app._middleware_chain
    app._middleware_chain = timed(names[0], link)
    BASE[0] = HANDLER
    MIDDLEWARE.append(HANDLER)
    for below in [*names[1:], HANDLER]:
        instance = link.__wrapped__
        link = instance.get_response
        instance.get_response = timed(below, link)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--user", default="learner")
    parser.add_argument("--language", help="the language cookie to send (es, it, pt)")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=30)
    parser.add_argument("--cprofile", type=int, default=0, help="print the top N functions")
    parser.add_argument("--sort", default="cumulative", help="cProfile's order (tottime, ...)")
    parser.add_argument(
        "--middleware", action="store_true", help="each middleware's own time as a phase"
    )
    parser.add_argument(
        "--wall", action="store_true", help="wall-clock time instead of the process's CPU time"
    )
    parser.add_argument("--sql", type=int, default=0, help="print the statements (N chars)")
    args = parser.parse_args()
    global SHOW_SQL, CLOCK_NOW
    SHOW_SQL = args.sql
    if args.wall:
        CLOCK_NOW = time.perf_counter

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "")
    app = get_wsgi_application()
    instrument()
    if args.middleware:
        instrument_middleware(app)
    cookie = session_cookie(args.user) if args.user else ""
    if args.language:
        cookie = f"{cookie}; {settings.LANGUAGE_COOKIE_NAME}={args.language}".lstrip("; ")
    for path in args.paths:
        if args.cprofile:
            for _ in range(args.warmup):
                request(app, *address(path, cookie))
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.rounds):
                request(app, *address(path, cookie))
            profiler.disable()
            print(f"## {path}: cProfile over {args.rounds} requests")
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.cprofile)
    if args.cprofile:
        return
    results = measure(app, args.paths, cookie, rounds=args.rounds, warmup=args.warmup)
    print("| phase | " + " | ".join(f"`{r['path']}` ms (queries)" for r in results) + " |")
    print("|---|" + "---:|" * len(results))
    phases = sorted({phase for r in results for phase in r["phases"]}, key=order)
    for phase in phases:
        cells = [
            f"{r['phases'][phase]['ms']:.2f} ({r['phases'][phase]['queries']})"
            if phase in r["phases"]
            else ""
            for r in results
        ]
        print(f"| {phase} | " + " | ".join(cells) + " |")
    totals = [
        f"{r['total_ms']:.2f} ({sum(p['queries'] for p in r['phases'].values())})" for r in results
    ]
    print("| **total** (median) | " + " | ".join(totals) + " |")
    print(
        "| total, quartiles | "
        + " | ".join(f"{r['spread_ms'][0]:.2f} to {r['spread_ms'][1]:.2f}" for r in results)
        + " |"
    )
    print(
        "| of which inside the database | "
        + " | ".join(f"{r['sql_ms']:.2f}" for r in results)
        + " |"
    )
    print("BENCH_JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
