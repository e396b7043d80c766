"""Enrolment from a CSV file: parse, validate every row, then write all rows or none.

The flow is upload -> preview (every row with its errors) -> confirm. Parsing is pure; validation
reads the database in a fixed number of queries; `enrolments_import_csv` validates again under a
lock on the cohort and writes everything in one transaction.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from wagtail.log_actions import log

from courses import rules
from courses.models import Cohort, Enrolment
from courses.services import enrolment_create
from lms import roles
from lms.i18n import NAME_LANGUAGES, localized_page
from lms.models import Profile, Region, User
from lms.services import person_create

MAX_ROWS = 1000
MAX_BYTES = 1024 * 1024

NAME_MAX_LENGTH = Profile._meta.get_field("printed_name").max_length
EMAIL_MAX_LENGTH = User._meta.get_field("email").max_length
COLUMNS = ("username", "email", "printed_name", "region", "preferred_language", "enrolled_on")
SAMPLE_CSV = (
    "username,email,printed_name,region,preferred_language,enrolled_on\r\n"
    "maria.lopez,maria.lopez@example.org,María López Hernández,north,es,\r\n"
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

# Row errors: one per problem, so a coordinator can fix the whole file in one pass.
MSG_ROW_NO_IDENTIFIER = _("Give a username or an email address.")
MSG_ROW_NO_NAME = _("The name as printed on certificates is missing.")
MSG_ROW_NAME_TOO_LONG = _("The name is longer than %(limit)s characters.")
MSG_ROW_BAD_EMAIL = _("“%(value)s” is not a valid email address.")
MSG_ROW_BAD_USERNAME = _(
    "“%(value)s” cannot be a username: use up to 150 letters, digits and @ . + - _ only."
)
MSG_ROW_UNKNOWN_REGION = _(
    "Unknown region “%(value)s”. Use the name or code of an existing region."
)
MSG_ROW_UNKNOWN_LANGUAGE = _("Unknown language “%(value)s”. Use one of: %(choices)s.")
MSG_ROW_BAD_DATE = _("“%(value)s” is not a date. Write dates as YYYY-MM-DD, e.g. 2026-03-02.")
MSG_ROW_DATE_AFTER_END = _("The enrolment date is after the cohort ends (%(end)s).")
MSG_ROW_DUPLICATE = _("The same learner is already on row %(line)s of this file.")
MSG_ROW_ALREADY_ENROLLED = _("%(learner)s is already enrolled in this cohort.")
MSG_ROW_COHORT_FULL = _("The cohort is full: this learner would exceed its %(capacity)s places.")
MSG_ROW_TWO_ACCOUNTS = _("The username and the email belong to two different accounts.")
MSG_ROW_SHARED_EMAIL = _("Several accounts use this email address: give the username instead.")
MSG_ROW_NEW_NEEDS_EMAIL = _(
    "No account has this username. A new learner needs an email address to set a password."
)
MSG_ROW_USERNAME_TAKEN = _("The username for this new learner (%(value)s) is already taken.")

MSG_WELCOME_SUBJECT = _("Your account for %(course)s: choose a password")


@dataclass
class ImportRow:
    """One learner row of the file, as read and as checked."""

    line: int
    username: str = ""
    email: str = ""
    printed_name: str = ""
    region_text: str = ""
    language_text: str = ""
    date_text: str = ""
    region: Region | None = None
    preferred_language: str = ""
    enrolled_on: datetime.date | None = None
    learner: User | None = None
    duplicate_of: int | None = None
    errors: list[str] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.learner is None

    @property
    def new_username(self) -> str:
        return self.username or self.email.lower()


@dataclass
class ImportPreview:
    cohort: Cohort
    rows: list[ImportRow]
    file_errors: list[str]
    places_left: int = 0

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.file_errors and not any(r.errors for r in self.rows)

    @property
    def error_row_count(self) -> int:
        return sum(1 for r in self.rows if r.errors)

    @property
    def new_count(self) -> int:
        return sum(1 for r in self.rows if r.is_new)


@dataclass(frozen=True)
class ImportResult:
    enrolments: list[Enrolment]
    new_learners: list[User]


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


def _check_username(value: str) -> bool:
    try:
        User._meta.get_field("username").run_validators(value)
    except ValidationError:
        return False
    return bool(value)


def _find_region(regions: list[Region], text: str) -> Region | None:
    """The region whose code or original name this is; else the one region with this name in
    another language (a coordinator may write the name they read). Two regions translated
    alike are not guessed between."""
    wanted = text.casefold()
    found = next(
        (r for r in regions if r.name.casefold() == wanted or r.code.casefold() == wanted), None
    )
    if found is not None:
        return found
    translated = [
        r
        for r in regions
        if any(getattr(r, f"name_{code}").casefold() == wanted for code in NAME_LANGUAGES)
    ]
    return translated[0] if len(translated) == 1 else None


def _row_from_record(record: dict[str, str], regions: list[Region]) -> ImportRow:
    """Read one record's own cells; checks that need other rows or accounts come later."""
    row = ImportRow(
        line=int(record.get("_line", 0)),
        username=record.get("username", ""),
        email=record.get("email", ""),
        printed_name=record.get("printed_name", ""),
        region_text=record.get("region", ""),
        language_text=record.get("preferred_language", ""),
        date_text=record.get("enrolled_on", ""),
    )
    if not row.username and not row.email:
        row.errors.append(str(MSG_ROW_NO_IDENTIFIER))
    if row.email:
        try:
            validate_email(row.email)
            if len(row.email) > EMAIL_MAX_LENGTH:
                raise ValidationError(MSG_ROW_BAD_EMAIL)
        except ValidationError:
            row.errors.append(str(MSG_ROW_BAD_EMAIL % {"value": row.email}))
    if not row.printed_name:
        row.errors.append(str(MSG_ROW_NO_NAME))
    elif len(row.printed_name) > NAME_MAX_LENGTH:
        row.errors.append(str(MSG_ROW_NAME_TOO_LONG % {"limit": NAME_MAX_LENGTH}))
    if row.region_text:
        row.region = _find_region(regions, row.region_text)
        if row.region is None:
            row.errors.append(str(MSG_ROW_UNKNOWN_REGION % {"value": row.region_text}))
    languages = [code for code, _name in settings.LANGUAGES]
    if row.language_text:
        if row.language_text.lower() in languages:
            row.preferred_language = row.language_text.lower()
        else:
            row.errors.append(
                str(
                    MSG_ROW_UNKNOWN_LANGUAGE
                    % {"value": row.language_text, "choices": ", ".join(languages)}
                )
            )
    if row.date_text:
        try:
            row.enrolled_on = datetime.date.fromisoformat(row.date_text)
        except ValueError:
            row.errors.append(str(MSG_ROW_BAD_DATE % {"value": row.date_text}))
    return row


