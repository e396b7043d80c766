"""A page drawn from sections that apps above it contribute, so that the page's own app never
imports them: "My profile" (lms/profile_sections.py) and "My caseload" (workspace/sections.py).

An app registers, in its AppConfig.ready(), a section: a name, an order, a template, and a
context function taking the request and returning the section's context, or None when the
section does not apply to this person (then nothing is drawn)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest


@dataclass(frozen=True)
class Section:
    name: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict | None]


@dataclass(frozen=True)
class Drawn:
    name: str
    template: str
    context: dict


class Sections:
    """The sections of one page, drawn in order (then by name)."""

    def __init__(self) -> None:
        self._sections: dict[str, Section] = {}

    def register(self, *, name: str, order: int, template: str, context) -> None:
        """Add a section (again under the same name: replace it)."""
        self._sections[name] = Section(name=name, order=order, template=template, context=context)

    def unregister(self, name: str) -> None:
        self._sections.pop(name, None)

    def drawn_for(self, request: HttpRequest) -> list[Drawn]:
        drawn = []
        for section in sorted(self._sections.values(), key=lambda s: (s.order, s.name)):
            context = section.context(request)
            if context is not None:
                drawn.append(Drawn(name=section.name, template=section.template, context=context))
        return drawn
