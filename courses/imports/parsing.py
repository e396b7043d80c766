"""Reading an uploaded enrolment file into records. Pure: no database."""

import csv
import io

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from lms.models import Profile, User

MAX_ROWS = 1000
MAX_BYTES = 1024 * 1024

NAME_MAX_LENGTH = Profile._meta.get_field("printed_name").max_length
EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length
COLUMNS = ("username", "email", "printed_name", "region", "preferred_language", "enrolled_on")
SAMPLE_CSV = (
    "username,email,printed_name,region,preferred_language,enrolled_on\r\n"
    ",maria.lopez@example.org,María López Hernández,north,es,\r\n"
    ",joao.silva@example.org,João Silva,north,pt,2026-03-02\r\n"
    "giulia.r,,Giulia Rossi,,,\r\n"
)

# File errors: the file as a whole cannot be read.
MSG_FILE_TOO_LARGE = _("The file is larger than 1 MB. Split it into smaller files.")
MSG_FILE_EMPTY = _("The file is empty. Add a header row and one row per learner.")
MSG_FILE_ENCODING = _(
    "The file is not in UTF-8, so accented letters would be lost. In your spreadsheet, use "
    "“Save as” and choose “CSV UTF-8 (comma delimited)”, then upload the new file."
)
MSG_FILE_UNREADABLE = _("The file could not be read as CSV: %(error)s")
MSG_FILE_BINARY = _(
    "This is not a CSV file: it contains characters a spreadsheet does not write. In your "
    "spreadsheet, use “Save as” and choose “CSV UTF-8 (comma delimited)”."
)
MSG_FILE_MISSING_COLUMNS = _("The header row is missing these columns: %(columns)s.")
MSG_FILE_NEEDS_IDENTIFIER = _(
    "The header row needs a “username” column, an “email” column, or both."
)
MSG_FILE_NO_ROWS = _("The file has a header row but no learners.")
MSG_FILE_TOO_MANY_ROWS = _("The file has %(count)s learners; the limit is %(limit)s per file.")
MSG_FILE_NOT_ENOUGH_PLACES = ngettext_lazy(
    "%(cohort)s has %(places)s place left and the file enrols %(count)s new learners.",
    "%(cohort)s has %(places)s places left and the file enrols %(count)s new learners.",
    "places",
)
MSG_FILE_HAS_ERRORS = _("Nothing was enrolled: correct the rows with errors and upload again.")


def parse_csv(data: bytes) -> tuple[list[dict[str, str]], list[str]]:
    """Read the uploaded bytes into records keyed by column. No database.

    Returns (records, file_errors). Cells are kept exactly as written apart from surrounding
    spaces: a cell starting with = + - @ is a name or a code, never evaluated."""
    if len(data) > MAX_BYTES:
        return [], [str(MSG_FILE_TOO_LARGE)]
    try:
        text = data.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError:
        return [], [str(MSG_FILE_ENCODING)]
    if not text.strip():
        return [], [str(MSG_FILE_EMPTY)]
    if "\x00" in text:  # binary data; PostgreSQL cannot even compare it with a username
        return [], [str(MSG_FILE_BINARY)]

    first_line = text.lstrip().splitlines()[0]
    # Spreadsheets set to Spanish, Italian or Portuguese save CSV with semicolons.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        lines = [(reader.line_num, row) for row in reader]
    except csv.Error as exc:
        return [], [str(MSG_FILE_UNREADABLE % {"error": exc})]

    header_index = next(
        (i for i, (_n, row) in enumerate(lines) if any(c.strip() for c in row)), None
    )
    if header_index is None:  # only separators, e.g. ";;;" or ",": no cell holds anything
        return [], [str(MSG_FILE_EMPTY)]
    header = [c.strip().lower().replace(" ", "_") for c in lines[header_index][1]]
    errors = []
    if "printed_name" not in header:
        errors.append(str(MSG_FILE_MISSING_COLUMNS % {"columns": "printed_name"}))
    if "username" not in header and "email" not in header:
        errors.append(str(MSG_FILE_NEEDS_IDENTIFIER))
    if errors:
        return [], errors

    records = []
    for line_num, row in lines[header_index + 1 :]:
        if not any(c.strip() for c in row):
            continue
        record = {"_line": str(line_num)}
        for column, cell in zip(header, row, strict=False):
            if column in COLUMNS:
                record[column] = cell.strip()
        records.append(record)
    if not records:
        return [], [str(MSG_FILE_NO_ROWS)]
    if len(records) > MAX_ROWS:
        return [], [str(MSG_FILE_TOO_MANY_ROWS % {"count": len(records), "limit": MAX_ROWS})]
    return records, []
