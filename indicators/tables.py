"""The indicators as tables of cells: what the page shows and what CSV and XLSX exports hold.

A suppressed cell shows "fewer than 5" (never the figure); a cell with no one to measure shows
a dash on the page and stays empty in an export. Every text cell of an export goes through
`assessments.attendance.rules.spreadsheet_safe` (a region called "=1+1" stays text)."""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from assessments.attendance.rules import spreadsheet_safe
from indicators import rules
from indicators.selectors import Indicators
from lms.formats import month_year, percent
from lms.models import Profile

SUPPRESSED = _("fewer than 5")

AGE_LABELS = {
    "under_25": _("Under 25"),
    "25_34": _("25 to 34"),
    "35_44": _("35 to 44"),
    "45_54": _("45 to 54"),
    "55_over": _("55 and over"),
    rules.NOT_RECORDED: _("Not recorded"),
}
GENDER_LABELS = {**dict(Profile.Gender.choices), rules.NOT_RECORDED: _("Not recorded")}
GENDER_LABELS[Profile.Gender.SELF_DESCRIBED] = _("Describes themself another way")
GENDER_LABELS[Profile.Gender.NOT_SAID] = _("Prefers not to say")
ATTENDANCE_LABELS = {
    "below_50": _("Below 50%"),
    "50_69": _("50% to 69%"),
    "70_79": _("70% to 79%"),
    "80_89": _("80% to 89%"),
    "90_100": _("90% to 100%"),
}


class Label(str):
    """A row's label as the page shows it ("Mar 2026", "mar 2026"), with what exports hold
    instead (`exported`, "2026-03": a spreadsheet sorts and reads it, whatever the language)."""

    exported: str

    def __new__(cls, shown: str, exported: str):
        label = super().__new__(cls, shown)
        label.exported = exported
        return label


def month_label(month: datetime.date, prefix: str = "") -> Label:
    """A month as a row label: "Centre · Mar 2026" on the page, "Centre · 2026-03" exported."""
    return Label(f"{prefix}{month_year(month)}", f"{prefix}{month:%Y-%m}")


@dataclass(frozen=True)
class Shown:
    """One cell as shown: `value` is the figure (int or Decimal) or None."""

    value: object
    suppressed: bool = False
    percent: bool = False

    def __str__(self) -> str:
        if self.suppressed:
            return str(SUPPRESSED)
        if self.value is None:
            return "\u2013"  # an en dash: nothing to measure
        if self.percent:
            # Shown as every rate on the site is, the reader's way (lms.formats).
            return percent(self.value)
        return str(self.value)

    @property
    def export_value(self):
        if self.suppressed:
            return str(SUPPRESSED)
        return "" if self.value is None else self.value


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    caption: str
    header: list
    rows: list[tuple[str, list[Shown]]]  # (label, cells)
    total: tuple[str, list[Shown]] | None = None

    def plain(self) -> list[list]:
        """The table as plain values for CSV and XLSX, formulas neutralised."""
        body = [*self.rows, *([self.total] if self.total else [])]
        values = [[str(h) for h in self.header]]
        values += [
            [getattr(label, "exported", str(label)), *(c.export_value for c in cells)]
            for label, cells in body
        ]
        return [[spreadsheet_safe(v) for v in row] for row in values]


def _rate(cell: rules.Cell) -> Shown:
    return Shown(cell.value, cell.suppressed, percent=True)


def _count(cell: rules.Cell) -> Shown:
    return Shown(cell.value, cell.suppressed)


RESULTS_HEADER = [
    _("Enrolments"),
    _("Completion rate"),
    _("Certification rate"),
    _("Mean attendance rate"),
    _("Share of women"),
]
PLACEMENT_HEADER = [
    _("In work at 3 months"),
    _("In the trade at 3 months"),
    _("In work at 6 months"),
    _("In the trade at 6 months"),
    _("In work at 12 months"),
    _("In the trade at 12 months"),
]


def _results(row: rules.Row) -> list[Shown]:
    return [_count(row.enrolments), *(_rate(row.cells[m]) for m in rules.RATE_MEASURES)]


def _placement(row: rules.Row) -> list[Shown]:
    return [_rate(row.cells[m]) for m in rules.PLACEMENT_MEASURES]


def _breakdown_table(key, title, caption, first, breakdown, labels, cells, header) -> Table:
    return Table(
        key=key,
        title=title,
        caption=caption,
        header=[first, *header],
        rows=[(str(labels.get(r.key, r.key)), cells(r)) for r in breakdown.rows],
        total=(str(_("All")), cells(breakdown.total)),
    )


