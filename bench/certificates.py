"""Certificate rendering benchmark (not part of the test run).

    .venv/bin/python bench/certificates.py [--batch 100] [--workers 2]

Prints, for a warm worker (fonts, stylesheets and templates already loaded):
- milliseconds per certificate, next to a minimal one-paragraph WeasyPrint page rendered in
  the same run with the same fonts and PDF/A variant (goal: certificate <= 1.6 x minimal);
- a batch of N certificates rendered serially and then by W worker processes, as db_worker
  processes would (goal: all cores busy, wall time close to serial / W).

It measures the rendering (template + WeasyPrint + QR code), which is what the background task
spends its time on; the task's few queries and file write are not included."""

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.test")

NAMES = ["María José Núñez", "Antonín Dvořák", "Nguyễn Thị Minh Khai", "Giulia Romano"]


def _setup():
    import django

    django.setup()


def _context(index: int) -> dict:
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
        "logo_data_uri": None,
        "signature_data_uri": None,
    }


def render_certificate(index: int) -> int:
    from certificates import pdf

    return len(pdf.certificate_pdf(context=_context(index)))


def _timed(function, repeat: int) -> list[float]:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        function(i)
        times.append((time.perf_counter() - start) * 1000)
    return times


def _warm_worker() -> None:
    _setup()
    render_certificate(0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()

    _setup()
    from certificates import pdf

    # Warm up: fonts, stylesheets, templates, QR encoder.
    pdf.minimal_pdf()
    render_certificate(0)

    minimal = _timed(lambda i: pdf.minimal_pdf(), args.repeat)
    certificate = _timed(render_certificate, args.repeat)
    m, c = statistics.median(minimal), statistics.median(certificate)
    print(f"minimal page:  {m:7.1f} ms (median of {args.repeat})")
    print(f"certificate:   {c:7.1f} ms (median of {args.repeat}, two pages, QR code)")
    print(f"ratio:         {c / m:7.2f} x  (goal <= 1.6)")

    start = time.perf_counter()
    for i in range(args.batch):
        render_certificate(i)
    serial = time.perf_counter() - start
    print(f"batch of {args.batch}, serial:     {serial:6.2f} s")

    with ProcessPoolExecutor(max_workers=args.workers, initializer=_warm_worker) as pool:
        list(pool.map(render_certificate, range(args.workers)))  # every worker warm
        start = time.perf_counter()
        list(pool.map(render_certificate, range(args.batch)))
        parallel = time.perf_counter() - start
    print(
        f"batch of {args.batch}, {args.workers} workers: {parallel:6.2f} s "
        f"({serial / parallel:.2f}x faster; ideal {args.workers}x)"
    )


if __name__ == "__main__":
    main()
