"""How "Today" names days and tells a roll call: pure functions over plain values."""

import datetime
from dataclasses import dataclass

from django.utils.translation import ngettext

# How far ahead "Today" looks (today and the next seven days), and how recent a change into
# "at risk" must be for the learner to count as newly at risk.
DAYS_AHEAD = 7
NEWLY_AT_RISK_DAYS = 7

TODAY = "today"
TOMORROW = "tomorrow"
LATER = "later"


def day_kind(day: datetime.date, *, today: datetime.date) -> str:
    """Today, tomorrow, or a later day (named by its date)."""
    if day == today:
        return TODAY
    if day == today + datetime.timedelta(days=1):
        return TOMORROW
    return LATER


def week_ahead(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The first and last day "Today" shows."""
    return today, today + datetime.timedelta(days=DAYS_AHEAD)


@dataclass(frozen=True)
class RollCallCounts:
    present: int = 0
    late: int = 0
    excused: int = 0
    absent: int = 0

    @property
    def taken(self) -> bool:
        return bool(self.present or self.late or self.excused or self.absent)


def roll_call_words(counts: RollCallCounts) -> str:
    """ "12 present, 1 absent": each status that anyone has, in the roll call's order."""
    parts = [
        ngettext("%(count)s present", "%(count)s present", counts.present),
        ngettext("%(count)s late", "%(count)s late", counts.late),
        ngettext("%(count)s excused", "%(count)s excused", counts.excused),
        ngettext("%(count)s absent", "%(count)s absent", counts.absent),
    ]
    numbers = (counts.present, counts.late, counts.excused, counts.absent)
    return ", ".join(
        part % {"count": number} for part, number in zip(parts, numbers, strict=True) if number
    )
