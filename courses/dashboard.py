"""The parts that apps above courses add to the learner's dashboard ("My learning"): the
attendance warnings, the "Become a mentor" card. Each app registers its part in its
AppConfig.ready(); the dashboard shows them in order, above the learner's courses, and courses
never imports the apps that give them."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class DashboardPart:
    name: str
    template: str
    # The template's context for this request's person (they are logged in).
    context: Callable[[HttpRequest], dict]
    order: int


_parts: dict[str, DashboardPart] = {}


def parts_register(*, name: str, template: str, context, order: int) -> None:
    """Add a part (again under the same name: replace it)."""
    _parts[name] = DashboardPart(name=name, template=template, context=context, order=order)


def parts_render(request: HttpRequest) -> list[SafeString]:
    return [
        render_to_string(part.template, part.context(request), request=request)
        for part in sorted(_parts.values(), key=lambda part: part.order)
    ]


# The learner's status in each course and its one next step ("Start", "Continue", "Download
# certificate"), said by the app that can decide it: certificates reads the attendance, the
# practical results and the certify decision, which courses may not import. It registers a
# renderer in its AppConfig.ready(): (request, entries) -> {enrolment id: HTML}.
_status_renderers: list[Callable] = []


def statuses_register(render: Callable) -> None:
    """Set the renderer of course statuses (again: replace it)."""
    _status_renderers[:] = [render]


def statuses_render(request: HttpRequest, entries) -> dict[int, SafeString]:
    """Each entry's status and next step, keyed by enrolment id (empty with no renderer)."""
    if not entries or not _status_renderers:
        return {}
    return _status_renderers[0](request, entries)


@dataclass(frozen=True)
class CourseCard:
    """A course on "My learning": the learner's enrolment and progress, with the status and
    next step said by the renderer (None without one: the card shows the progress alone)."""

    entry: object  # courses.selectors.DashboardEntry
    status: SafeString | None


def cards_render(request: HttpRequest, entries) -> list[CourseCard]:
    statuses = statuses_render(request, entries)
    return [CourseCard(entry, statuses.get(entry.enrolment.pk)) for entry in entries]
