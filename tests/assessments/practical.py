"""Helpers for the practical assessment tests: a baking checklist and attempts in any state."""

from wagtail.models import ModelLogEntry

from assessments.practical import services
from tests import factories


def bread_template(course, **fields):
    """'Bake a batch of bread': two mandatory criteria, then one optional."""
    return factories.make_template(
        course=course, name=fields.pop("name", "Bake a batch of bread"), **fields
    )


def recorded(enrolment, template, assessor, met, *, submit=True):
    """Start an attempt and mark the criteria in order (True met, False not yet met)."""
    attempt = services.attempt_start(enrolment=enrolment, template=template, assessor=assessor)
    criteria = list(template.criteria.order_by("sort_order"))
    marks = {c.pk: services.Mark(met=m, comment="") for c, m in zip(criteria, met, strict=True)}
    services.attempt_record(
        attempt=attempt,
        by=assessor,
        marks=marks,
        feedback="Good hygiene; work on shaping.",
        assessed_on=attempt.assessed_on,
    )
    if submit:
        services.attempt_submit(attempt=attempt, by=assessor)
    attempt.refresh_from_db()
    return attempt


def confirmed(enrolment, template, assessor, reviewer, met):
    attempt = recorded(enrolment, template, assessor, met)
    services.attempt_confirm(attempt=attempt, reviewer=reviewer)
    attempt.refresh_from_db()
    return attempt


def actions(attempt) -> list[str]:
    """The audit actions recorded on an attempt, oldest first."""
    return list(
        ModelLogEntry.objects.for_instance(attempt).order_by("pk").values_list("action", flat=True)
    )
