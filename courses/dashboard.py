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
