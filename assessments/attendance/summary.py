"""The roll call's summary in words ("11 present, 1 late, 1 absent"): said on the page before
saving, and in the message after it.

The page's own script (static/js/roll_call.js) keeps the sentence up to date as the trainer taps;
it reads each part's singular and plural form from `summary_forms()`, rendered as data attributes
(the site's policy allows no inline script, and the four languages share one plural rule:
singular for exactly 1)."""

from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.attendance import rules

NOT_MARKED = "not_marked"
# The order the parts are said in: the order of the buttons, then who is still to be marked.
ORDER = (rules.PRESENT, rules.LATE, rules.EXCUSED, rules.ABSENT, NOT_MARKED)


def _part(key: str, count) -> str:
    # Each part spelled out, so that makemessages finds every form.
    if key == rules.PRESENT:
        return ngettext("%(count)s present", "%(count)s present", count)
    if key == rules.LATE:
        return ngettext("%(count)s late", "%(count)s late", count)
    if key == rules.EXCUSED:
        return ngettext("%(count)s excused", "%(count)s excused", count)
    if key == rules.ABSENT:
        return ngettext("%(count)s absent", "%(count)s absent", count)
    return ngettext("%(count)s not marked yet", "%(count)s not marked yet", count)


def status_counts(statuses) -> Counter:
    """How many of each status among `statuses` (an empty status: not marked yet)."""
    return Counter(status or NOT_MARKED for status in statuses)


def summary_text(counts: Counter) -> str:
    parts = [_part(key, counts[key]) % {"count": counts[key]} for key in ORDER if counts[key]]
    return ", ".join(parts) if parts else _("Nobody is on this roll call.")


def summary_forms() -> list[dict]:
    """For the page's script: each part's key with its singular and plural form, untranslated
    placeholder "%(count)s" left in."""
    return [{"key": key, "one": _part(key, 1), "other": _part(key, 2)} for key in ORDER]
