"""Checking every record of an enrolment file against the database and the other rows. Reads
only, in a fixed number of queries whatever the number of rows.

Accounts are matched only among those the importing user may enrol
(`courses.selectors.learners_enrollable_by`): a coordinator's preview reads the same for an
account outside their cohorts as for one that does not exist, and a coordinator never chooses a
new learner's username (`services.username_generate`), so no answer depends on whether an
account exists elsewhere."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from courses import rules, selectors
from courses.imports.parsing import EMAIL_MAX_LENGTH, MSG_FILE_NOT_ENOUGH_PLACES, NAME_MAX_LENGTH
from courses.models import Cohort, Enrolment
from lms.formats import medium_date
from lms.i18n import NAME_LANGUAGES
from lms.models import Region, User

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
# A coordinator's username cell only finds a learner already in their cohorts. The message is
# the same whether an account with that username exists elsewhere or not at all.
MSG_ROW_USERNAME_NOT_IN_SCOPE = _(
    "No learner of your cohorts has the username “%(value)s”. For a new learner, leave the "
    "username empty and give an email address: the username is chosen for them."
)


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
    # A new learner's username as given in the file (administrators only); empty: generated.
    new_username: str = ""

    @property
    def is_new(self) -> bool:
        return self.learner is None


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


def _accounts_by_identifier(rows: list[ImportRow], accounts):
    """The matchable accounts named in the file, by lower-case username and email. Two queries.
    Case-insensitive matching with IN lists: a chain of 1000 ORs is too deep for SQLite."""
    usernames = {r.username.lower() for r in rows if r.username}
    usernames |= {r.email.lower() for r in rows if r.email and not r.username}
    emails = {r.email.lower() for r in rows if r.email}
    by_username: dict[str, User] = {}
    by_email: dict[str, list[User]] = {}
    accounts = accounts.select_related("profile")
    if usernames:
        for user in accounts.annotate(username_lower=Lower("username")).filter(
            username_lower__in=usernames
        ):
            by_username[user.username.lower()] = user
    if emails:
        for user in accounts.annotate(email_lower=Lower("email")).filter(email_lower__in=emails):
            by_email.setdefault(user.email.lower(), []).append(user)
    return by_username, by_email


def _match_accounts(rows: list[ImportRow], *, by) -> None:
    """Find each row's account among those `by` may enrol, by username first, then by email.

    Administrators match any account and may name a new learner's username. Anyone else
    matches only the learners of their cohorts; everything else is a new learner, whose
    username is generated, so nothing here depends on accounts outside their scope."""
    administrator = by.is_superuser
    by_username, by_email = _accounts_by_identifier(
        rows, selectors.learners_enrollable_by(by) if not administrator else User.objects.all()
    )
    for row in rows:
        named = by_username.get(row.username.lower()) if row.username else None
        mailed = by_email.get(row.email.lower(), []) if row.email else []
        if named is not None:
            if mailed and all(u.pk != named.pk for u in mailed):
                row.errors.append(str(MSG_ROW_TWO_ACCOUNTS))
            row.learner = named
        elif row.username and not administrator:
            row.errors.append(str(MSG_ROW_USERNAME_NOT_IN_SCOPE % {"value": row.username}))
        elif len(mailed) > 1:
            row.errors.append(str(MSG_ROW_SHARED_EMAIL))
        elif len(mailed) == 1:
            row.learner = mailed[0]
        elif administrator:
            _check_new_username(row, by_username)


def _check_new_username(row: ImportRow, by_username: dict[str, User]) -> None:
    """An administrator's new learner: the username given, else the email address."""
    row.new_username = row.username or row.email.lower()
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


def validate_rows(*, cohort: Cohort, records: list[dict[str, str]], by) -> ImportPreview:
    """Check every record, as `by` would import it, against the database and the other rows.

    A fixed number of queries whatever the number of rows."""
    regions = list(Region.objects.all())
    rows = [_row_from_record(record, regions) for record in records]
    _match_accounts(rows, by=by)
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
            row.errors.append(str(MSG_ROW_DATE_AFTER_END % {"end": medium_date(cohort.end_date)}))
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
