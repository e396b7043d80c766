"""Enrolment from a CSV file: parse, check every row, then write all rows or none.

The flow is upload -> preview (every row with its errors, audited) -> confirm. Parsing is pure
(`parsing`); checking reads the database in a fixed number of queries (`checking`);
`services.enrolments_import_csv` checks again under a lock on the cohort and writes everything
in one transaction."""

from courses.imports.checking import ImportPreview, ImportResult, ImportRow, validate_rows
from courses.imports.parsing import COLUMNS, MAX_BYTES, MAX_ROWS, SAMPLE_CSV, parse_csv
from courses.imports.services import (
    MSG_WELCOME_SUBJECT,
    enrolments_import_csv,
    enrolments_import_preview,
    username_generate,
    welcome_emails_send,
)

__all__ = [
    "COLUMNS",
    "MAX_BYTES",
    "MAX_ROWS",
    "MSG_WELCOME_SUBJECT",
    "SAMPLE_CSV",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "enrolments_import_csv",
    "enrolments_import_preview",
    "parse_csv",
    "username_generate",
    "validate_rows",
    "welcome_emails_send",
]
