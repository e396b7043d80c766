"""`manage.py task_worker` with slow certificate PDFs, for tests/cluster only.

The cluster tests kill the worker in the middle of a batch of certificates. A PDF renders in well
under a second, so "in the middle" would be a matter of luck; here every certificate PDF, once
rendered, is held for CLUSTER_WORKER_RENDER_PAUSE seconds before the service stores it. The
worker is otherwise the production one (same command, settings and services). Started by
`CLUSTER_WORKER_RENDER_PAUSE=2 deploy/cluster.sh worker-start` (see `Cluster.worker_start`):

    python -m tests.cluster.slow_render_worker --worker-id ... [task_worker's options]
"""

import os
import sys
import time

import django


def main() -> None:
    pause = float(os.environ["CLUSTER_WORKER_RENDER_PAUSE"])
    django.setup()

    from django.core.management import call_command

    from certificates import pdf

    render = pdf.certificate_pdf

    def certificate_pdf_held(**kwargs) -> bytes:
        content = render(**kwargs)
        time.sleep(pause)
        return content

    # certificates.services calls `pdf.certificate_pdf`, looked up on the module at each call.
    pdf.certificate_pdf = certificate_pdf_held
    call_command("task_worker", *sys.argv[1:])


if __name__ == "__main__":
    main()
