"""Certificate rendering benchmark (issue 16 item 10; not part of the test run).

    .venv/bin/python bench/certificates.py [--repeat 30] [--grow 1000] [--fresh 300] [--batch 100]

Every process is a warm renderer, made so by `certificates.pdf.warm_up()` as a task worker is
(WeasyPrint, fonts and stylesheets loaded, the start-up objects frozen out of the garbage
collector). Three comparisons, each against its goal:

1. Overhead: our render (`pdf.certificate_pdf`: the template, then WeasyPrint with the kept font
   configuration and stylesheet and the restricted URL fetcher) against bare WeasyPrint on the
   exact same final HTML, with kept objects too (one FontConfiguration and one parsed stylesheet,
   made once), alternating one of each `--repeat` times in this one process. The ratio of the
   median process CPU time per render (other work on the machine disturbs CPU time less than
   wall time); wall time is printed too. Goal <= 1.15x.
2. Memory: a fresh worker process renders `--grow` certificates our way; its resident memory
   after the first certificate and after the last (and on the way, to show a plateau). Goal:
   growth <= 50 MB. Next to it, at the same time in another fresh process, bare WeasyPrint with a
   fresh FontConfiguration (and stylesheet) for every call, `--fresh` times: what keeping the
   configuration saves.
3. A batch of `--batch` certificates rendered by one worker process, then by two, each worker
   started afresh in a session of its own and warm before the clock starts, as task workers are:
   wall time, and where the renders' time went (the kernel's scheduler statistics: on a core,
   waiting for a core, blocked). Goal: two workers >= 1.8x one.

The load average is printed along the way: other work on the machine takes cores from the
workers, which shows as time waiting for a core. The last line is BENCH_JSON {...}, which
bench/run.py reads. It measures the rendering (template + WeasyPrint + QR code), which is what
the background task spends its time on; the task's few queries and file write are not included.
"""

import argparse
import base64
import functools
import io
import json
import multiprocessing
import os
import statistics
import sys
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

NAMES = ["María José Núñez", "Antonín Dvořák", "Nguyễn Thị Minh Khai", "Giulia Romano"]

_barrier = None


def _setup():
    import django

    django.setup()
    from certificates import pdf

    pdf.warm_up()


@functools.cache
def _png_data_uri(width: int, height: int) -> str:
    """Made once, as a worker keeps the branding images' data URIs (pdf.image_data_uri)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    for x in range(0, width, 7):
        draw.line([(x, 0), (width - x, height)], fill=(30, 80, 120, 255), width=3)
    draw.ellipse([10, 10, height - 10, height - 10], fill=(200, 60, 40, 200))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def _context(index: int, branding: bool = False) -> dict:
    from certificates import pdf

    code = f"bench-code-{index:04d}-abcdefghijklmnopqrstuvwxyz012345"
    url = f"https://lms.example.org/verify/{code}/"
    return {
        "certificate": SimpleNamespace(serial=f"2026-{index:06d}"),
        "s": {
            "printed_name": NAMES[index % len(NAMES)],
            "course_title": "Artisan Baking",
            "trade": "Baking",
            "eqf_level": 3,
            "notional_hours": 120,
            "learning_outcomes": [
                "Prepare doughs and bake bread following a recipe",
                "Work safely and hygienically in a bakery",
                "Plan a production day and keep records",
            ],
            "assessment_type": "Practical observation with a checklist",
            "participation_label": "In person",
            "attendance_rate": "93.3",
            "cohort_start": "2026-01-12",
            "cohort_end": "2026-04-24",
            "region": "North",
            "awarding_body": "Riverside Training Centre",
            "country": "Italy",
            "quality_assurance": "Assessed by a qualified assessor, reviewed by a second person.",
            "signatory_name": "Giulia Romano",
            "signatory_title": "Director of Training",
            "issued_on": "2026-04-30",
        },
        "verification_url": url,
        "qr_data_uri": pdf.qr_data_uri(url),
        "logo_data_uri": _png_data_uri(800, 300) if branding else None,
        "signature_data_uri": _png_data_uri(600, 200) if branding else None,
    }


def render_certificate(index: int, branding: bool = False) -> int:
    from certificates import pdf

    return len(pdf.certificate_pdf(context=_context(index, branding)))


def _schedstat() -> tuple[float, float]:
    """(seconds on a core, seconds runnable but waiting for a core) of this process so far,
    from the kernel's scheduler statistics (0, 0 where /proc/self/schedstat is missing)."""
    try:
        on_cpu, waiting, _ = Path("/proc/self/schedstat").read_text().split()
    except OSError:
        return 0.0, 0.0
    return int(on_cpu) / 1e9, int(waiting) / 1e9


