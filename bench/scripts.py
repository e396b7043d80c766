"""The table rows of the benchmarks that run as scripts of their own (bench/attendance.py,
bench/certificates.py, bench/indicators.py), each on its own scratch database; bench/run.py calls
these. Not a test."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def own_environment() -> dict:
    """The environment without the cluster's settings: the other benchmarks build their own
    data on a scratch database and must not touch the cluster's."""
    cluster_env = ROOT / ".cluster" / "env"
    lines = cluster_env.read_text().splitlines() if cluster_env.exists() else []
    names = {line.split("=", 1)[0] for line in lines if "=" in line}
    return {k: v for k, v in os.environ.items() if k not in names}


def run_script(args: list[str]) -> str:
    print(f"running {' '.join(args)} ...", file=sys.stderr, flush=True)
    result = subprocess.run(  # noqa: S603 - our own bench scripts
        [sys.executable, *args], cwd=ROOT, env=own_environment(), capture_output=True, text=True
    )
    if result.returncode != 0:
        print(result.stdout, result.stderr, file=sys.stderr)
        return ""
    return result.stdout


def attendance_rows() -> list[list[str]]:
    out = run_script(["bench/attendance.py"])
    rows = []
    for match in re.finditer(
        r"^\| (.+?)\s+\|\s+(\d+) \|\s+(\d+) \|\s+([\d.]+) \|\s+(\d+) \|$", out, re.MULTILINE
    ):
        what, learners, sessions, ms, queries = match.groups()
        rows.append(
            [
                f"{what}, {learners} learners x {sessions} sessions",
                "",
                ms,
                "",
                queries,
                "in-process, SQLite, median of 5 (bench/attendance.py)",
            ]
        )
    return rows or [["roll call / grid (bench/attendance.py)", "", "", "", "", "failed"]]


OVERHEAD_GOAL = 1.15  # our certificate render against bare WeasyPrint, same HTML
GROWTH_GOAL_MB = 50  # a worker's resident memory over 1,000 certificates
BATCH_GOAL = 1.8  # a batch of 100 on two workers against one


def certificate_rows(goals: list, *, quick: bool = False) -> list[list[str]]:
    short = ["--repeat", "6", "--grow", "50", "--fresh", "20", "--batch", "10"]
    out = run_script(["bench/certificates.py", *(short if quick else [])])
    line = next((x for x in out.splitlines() if x.startswith("BENCH_JSON ")), None)
    if line is None:
        goals.append(("certificates (bench/certificates.py)", False, "the script failed"))
        return [["certificates (bench/certificates.py)", "", "", "", "", "failed"]]
    r = json.loads(line.removeprefix("BENCH_JSON "))
    o, m, b, a = r["overhead"], r["memory"], r["batch"], r["args"]
    overhead_met = o["ratio_cpu"] <= OVERHEAD_GOAL
    growth_met = m["ours"]["growth_mb"] <= GROWTH_GOAL_MB
    batch_met = b["speedup"] >= BATCH_GOAL
    goals += [
        (
            f"certificate render <= {OVERHEAD_GOAL}x bare WeasyPrint",
            overhead_met,
            f"{o['ratio_cpu']:.2f}x CPU ({o['ratio_wall']:.2f}x wall)",
        ),
        (
            f"worker memory growth over {a['grow']} certificates <= {GROWTH_GOAL_MB} MB",
            growth_met,
            f"{m['ours']['growth_mb']} MB",
        ),
        (
            f"batch of {b['size']} on {b['workers']} workers >= {BATCH_GOAL}x one",
            batch_met,
            f"{b['speedup']:.2f}x",
        ),
    ]

    def met(flag: bool) -> str:
        return "met" if flag else "NOT met"

    return [
        [
            "certificate PDF, our render (template + WeasyPrint, kept objects)",
            "",
            f"{o['ours_wall_ms']:.1f}",
            "",
            "",
            f"CPU {o['ours_cpu_ms']:.1f} ms; {o['ratio_cpu']:.2f}x bare WeasyPrint's CPU "
            f"({o['ratio_wall']:.2f}x wall; goal <= {OVERHEAD_GOAL}x: {met(overhead_met)}); "
            f"median of {a['repeat']}, alternating with the row below in one process",
        ],
        [
            "certificate PDF, bare WeasyPrint on the same HTML (kept objects)",
            "",
            f"{o['bare_wall_ms']:.1f}",
            "",
            "",
            f"CPU {o['bare_cpu_ms']:.1f} ms",
        ],
        [
            f"worker memory over {a['grow']} certificates",
            "",
            "",
            "",
            "",
            f"+{m['ours']['growth_mb']} MB after the first (goal <= {GROWTH_GOAL_MB} MB: "
            f"{met(growth_met)}); on the way {m['ours']['on_the_way']}",
        ],
        [
            f"bare WeasyPrint, fresh font configuration per call, over {a['fresh']}",
            "",
            "",
            "",
            "",
            f"+{m['bare_fresh']['growth_mb']} MB after the first; on the way "
            f"{m['bare_fresh']['on_the_way']}",
        ],
        [
            f"batch of {b['size']} certificates",
            "",
            "",
            "",
            "",
            f"1 worker {b['serial_s']:.2f} s; {b['workers']} workers {b['parallel_s']:.2f} s "
            f"({b['speedup']:.2f}x; goal >= {BATCH_GOAL}x: {met(batch_met)}); cores busy "
            f"{b['cores_busy']:.2f} of {b['workers']}; renders waited for a core "
            f"{b['serial_waiting_s']:.1f} s and {b['parallel_waiting_s']:.1f} s",
        ],
    ]


def indicator_rows() -> list[list[str]]:
    out = run_script(["bench/indicators.py", "--runs", "3"])
    rows = []
    for match in re.finditer(
        r"^\| (hand-written SQL aggregate|indicators selector|indicators page \(GET, rendered\))"
        r"\s+\|\s+([\d.]+) \|\s+([\d.]+) \|\s+(\d+) \| (.+?) \|$",
        out,
        re.MULTILINE,
    ):
        what, ms, cpu, queries, notes = match.groups()
        rows.append(
            [
                f"{what}, 10,000 learners",
                "",
                ms,
                "",
                queries,
                f"{notes}; CPU {cpu} ms; in-process, SQLite, median of 3 (bench/indicators.py)",
            ]
        )
    return rows or [["indicators (bench/indicators.py)", "", "", "", "", "failed"]]
