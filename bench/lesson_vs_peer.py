"""Only the lesson page against wagtail-lms's (bench/peer.py), without the cluster, on two free
ports of your choice: what `make bench` runs last, for a tree whose cluster ports are taken.

    SECRET_KEY=... STATIC_ROOT=/path/collected python bench/lesson_vs_peer.py --ports 8125 8126

Our site runs from .bench/ours (seeded with the demo on first use) with the production
settings, as in `make bench`; STATIC_ROOT must hold `collectstatic`'s output. Prints the rows of
the table as Markdown. Not a test."""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BENCH_DIR = ROOT / ".bench"

os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "lms.settings.production",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "INSECURE_LOCAL_HTTP": "1",
        "DATABASE_URL": f"sqlite:///{BENCH_DIR / 'ours' / 'ours.sqlite3'}",
        "REDIS_URL": "",
        # bench/run.py's helpers are shared; this is not the cluster's run.
        "CLUSTER_WEB_URLS": os.environ.get("CLUSTER_WEB_URLS", "http://127.0.0.1"),
    }
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ports", type=int, nargs=2, default=(8101, 8102))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--round-seconds", type=int, default=8)
    parser.add_argument("--connections", type=int, default=4, help="as make bench: 2 x 2")
    args = parser.parse_args()
    os.environ.setdefault("SITE_URL", f"http://127.0.0.1:{args.ports[0]}")
    for name in ("SECRET_KEY", "STATIC_ROOT"):
        if not os.environ.get(name):
            sys.exit(f"{name} must be set.")

    from bench import peer
    from bench.run import demo_lesson, load_average

    print(f"load average before: {load_average()}")
    rows, ratios = peer.compare(
        demo_lesson(),
        rounds=args.rounds,
        seconds=args.round_seconds,
        connections=args.connections,
        ports=tuple(args.ports),
    )
    print(f"load average after: {load_average()}")
    print("| what | req/s | p50 ms | p95 ms | queries | notes |")
    print("|---|---:|---:|---:|---:|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print(f"lesson {ratios['lesson']:.2f}x the peer; ceiling {ratios['ceiling']:.2f}x")


if __name__ == "__main__":
    main()
