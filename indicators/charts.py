"""Chart geometry for server-rendered inline SVG (no JavaScript): bars as plain numbers that the
template draws. Every chart on the page is followed by its table, so the SVG is for the eye
(`role="img"` with a title) and the table is for screen readers and exact figures.

Text is FONT_SIZE units high in a viewBox at least WIDTH wide, and the SVG is never drawn
narrower than its viewBox (a wider chart scrolls in its frame): so no chart text is ever under
12 px. Where labels would overlap, only every n-th is written (`label_every`)."""

import datetime
import math
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from indicators.tables import ATTENDANCE_LABELS, Shown, Table
from lms.formats import month_name

WIDTH = 320  # the narrowest viewBox: 12 px text at a 360 px phone's width
FONT_SIZE = 12
CHAR_WIDTH = 7.2  # an average character at FONT_SIZE, for fitting labels
ROW = 38  # a horizontal bar with its label above it
PLOT_HEIGHT = 140  # vertical bars
LABEL_HEIGHT = 36  # a column's label: a line, and a second for the year
MIN_SLOT = 30  # a column wide enough for its figure ("<5", "123")
# The attendance bands under their columns: figures, short enough to fit all five.
ATTENDANCE_SHORT_LABELS = {
    "below_50": "<50%",
    "50_69": "50\u201369%",
    "70_79": "70\u201379%",
    "80_89": "80\u201389%",
    "90_100": "90\u2013100%",
}


@dataclass(frozen=True)
class Bar:
    label: str
    text: str  # the figure, or "fewer than 5"
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    text_x: float
    text_y: float
    suppressed: bool
    sublabel: str = ""  # a second line under the label (the year, where it changes)

    @property
    def sublabel_y(self) -> float:
        return self.label_y + FONT_SIZE + 3


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    width: int
    height: int
    bars: list[Bar]
    vertical: bool

    @property
    def scrolls(self) -> bool:
        """Wider than a phone: drawn at its own width, in a frame that scrolls sideways."""
        return self.width > WIDTH

    @property
    def all_suppressed(self) -> bool:
        """Every bar stands for fewer than 5 people: nothing is drawn, a sentence says why."""
        return bool(self.bars) and all(bar.suppressed for bar in self.bars)


def _number(shown: Shown) -> Decimal:
    return Decimal(0) if shown.suppressed or shown.value is None else Decimal(shown.value)


def label_every(labels: list[str], slot: float) -> int:
    """Write one label in n so that none overlaps the next: 1 when they all fit."""
    widest = max((len(label) for label in labels), default=0) * CHAR_WIDTH + 6
    return max(1, math.ceil(widest / slot))


def horizontal(table: Table, *, column: int, key: str, title: str) -> Chart:
    """One bar per row of `table` for its `column`, as percentages of 100."""
    bars = []
    for i, (label, cells) in enumerate(table.rows):
        shown = cells[column]
        top = i * ROW
        length = float(_number(shown)) / 100 * (WIDTH - 64)
        bars.append(
            Bar(
                label=label,
                text=str(shown),
                x=0,
                y=top + 18,
                width=length,
                height=14,
                label_x=0,
                label_y=top + 13,
                text_x=length + 4,
                text_y=top + 30,
                suppressed=shown.suppressed,
            )
        )
    return Chart(key, title, WIDTH, max(ROW * len(bars), ROW), bars, vertical=False)


def vertical(table: Table, *, key: str, title: str, labels=None) -> Chart:
    """One column per row of `table` (its first cell, a count), scaled to the tallest.
    `labels`: each column's (label, second line), else the row's label alone."""
    values = [_number(cells[0]) for _label, cells in table.rows]
    labels = labels or [(str(label), "") for label, _cells in table.rows]
    tallest = max(values, default=Decimal(0)) or Decimal(1)
    width = max(WIDTH, MIN_SLOT * len(values))
    slot = width / max(len(values), 1)
    every = label_every([label for label, _sub in labels], slot)
    bars = []
    for i, ((_label, cells), value, (label, sublabel)) in enumerate(
        zip(table.rows, values, labels, strict=True)
    ):
        height = float(value / tallest) * (PLOT_HEIGHT - 18)
        x = i * slot + slot * 0.15
        written = i % every == 0
        bars.append(
            Bar(
                label=label if written else "",
                sublabel=sublabel if written else "",
                text=str(cells[0]) if not cells[0].suppressed else "<5",
                x=x,
                y=PLOT_HEIGHT - height,
                width=slot * 0.7,
                height=height,
                label_x=i * slot + slot / 2,
                label_y=PLOT_HEIGHT + 15,
                text_x=i * slot + slot / 2,
                text_y=PLOT_HEIGHT - height - 4,
                suppressed=cells[0].suppressed,
            )
        )
    return Chart(key, title, int(width), PLOT_HEIGHT + LABEL_HEIGHT, bars, vertical=True)


def month_labels(months: list[str]) -> list[tuple[str, str]]:
    """'2026-03' as ('Mar', '2026') in the reader's language; the year only under the first
    month and each January, where it changes."""
    labels = []
    for i, key in enumerate(months):
        day = datetime.date.fromisoformat(f"{key}-01")
        labels.append((month_name(day), str(day.year) if i == 0 or day.month == 1 else ""))
    return labels


def page_charts(tables: dict[str, Table]) -> list[tuple[Chart, Table]]:
    """The page's three charts, each with the table it is drawn from."""
    region = tables["by_region"]
    over_time = tables["certification_over_time"]
    distribution = tables["attendance_distribution"]
    band_of = {str(label): key for key, label in ATTENDANCE_LABELS.items()}
    return [
        (
            horizontal(
                region, column=1, key="completion_by_region", title=_("Completion rate by region")
            ),
            region,
        ),
        (
            vertical(
                distribution,
                key="attendance_distribution",
                title=_("Attendance distribution: number of people by attendance rate"),
                labels=[
                    (ATTENDANCE_SHORT_LABELS[band_of[str(label)]], "")
                    for label, _cells in distribution.rows
                ],
            ),
            distribution,
        ),
        (
            vertical(
                over_time,
                key="certification_over_time",
                title=_("Certificates issued per month"),
                labels=month_labels(
                    [getattr(label, "exported", str(label)) for label, _cells in over_time.rows]
                ),
            ),
            over_time,
        ),
    ]
