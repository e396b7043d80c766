"""The attendance grid as a table of plain values, written to CSV or XLSX. Every text cell goes
through `rules.spreadsheet_safe`, so a name like '=HYPERLINK(...)' stays text."""

import csv
import io

from django.utils.translation import gettext as _

from assessments.attendance.rules import spreadsheet_safe
from assessments.attendance.selectors import Grid
from lms.spreadsheets import sheet_title


def _yes_no(value: bool) -> str:
    return _("yes") if value else _("no")


def grid_table(grid: Grid) -> list[list]:
    header = [
        _("Learner"),
        _("Username"),
        _("Enrolled on"),
        _("Enrolment status"),
        *[f"{s.date:%Y-%m-%d} {s.start_time:%H:%M} {s.translated_topic}" for s in grid.sessions],
        _("Attended"),
        _("Counted so far"),
        _("Rate so far (%)"),
        _("Sessions in the whole course"),
        _("Rate over the whole course (%)"),
        _("Best reachable (%)"),
        _("Threshold (%)"),
        _("Meets threshold"),
        _("At risk"),
    ]
    rows = [header]
    for row in grid.rows:
        learner = row.enrolment.learner
        profile = getattr(learner, "profile", None)
        summary = row.summary
        rows.append(
            [
                profile.printed_name if profile else "",
                learner.get_username(),
                row.enrolment.enrolled_on,
                row.enrolment.get_status_display(),
                *[str(cell.label) for cell in row.cells],
                summary.attended,
                summary.counted,
                summary.rate_so_far,
                summary.counted_whole_course,
                summary.rate_whole_course,
                summary.best_reachable,
                summary.threshold,
                _yes_no(summary.meets_threshold),
                _yes_no(summary.at_risk),
            ]
        )
    return [[spreadsheet_safe("" if value is None else value) for value in r] for r in rows]


def to_csv(table: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in table:
        writer.writerow([str(value) for value in row])
    return buffer.getvalue()


def to_xlsx(table: list[list], *, title: str) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title(title))
    for row in table:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
