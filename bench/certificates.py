"""Certificate rendering benchmark (not part of the test run).

    .venv/bin/python bench/certificates.py [--repeat 20] [--batch 100] [--workers 2]

Every process is a warm renderer, made so by `certificates.pdf.warm_up()` as a task worker is
(WeasyPrint, fonts and stylesheets loaded, the start-up objects frozen out of the garbage
collector). The minimal page and the certificates share the process's font configuration and
PDF/A variant. Prints:
- the minimal one-paragraph WeasyPrint page, two floors under it (the same page with a second
  paragraph, and the learner's details alone: the printed name in the certificate's style and
  one line with the serial, the verification URL and the attendance rate, which is what
  WeasyPrint would still lay out for each learner if the rest of the certificate were rendered
  once and the details stamped on it), the certificate (two pages, QR code), and the
  certificate with a logo and a signature image (generated here: 800x300 and 600x200 PNGs with
  transparency, the size of the renditions `image_data_uri` makes): median wall time of each
  render, and process CPU time per render (the mean, garbage collection included), which other
  work on the machine disturbs less (goal: certificate <= 1.6 x minimal);
- a batch of N certificates rendered by one worker process, then by W (serial, then parallel),
  each worker started afresh in a session of its own and warm before the clock starts, as task
  workers are: wall time, and where the renders' time
  went, from the kernel's scheduler statistics: on a core, waiting for a core (runnable while
  other work held both), or blocked (I/O, locks); "cores busy" is the workers' time on a core
  divided by the wall time (goal: W, wall close to serial / W).
The load average is printed before and after each part: other work on the machine takes cores
from the workers, which shows as time waiting for a core, not as time blocked. Where the kernel
shares the cores between sessions rather than processes (sched_autogroup, as on the benchmark
machine), workers sharing one session would share that session's part: hence a session each.

It measures the rendering (template + WeasyPrint + QR code), which is what the background task
spends its time on; the task's few queries and file write are not included."""

import argparse
import base64
import functools
import io
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


def render_two_paragraphs(index: int) -> int:
    """The minimal page and one paragraph more: what a single extra block of text costs."""
    from certificates import pdf

    style = f"font-family: '{pdf.FONT_FAMILY}'"
    html = (
        f'<p style="{style}">A minimal page with one paragraph.</p>'
        f'<p style="{style}">And a second paragraph, number {index}.</p>'
    )
    return len(pdf.html_to_pdf(html))


def render_learner_details(index: int) -> int:
    """Only what differs between two learners of a cohort, on one A4 landscape page in the
    certificate's stylesheet: no border, table, image, QR code or second page."""
    from django.utils.html import escape

    from certificates import pdf

    context = _context(index)
    html = '<p class="holder">{name}</p><p class="facts">{serial} · {url} · {rate}%</p>'.format(
        name=escape(context["s"]["printed_name"]),
        serial=context["certificate"].serial,
        url=escape(context["verification_url"]),
        rate=context["s"]["attendance_rate"],
    )
    return len(pdf.html_to_pdf(html, stylesheets=["certificate.css"]))


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


def _timed(function, repeat: int) -> tuple[float, float]:
    """(median wall ms, mean process CPU ms) of `repeat` calls."""
    times = []
    cpu_start = time.process_time()
    for i in range(repeat):
        start = time.perf_counter()
        function(i)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), (time.process_time() - cpu_start) * 1000 / repeat


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    print(f"load average before: {_load()}")
    _setup()
    from certificates import pdf

    render_certificate(0)  # the QR encoder and the certificate's template
    render_certificate(0, branding=True)
    render_two_paragraphs(0)
    render_learner_details(0)

    rows = [
        ("minimal page", _timed(lambda i: pdf.minimal_pdf(), args.repeat)),
        ("two paragraphs", _timed(render_two_paragraphs, args.repeat)),
        ("learner's details alone", _timed(render_learner_details, args.repeat)),
        ("certificate", _timed(render_certificate, args.repeat)),
        (
            "certificate, logo+signature",
            _timed(lambda i: render_certificate(i, branding=True), args.repeat),
        ),
    ]
    minimal_wall, minimal_cpu = rows[0][1]
    print(f"\nmedian of {args.repeat} renders; CPU is the mean per render")
    print(f"{'':29} {'wall ms':>8} {'CPU ms':>8} {'x minimal (wall, CPU)':>22}")
    for label, (wall, cpu) in rows:
        print(
            f"{label:29} {wall:8.1f} {cpu:8.1f} "
            f"{wall / minimal_wall:10.2f} {cpu / minimal_cpu:10.2f}"
        )
    print(
        "goal: certificate <= 1.6 x minimal (the learner's details alone are a floor for any "
        "design where WeasyPrint lays out each learner's name)"
    )
    print(f"load average: {_load()}")

    if _sessions_share_cores():
        print(
            "\nthe kernel shares the cores between sessions (sched_autogroup): every worker "
            "below runs in a session of its own, as a task worker started by a service manager "
            "does, and the serial batch too, in a one-process pool"
        )
    serial_wall, serial = _batch(1, args.batch)
    print(f"\nbatch of {args.batch}, serial:    {serial_wall:6.2f} s wall; {_account(serial)}")
    print(f"load average: {_load()}")
    parallel, results = _batch(args.workers, args.batch)
    on_cpu = sum(cpu for _, _, cpu, _ in results)
    per_worker = sorted(
        (sum(1 for pid, *_ in results if pid == p) for p in {pid for pid, *_ in results}),
        reverse=True,
    )
    idle = args.workers * parallel - sum(wall for _, wall, _, _ in results)
    print(
        f"batch of {args.batch}, {args.workers} workers: {parallel:6.2f} s wall "
        f"({serial_wall / parallel:.2f}x faster; ideal {args.workers}x); {_account(results)}"
    )
    print(
        f"  cores busy rendering: {on_cpu / parallel:.2f} of {args.workers}; workers idle "
        f"between certificates {idle:.2f} s; certificates per worker {per_worker}"
    )
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
