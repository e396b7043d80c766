"""The charts are readable: month labels thinned so that none overlaps, text 12 px or more, and a
sentence instead of bars when every bar is suppressed."""

import re

import pytest
from django.template.loader import render_to_string
from django.utils import translation

from indicators import charts
from indicators.tables import Shown, Table


def table(rows: list[tuple[str, Shown]]) -> Table:
    return Table(
        key="certification_over_time",
        title="Certification over time",
        caption="Valid certificates issued per month",
        header=["Month", "Certificates"],
        rows=[(label, [cell]) for label, cell in rows],
    )


def months(n: int, *, suppressed: bool = False) -> Table:
    keys = [f"{2025 + (m // 12)}-{m % 12 + 1:02}" for m in range(n)]
    return table([(k, Shown(None, suppressed=True) if suppressed else Shown(7)) for k in keys])


def monthly(t: Table) -> charts.Chart:
    labels = charts.month_labels([label for label, _cells in t.rows])
    return charts.vertical(t, key=t.key, title="Certificates issued per month", labels=labels)


def test_twelve_months_write_every_second_label_and_the_year_where_it_changes():
    with translation.override("en"):
        chart = monthly(months(14))
    written = [(bar.label, bar.sublabel) for bar in chart.bars if bar.label]
    assert written == [
        ("Jan", "2025"),
        ("Mar", ""),
        ("May", ""),
        ("Jul", ""),
        ("Sept", ""),  # British English
        ("Nov", ""),
        ("Jan", "2026"),
    ]
    assert all(bar.text == "7" for bar in chart.bars)  # every figure is still written


def test_labels_that_fit_are_all_written():
    assert charts.label_every(["Jan", "Feb"], slot=160) == 1
    assert charts.label_every(["Jan", "Feb"], slot=26.6) == 2
    assert charts.label_every(["Sept"], slot=10) == 4


def test_month_names_in_the_readers_language():
    with translation.override("es"):
        chart = monthly(months(3))
    assert [bar.label for bar in chart.bars] == ["ene", "feb", "mar"]


def test_many_months_make_a_wider_chart_that_scrolls_rather_than_shrinking_its_text():
    chart = monthly(months(24))
    assert chart.width == 24 * charts.MIN_SLOT
    assert chart.scrolls
    html = render_to_string("indicators/chart.html", {"chart": chart, "table": months(24)})
    assert f'style="min-width: {chart.width}px"' in html
    assert 'tabindex="0"' in html
    # It opens on the latest months (the frame starts at its right end), saying the earlier
    # ones are a swipe away; a chart that fits does neither.
    assert 'class="overflow-x-auto d-flex flex-row-reverse"' in html
    assert "Swipe for the earlier months" in html
    fits = render_to_string(
        "indicators/chart.html", {"chart": monthly(months(6)), "table": months(6)}
    )
    assert "flex-row-reverse" not in fits
    assert "Swipe" not in fits


@pytest.mark.parametrize("n", [1, 5, 12, 40])
def test_no_chart_text_under_twelve_px(n):
    chart = monthly(months(n))
    html = render_to_string("indicators/chart.html", {"chart": chart, "table": months(n)})
    sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', html)]
    assert sizes
    assert min(sizes) >= 12
    # Drawn no narrower than its viewBox: 12 units are 12 px or more.
    assert f'viewBox="0 0 {chart.width} ' in html
    assert f"min-width: {chart.width}px" in html


def test_a_sentence_instead_of_bars_when_every_bar_is_suppressed():
    chart = monthly(months(6, suppressed=True))
    assert chart.all_suppressed
    html = render_to_string("indicators/chart.html", {"chart": chart, "table": months(6)})
    assert "<svg" not in html
    assert "Every figure here is about fewer than 5 people, so no bar is drawn" in html


def test_bars_when_only_some_are_suppressed():
    t = table([("2026-01", Shown(None, suppressed=True)), ("2026-02", Shown(6))])
    chart = monthly(t)
    assert not chart.all_suppressed
    html = render_to_string("indicators/chart.html", {"chart": chart, "table": t})
    assert "<svg" in html
    assert "<5" in html or "&lt;5" in html