def _match_accounts(rows: list[ImportRow]) -> None:
    """Find each row's existing account, by username first, then by email. Two queries."""
    usernames = {r.username.lower() for r in rows if r.username}
    emails = {r.email.lower() for r in rows if r.email}
    new_usernames = {r.email.lower() for r in rows if r.email and not r.username}
    by_username: dict[str, User] = {}
    by_email: dict[str, list[User]] = {}
    # Case-insensitive matching with IN lists: a chain of 1000 ORs is too deep for SQLite.
    accounts = User.objects.select_related("profile")
    if usernames or new_usernames:
        for user in accounts.annotate(username_lower=Lower("username")).filter(
            username_lower__in=usernames | new_usernames
        ):
            by_username[user.username.lower()] = user
    if emails:
        for user in accounts.annotate(email_lower=Lower("email")).filter(email_lower__in=emails):
            by_email.setdefault(user.email.lower(), []).append(user)

    for row in rows:
        named = by_username.get(row.username.lower()) if row.username else None
        mailed = by_email.get(row.email.lower(), []) if row.email else []
        if named is not None:
            if mailed and all(u.pk != named.pk for u in mailed):
                row.errors.append(str(MSG_ROW_TWO_ACCOUNTS))
            row.learner = named
        elif len(mailed) > 1:
            row.errors.append(str(MSG_ROW_SHARED_EMAIL))
        elif len(mailed) == 1:
            row.learner = mailed[0]
        else:  # a new learner
            if row.username and not _check_username(row.username):
                row.errors.append(str(MSG_ROW_BAD_USERNAME % {"value": row.username}))
            if not row.email:
                if row.username:
                    row.errors.append(str(MSG_ROW_NEW_NEEDS_EMAIL))
            elif row.new_username in by_username:
                row.errors.append(str(MSG_ROW_USERNAME_TAKEN % {"value": row.new_username}))
            elif not row.username and not _check_username(row.new_username):
                row.errors.append(str(MSG_ROW_BAD_USERNAME % {"value": row.new_username}))


def _mark_duplicates(rows: list[ImportRow]) -> None:
    seen: dict[str, int] = {}
    for row in rows:
        keys = set()
        if row.learner is not None:
            keys.add(f"id:{row.learner.pk}")
        if row.username:
            keys.add(f"username:{row.username.lower()}")
        if row.email:
            keys.add(f"email:{row.email.lower()}")
        first = next((seen[k] for k in sorted(keys) if k in seen), None)
        if first is not None:
            row.duplicate_of = first
            row.errors.append(str(MSG_ROW_DUPLICATE % {"line": first}))
        for key in keys:
            seen.setdefault(key, row.line)


