"""Sections of "My profile" that the apps above lms contribute (a check-in card, calendar feed,
reminder channels, what a mentee shares with their mentor): lms draws the page
(templates/lms/profile.html) and never imports the apps that fill it.

An app registers, in its AppConfig.ready(), a section: a name, an order, a template, and a
context function taking the request and returning the section's context, or None when the
section does not apply to this person (then nothing is drawn). The template draws the
section's context as `section` and starts with a heading whose id is `profile-<name>`. Each
section posts its forms to its own app's URLs; the profile page itself only reads."""

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


_sections: dict[str, Section] = {}


def section_register(*, name, order, template, context):
    _sections[name] = Section(name=name, order=order, template=template, context=context)


def sections_for(request: HttpRequest) -> list[Drawn]:
    drawn = []
    for section in sorted(_sections.values(), key=lambda s: (s.order, s.name)):
        context = section.context(request)
        if context is not None:
            drawn.append(Drawn(name=section.name, template=section.template, context=context))
    return drawn
