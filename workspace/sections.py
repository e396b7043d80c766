"""Sections of "My caseload" that the apps above workspace contribute (mentoring that needs the
coordinator): workspace draws the page (templates/workspace/home.html) and never imports the
apps that fill it.

An app registers, in its AppConfig.ready(), a section: a name, an order, a template, and a
context function taking the request and returning the section's context, or None when the
section does not apply to this person (then nothing is drawn). The template draws the
section's context as `section` and starts with a heading whose id is `caseload-<name>`. A
section reads in a fixed number of queries, whatever the size of the caseload; its actions
live on its own app's pages, which it links to."""

from lms.sections import Sections

_caseload = Sections()
section_register = _caseload.register
section_unregister = _caseload.unregister
sections_for = _caseload.drawn_for