def _render_accounted(index: int) -> tuple[int, float, float, float]:
    """Render one certificate; (pid, wall, on a core, waiting for a core) in seconds."""
    start, (cpu, waiting) = time.perf_counter(), _schedstat()
    render_certificate(index)
    end, (cpu_end, waiting_end) = time.perf_counter(), _schedstat()
    return os.getpid(), end - start, cpu_end - cpu, waiting_end - waiting


def _worker_init(barrier) -> None:
    global _barrier
    _barrier = barrier
    # A session of its own, as a task worker run by systemd or a container has: where the
    # kernel shares the cores between sessions (autogroup), workers left in the benchmark's
    # session would share that one session's part of the machine.
    os.setsid()
    _setup()


def _worker_ready(_) -> int:
    # Every worker blocks here until all are warm, so each takes exactly one of these.
    _barrier.wait(timeout=300)
    return os.getpid()


def _batch(workers: int, size: int) -> tuple[float, list]:
    """Render `size` certificates on `workers` fresh processes (spawned, as task workers start),
    all warm before the clock starts; (wall seconds, each render's accounting)."""
    context = multiprocessing.get_context("spawn")
    barrier = context.Barrier(workers)
    with context.Pool(workers, initializer=_worker_init, initargs=(barrier,)) as pool:
        pool.map(_worker_ready, range(workers), chunksize=1)
        start = time.perf_counter()
        results = pool.map(_render_accounted, range(size), chunksize=1)
        return time.perf_counter() - start, results


def _sessions_share_cores() -> bool:
    try:
        return Path("/proc/sys/kernel/sched_autogroup_enabled").read_text().strip() == "1"
    except OSError:
        return False


def _account(renders) -> str:
    """Where the renders' wall time went: on a core, waiting for one (other work on the
    machine), or neither (blocked: I/O, locks)."""
    wall = sum(r[1] for r in renders)
    on_cpu = sum(r[2] for r in renders)
    waiting = sum(r[3] for r in renders)
    return (
        f"{on_cpu / len(renders) * 1000:.1f} ms on a core a certificate; renders spent "
        f"{on_cpu:.2f} s on a core, {waiting:.2f} s waiting for one, "
        f"{wall - on_cpu - waiting:.2f} s blocked"
    )


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


class _Bare:
    """Bare WeasyPrint on a given final HTML: with objects kept (one FontConfiguration, one
    parsed stylesheet), or made afresh for every call."""

    def __init__(self, *, keep: bool):
        self.keep = keep
        self.config, self.css = self._objects() if keep else (None, None)

    @staticmethod
    def _objects():
        from django.contrib.staticfiles import finders
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        config = FontConfiguration()
        css = Path(finders.find("certificates/certificate.css")).read_text(encoding="utf-8")
        return config, CSS(string=css, font_config=config)

    def render(self, html: str) -> int:
        from django.conf import settings
        from weasyprint import HTML

        from certificates import pdf

        config, css = (self.config, self.css) if self.keep else self._objects()
        document = HTML(string=html, base_url=str(settings.BASE_DIR))
        return len(
            document.write_pdf(stylesheets=[css], font_config=config, pdf_variant=pdf.PDF_VARIANT)
        )


def final_html(index: int) -> str:
    """The certificate's HTML exactly as our render hands it to WeasyPrint."""
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override("en"):
        return render_to_string("certificates/certificate_pdf.html", _context(index))