def pass_rate_table(data: Indicators) -> Table:
    return Table(
        key="theory_tests",
        title=str(_("Theory tests")),
        caption=str(_("Pass rate of each theory test, among the learners who handed one in")),
        header=[_("Theory test"), _("Learners who took it"), _("Pass rate")],
        rows=[
            (data.quiz_labels[r.key], [_count(r.enrolments), _rate(r.cells["pass_rate"])])
            for r in data.pass_rates
        ],
    )


def all_tables(data: Indicators) -> dict[str, Table]:
    """Every table of the page, keyed by the name its export URL uses."""
    summary = Table(
        key="summary",
        title=str(_("Summary")),
        caption=str(_("Results indicators for the cohorts and period chosen")),
        header=[_("Figure"), _("Value")],
        rows=[
            (str(h), [c])
            for h, c in zip(
                [*RESULTS_HEADER, *PLACEMENT_HEADER],
                [*_results(data.total), *_placement(data.total)],
                strict=True,
            )
        ],
    )
    tables = [
        summary,
        _breakdown_table(
            "by_region",
            _("By region"),
            _("Results indicators by region of the cohort"),
            _("Region"),
            data.by_region,
            data.region_labels,
            _results,
            RESULTS_HEADER,
        ),
        _breakdown_table(
            "by_gender",
            _("By gender"),
            _("Results indicators by gender"),
            _("Gender"),
            data.by_gender,
            GENDER_LABELS,
            lambda r: _results(r)[:4],
            RESULTS_HEADER[:4],
        ),
        _breakdown_table(
            "by_age",
            _("By age band"),
            _("Results indicators by age band at the end of the period"),
            _("Age band"),
            data.by_age,
            AGE_LABELS,
            _results,
            RESULTS_HEADER,
        ),
        _breakdown_table(
            "by_course",
            _("By course"),
            _("Results indicators by course"),
            _("Course"),
            data.by_course,
            {},
            _results,
            RESULTS_HEADER,
        ),
        _breakdown_table(
            "placement_by_course",
            _("Outcomes after training, by course"),
            _("Share of learners followed up who were in work, and in the trade trained for"),
            _("Course"),
            data.by_course,
            {},
            _placement,
            PLACEMENT_HEADER,
        ),
        _breakdown_table(
            "placement_by_region",
            _("Outcomes after training, by region"),
            _("Share of learners followed up who were in work, and in the trade trained for"),
            _("Region"),
            data.by_region,
            data.region_labels,
            _placement,
            PLACEMENT_HEADER,
        ),
        Table(
            key="attendance_distribution",
            title=str(_("Attendance distribution")),
            caption=str(_("Number of people by attendance rate")),
            header=[_("Attendance rate"), pgettext_lazy("number of", "People")],
            rows=[(str(ATTENDANCE_LABELS[c.key]), [_count(c.cell)]) for c in data.attendance],
        ),
        Table(
            key="certification_over_time",
            title=str(_("Certification over time")),
            caption=str(_("Valid certificates issued per month")),
            header=[_("Month"), _("Certificates")],
            rows=[
                (month_label(datetime.date.fromisoformat(f"{c.key}-01")), [_count(c.cell)])
                for c in data.certificates
            ],
        ),
        pass_rate_table(data),
    ]
    return {t.key: t for t in tables}


def follow_up_table(follow_ups) -> list[list]:
    """Person-level: one row per follow-up. Only for coordinators of the learners' cohorts."""
    rows = [
        [
            str(_("Learner")),
            str(_("Username")),
            str(_("Course")),
            str(_("Cohort")),
            str(_("Region")),
            str(_("Cohort ended on")),
            str(_("Months after the course")),
            str(_("Outcome")),
            str(_("Note")),
            str(_("Recorded by")),
            str(_("Recorded at")),
        ]
    ]
    for f in follow_ups:
        learner = f.enrolment.learner
        profile = getattr(learner, "profile", None)
        cohort = f.enrolment.cohort
        rows.append(
            [
                profile.printed_name if profile else "",
                learner.get_username(),
                cohort.course.title,
                cohort.name,
                cohort.region.name_in(),
                cohort.end_date.isoformat(),
                f.months,
                f.get_outcome_display(),
                f.note,
                str(f.recorded_by) if f.recorded_by else "",
                f.recorded_at.strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return [[spreadsheet_safe(v) for v in row] for row in rows]
