"""Chart geometry for server-rendered inline SVG (no JavaScript): bars as plain numbers that the
template draws. Every chart on the page is followed by its table, so the SVG is for the eye
(`role="img"` with a title) and the table is for screen readers and exact figures."""

from dataclasses import dataclass
from decimal import Decimal

from indicators.tables import Shown, Table

WIDTH = 320  # the viewBox; the SVG scales to its container (readable at 360 px)
ROW = 34  # a horizontal bar with its label above it
PLOT_HEIGHT = 140  # vertical bars
LABEL_HEIGHT = 30


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


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    width: int
    height: int
    bars: list[Bar]
    vertical: bool


def _number(shown: Shown) -> Decimal:
    return Decimal(0) if shown.suppressed or shown.value is None else Decimal(shown.value)


def horizontal(table: Table, *, column: int, key: str, title: str) -> Chart:
    """One bar per row of `table` for its `column`, as percentages of 100."""
    bars = []
    for i, (label, cells) in enumerate(table.rows):
        shown = cells[column]
        top = i * ROW
        length = float(_number(shown)) / 100 * (WIDTH - 60)
        bars.append(
            Bar(
                label=label,
                text=str(shown),
                x=0,
                y=top + 16,
                width=length,
                height=14,
                label_x=0,
                label_y=top + 12,
                text_x=length + 4,
                text_y=top + 27,
                suppressed=shown.suppressed,
            )
        )
    return Chart(key, title, WIDTH, max(ROW * len(bars), ROW), bars, vertical=False)


def vertical(table: Table, *, key: str, title: str, short_label=lambda s: s) -> Chart:
    """One column per row of `table` (its first cell, a count), scaled to the tallest."""
    values = [_number(cells[0]) for _label, cells in table.rows]
    tallest = max(values, default=Decimal(0)) or Decimal(1)
    slot = WIDTH / max(len(values), 1)
    bars = []
    for i, ((label, cells), value) in enumerate(zip(table.rows, values, strict=True)):
        height = float(value / tallest) * (PLOT_HEIGHT - 16)
        x = i * slot + slot * 0.15
        bars.append(
            Bar(
                label=short_label(label),
                text=str(cells[0]) if not cells[0].suppressed else "<5",
                x=x,
                y=PLOT_HEIGHT - height,
                width=slot * 0.7,
                height=height,
                label_x=i * slot + slot / 2,
                label_y=PLOT_HEIGHT + 14,
                text_x=i * slot + slot / 2,
                text_y=PLOT_HEIGHT - height - 4,
                suppressed=cells[0].suppressed,
            )
        )
    return Chart(key, title, WIDTH, PLOT_HEIGHT + LABEL_HEIGHT, bars, vertical=True)


def page_charts(tables: dict[str, Table]) -> list[tuple[Chart, Table]]:
    """The page's three charts, each with the table it is drawn from."""
    from django.utils.translation import gettext as _

    region = tables["by_region"]
    return [
        (
            horizontal(
                region, column=1, key="completion_by_region", title=_("Completion rate by region")
            ),
            region,
        ),
        (
            vertical(
                tables["attendance_distribution"],
                key="attendance_distribution",
                title=_("Attendance distribution: number of people by attendance rate"),
            ),
            tables["attendance_distribution"],
        ),
        (
            vertical(
                tables["certification_over_time"],
                key="certification_over_time",
                title=_("Certificates issued per month"),
                short_label=lambda month: month[5:7] + "/" + month[2:4],
            ),
            tables["certification_over_time"],
        ),
    ]