def overhead(repeat: int) -> dict:
    """Ours and bare alternating in this process; medians of CPU and wall ms per render."""
    bare = _Bare(keep=True)
    htmls = [final_html(i) for i in range(repeat)]
    bare.render(htmls[0])
    render_certificate(0)
    times = {"ours": ([], []), "bare": ([], [])}

    def one(name, call):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        times[name][0].append((time.process_time() - cpu) * 1000)
        times[name][1].append((time.perf_counter() - wall) * 1000)

    for i in range(repeat):
        pair = [
            ("ours", functools.partial(render_certificate, i)),
            ("bare", functools.partial(bare.render, htmls[i])),
        ]
        for name, call in pair if i % 2 == 0 else pair[::-1]:
            one(name, call)
    figures = {
        f"{name}_{kind}_ms": statistics.median(values[k])
        for name, values in times.items()
        for k, kind in enumerate(("cpu", "wall"))
    }
    figures["ratio_cpu"] = figures["ours_cpu_ms"] / figures["bare_cpu_ms"]
    figures["ratio_wall"] = figures["ours_wall_ms"] / figures["bare_wall_ms"]
    return figures


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _grow(kind: str, count: int) -> dict:
    """In a fresh worker: resident MB after the first render and at checkpoints up to `count`."""
    os.setsid()
    _setup()
    if kind == "ours":
        render = render_certificate
    else:
        bare, html = _Bare(keep=False), final_html(0)

        def render(_index):
            return bare.render(html)

    render(0)
    first = _rss_mb()
    checkpoints = {}
    for i in range(1, count + 1):
        render(i)
        if i in (count // 10, count // 3, count):
            checkpoints[i] = round(_rss_mb() - first, 1)
    return {"first_mb": round(first, 1), "growth_mb": checkpoints[count], "on_the_way": checkpoints}


def memory(grow: int, fresh: int) -> dict:
    """Both growth measurements side by side, each in a fresh spawned process."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(2) as pool:
        ours = pool.apply_async(_grow, ("ours", grow))
        bare = pool.apply_async(_grow, ("bare-fresh", fresh))
        return {"ours": ours.get(timeout=1800), "bare_fresh": bare.get(timeout=1800)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--grow", type=int, default=1000)
    parser.add_argument("--fresh", type=int, default=300)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    print(f"load average before: {_load()}", flush=True)
    _setup()
    results = {"overhead": overhead(args.repeat)}
    o = results["overhead"]
    print(
        f"\nour render against bare WeasyPrint on the same HTML, kept objects on both sides "
        f"(median of {args.repeat} alternating renders each):\n"
        f"  ours {o['ours_cpu_ms']:.1f} ms CPU ({o['ours_wall_ms']:.1f} wall), bare "
        f"{o['bare_cpu_ms']:.1f} ms CPU ({o['bare_wall_ms']:.1f} wall): "
        f"{o['ratio_cpu']:.2f}x CPU, {o['ratio_wall']:.2f}x wall",
        flush=True,
    )
    print(f"load average: {_load()}", flush=True)

    results["memory"] = m = memory(args.grow, args.fresh)
    print(
        f"\nresident memory growth after the first certificate: ours over {args.grow} "
        f"{m['ours']['growth_mb']} MB (on the way {m['ours']['on_the_way']}; "
        f"{m['ours']['first_mb']} MB after the first); bare WeasyPrint with a fresh font "
        f"configuration per call over {args.fresh} {m['bare_fresh']['growth_mb']} MB "
        f"(on the way {m['bare_fresh']['on_the_way']})",
        flush=True,
    )
    print(f"load average: {_load()}", flush=True)

    if _sessions_share_cores():
        print(
            "\nthe kernel shares the cores between sessions (sched_autogroup): every worker "
            "below runs in a session of its own, as a task worker started by a service manager "
            "does, and the serial batch too, in a one-process pool"
        )
    serial_wall, serial = _batch(1, args.batch)
    print(f"\nbatch of {args.batch}, serial:    {serial_wall:6.2f} s wall; {_account(serial)}")
    parallel, renders = _batch(args.workers, args.batch)
    on_cpu = sum(cpu for _, _, cpu, _ in renders)
    print(
        f"batch of {args.batch}, {args.workers} workers: {parallel:6.2f} s wall "
        f"({serial_wall / parallel:.2f}x faster; ideal {args.workers}x); {_account(renders)}"
    )
    print(f"  cores busy rendering: {on_cpu / parallel:.2f} of {args.workers}")
    print(f"load average after: {_load()}")
    results["batch"] = {
        "size": args.batch,
        "workers": args.workers,
        "serial_s": serial_wall,
        "parallel_s": parallel,
        "speedup": serial_wall / parallel,
        "cores_busy": on_cpu / parallel,
        "serial_waiting_s": sum(r[3] for r in serial),
        "parallel_waiting_s": sum(r[3] for r in renders),
    }
    results["args"] = vars(args)
    print("BENCH_JSON " + json.dumps(results))


if __name__ == "__main__":
    main()
