"""Background work: certificate PDFs render in a worker (`manage.py task_worker` in production,
see docs/deployment.md)."""

from django_tasks import task

from certificates import services


@task()
def certificate_render_task(certificate_id: int) -> str:
    return services.certificate_render(certificate_id=certificate_id).sha256