def validate_rows(*, cohort: Cohort, records: list[dict[str, str]]) -> ImportPreview:
    """Check every record against the database and the other rows. Reads only.

    A fixed number of queries whatever the number of rows."""
    regions = list(Region.objects.all())
    rows = [_row_from_record(record, regions) for record in records]
    _match_accounts(rows)
    _mark_duplicates(rows)

    existing_ids = [r.learner.pk for r in rows if r.learner is not None]
    enrolled = set(
        Enrolment.objects.filter(cohort=cohort, learner__in=existing_ids).values_list(
            "learner_id", flat=True
        )
    )
    active = cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).count()
    places_left = max(cohort.capacity - active, 0)
    taking = 0
    wanted = 0
    for row in rows:
        already = row.learner is not None and row.learner.pk in enrolled
        if already:
            row.errors.append(str(MSG_ROW_ALREADY_ENROLLED % {"learner": row.learner}))
        if row.enrolled_on and row.enrolled_on > cohort.end_date:
            row.errors.append(str(MSG_ROW_DATE_AFTER_END % {"end": cohort.end_date.isoformat()}))
        if already or row.duplicate_of is not None:
            continue
        # Every other row would take a place, in file order, so the file's own rows count too.
        wanted += 1
        if rules.enrolment_has_room(capacity=cohort.capacity, active_count=active + taking):
            taking += 1
        else:
            row.errors.append(str(MSG_ROW_COHORT_FULL % {"capacity": cohort.capacity}))

    file_errors = []
    if wanted > places_left:
        file_errors.append(
            str(
                MSG_FILE_NOT_ENOUGH_PLACES
                % {"cohort": cohort, "places": places_left, "count": wanted}
            )
        )
    return ImportPreview(cohort=cohort, rows=rows, file_errors=file_errors, places_left=places_left)


@transaction.atomic
def enrolments_import_csv(*, cohort: Cohort, rows: list[dict[str, str]], by) -> ImportResult:
    """Enrol every row of a checked file, creating accounts for new learners. All or nothing.

    `rows` are the records from `parse_csv`. They are checked again here, with the cohort locked,
    because the database may have changed since the preview. New learners are emailed a link to
    choose their password once the transaction has committed."""
    cohort = Cohort.objects.select_for_update().select_related("course").get(pk=cohort.pk)
    preview = validate_rows(cohort=cohort, records=rows)
    if not preview.is_valid:
        raise ValidationError(MSG_FILE_HAS_ERRORS)

    enrolments, new_learners = [], []
    for row in preview.rows:
        learner = row.learner
        if learner is None:
            learner = person_create(
                username=row.new_username,
                email=row.email,
                printed_name=row.printed_name,
                region=row.region,
                preferred_language=row.preferred_language or settings.LANGUAGE_CODE,
                role=roles.LEARNER,
            )
            log(instance=learner, action="lms.person.create", user=by)
            new_learners.append(learner)
        enrolments.append(
            enrolment_create(learner=learner, cohort=cohort, enrolled_on=row.enrolled_on, by=by)
        )
    log(
        instance=cohort,
        action="lms.enrolment.import",
        user=by,
        data={"enrolled": len(enrolments), "new_accounts": len(new_learners)},
    )
    learner_ids = [u.pk for u in new_learners]
    transaction.on_commit(lambda: welcome_emails_send(learner_ids=learner_ids, cohort_id=cohort.pk))
    return ImportResult(enrolments=enrolments, new_learners=new_learners)


def welcome_emails_send(*, learner_ids: list[int], cohort_id: int) -> int:
    """Email each new learner a link to choose a password, in their preferred language."""
    cohort = Cohort.objects.select_related("course").get(pk=cohort_id)
    base_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    sent = 0
    for user in User.objects.filter(pk__in=learner_ids).select_related("profile"):
        if not user.email:
            continue
        language = getattr(getattr(user, "profile", None), "preferred_language", "") or "en"
        with translation.override(language):
            link = base_url + reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            # The course as the learner will read it: its translation in their language, if any.
            course = localized_page(cohort.course, language=language)
            context = {"user": user, "cohort": cohort, "course": course, "link": link}
            subject = str(MSG_WELCOME_SUBJECT % {"course": course.title})
            body = render_to_string("courses/admin/enrolment_welcome_email.txt", context)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
