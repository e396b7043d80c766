"""Sections of "My profile" that the apps above lms contribute (a check-in card, calendar feed,
reminder channels, what a mentee shares with their mentor): lms draws the page
(templates/lms/profile.html) and never imports the apps that fill it.

An app registers, in its AppConfig.ready(), a section: a name, an order, a template, and a
context function taking the request and returning the section's context, or None when the
section does not apply to this person (then nothing is drawn). The template draws the
section's context as `section` and starts with a heading whose id is `profile-<name>`. Each
section posts its forms to its own app's URLs; the profile page itself only reads."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse

from lms.sections import Sections

# Messages said in a section of the page rather than at its top (templates/includes/messages.html).
IN_SECTION = "in-section"

_profile = Sections()
section_register = _profile.register
section_unregister = _profile.unregister
sections_for = _profile.drawn_for


def section_message_tags(name: str) -> str:
    """The tags of a message said in the section `name` (lms_tags' section_messages)."""
    return f"{IN_SECTION} profile-{name}"


def back_to_section(request, name: str, message: str, *, level: int = messages.SUCCESS):
    """After a section's form is sent: back to that section of "My profile", with what happened
    said in the section itself, beside the button just pressed (said at the top of the page, it
    was out of sight on a phone, which showed the section)."""
    messages.add_message(request, level, message, extra_tags=section_message_tags(name))
    return redirect(reverse("profile") + f"#profile-{name}")
