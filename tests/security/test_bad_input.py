"""Bad input, generated: odd Unicode, very long fields, missing columns, wrong encodings,
spreadsheet formulas, duplicate rows. Always a clear message, never a 500, nothing half-written."""

import csv
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessments.models import Attempt, CriterionResult, Evidence
from courses import imports
from courses.models import Enrolment
from lms.models import Profile, User
from tests import factories
from tests.assessments.practical import bread_template

pytestmark = pytest.mark.django_db

FAST = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Text as people and spreadsheets produce it: accents, scripts, emoji, control characters,
# right-to-left marks, formulas, and now and then something far too long.
FORMULAS = st.sampled_from(["=1+1", "+SUM(A1:A9)", "-2+3", "@cmd", '=HYPERLINK("http://x")'])
ODD_TEXT = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=40),
    FORMULAS,
    st.text(min_size=201, max_size=400),
    st.sampled_from(["María José", "João", "Zoë\u200f", "李小龍", "   ", "a,b;c", '"quoted"']),
)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16", "cp1252"])


@st.composite
def csv_files(draw):
    """A CSV upload: some of the columns (maybe none of the required ones), some rows (maybe
    duplicates), in some encoding, with comma or semicolon."""
    columns = draw(st.lists(st.sampled_from([*imports.COLUMNS, "notes"]), unique=True, max_size=7))
    rows = draw(
        st.lists(st.lists(ODD_TEXT, min_size=len(columns), max_size=len(columns)), max_size=6)
    )
    if rows and draw(st.booleans()):
        rows.append(list(rows[0]))  # a duplicate row
    delimiter = draw(st.sampled_from([",", ";"]))
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(columns)
    writer.writerows(rows)
    encoding = draw(ENCODINGS)
    return buffer.getvalue().encode(encoding, errors="replace")


@st.composite
def well_formed_files(draw):
    """Files with the right columns, so that some imports go through: usernames and emails
    that may be new, repeated or malformed, and names of every kind."""
    usernames = st.one_of(st.from_regex(r"[a-z][a-z0-9._]{2,12}", fullmatch=True), ODD_TEXT)
    emails = st.one_of(st.just(""), st.emails(), ODD_TEXT)
    rows = draw(st.lists(st.tuples(usernames, emails, ODD_TEXT), min_size=1, max_size=6))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["username", "email", "printed_name"])
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def counts():
    return (User.objects.count(), Profile.objects.count(), Enrolment.objects.count())


@given(data=st.one_of(st.binary(max_size=3000), csv_files()))
@FAST
def test_parse_csv_never_raises_and_errors_mean_no_records(data):
    records, errors = imports.parse_csv(data)
    assert all(isinstance(e, str) and e for e in errors)
    if errors:
        assert records == []
    for record in records:
        assert set(record) <= {"_line", *imports.COLUMNS}


@given(data=st.one_of(csv_files(), well_formed_files()))
@FAST
def test_import_writes_every_row_or_nothing(world, data):
    records, errors = imports.parse_csv(data)
    if errors:
        return
    before = counts()
    with transaction.atomic():
        preview = imports.validate_rows(
            cohort=world.cohort_x, records=records, by=world.coordinator_x
        )
        if not preview.is_valid:
            with pytest.raises(ValidationError, match="Nothing was enrolled"):
                imports.enrolments_import_csv(
                    cohort=world.cohort_x, rows=records, by=world.coordinator_x
                )
            assert counts() == before
        else:
            result = imports.enrolments_import_csv(
                cohort=world.cohort_x, rows=records, by=world.coordinator_x
            )
            assert len(result.enrolments) == len(records)
            assert counts()[2] == before[2] + len(records)
            # Formulas and odd text are stored as written, never evaluated.
            for row, enrolment in zip(preview.rows, result.enrolments, strict=True):
                assert enrolment.learner.profile.printed_name == row.printed_name
        transaction.set_rollback(True)
    for row in preview.rows:
        assert all(isinstance(e, str) and e for e in row.errors)


@given(data=st.one_of(st.binary(max_size=2000), csv_files()), name=ODD_TEXT)
@FAST
def test_import_upload_page_answers_every_file_with_a_page(client, world, data, name):
    client.force_login(world.coordinator_x)
    before = counts()
    response = client.post(
        f"/admin/enrolment-import/{world.cohort_x.pk}/",
        {"file": SimpleUploadedFile(name[:100] or "x.csv", data, content_type="text/csv")},
    )
    assert response.status_code == 200  # the preview, or the form with its error
    assert counts() == before  # uploading only previews


PROFILE_FIELDS = st.fixed_dictionaries(
    {
        "printed_name": ODD_TEXT,
        "preferred_language": st.one_of(st.sampled_from(["en", "es", "it", "pt"]), ODD_TEXT),
        "region": st.one_of(st.just(""), ODD_TEXT, st.integers().map(str)),
        "phone": ODD_TEXT,
        "gender": st.one_of(st.sampled_from(["", "woman", "man", "not_said"]), ODD_TEXT),
        "gender_self_description": ODD_TEXT,
        "birth_year": st.one_of(st.just(""), st.integers(-(10**12), 10**12).map(str), ODD_TEXT),
    }
)


@given(data=PROFILE_FIELDS)
@FAST
def test_profile_form_saves_or_explains_never_500(client, world, data):
    client.force_login(world.learner_a)
    before = Profile.objects.filter(user=world.learner_a).values().get()
    response = client.post("/accounts/profile/", data)
    assert response.status_code in (200, 302)
    after = Profile.objects.filter(user=world.learner_a).values().get()
    if response.status_code == 200:
        assert "invalid-feedback" in response.text or "is-invalid" in response.text
        assert after == before  # an invalid form saves nothing
    else:
        assert after["printed_name"] == data["printed_name"].strip()


@given(username=ODD_TEXT, password=ODD_TEXT)
@FAST
def test_login_form_never_500_and_never_logs_in_with_junk(client, world, username, password):
    response = client.post("/accounts/login/", {"username": username, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.fixture
def draft(world):
    from assessments.practical import services

    template = bread_template(world.course)
    return services.attempt_start(
        enrolment=world.enrolment_a, template=template, assessor=world.trainer_x
    )


def attempt_state(attempt):
    return (
        Attempt.objects.filter(pk=attempt.pk)
        .values_list("status", "feedback", "assessed_on")
        .get(),
        list(CriterionResult.objects.filter(attempt=attempt).values_list("met", "comment")),
        Evidence.objects.count(),
    )


@given(
    assessed_on=st.one_of(st.dates().map(str), ODD_TEXT),
    feedback=ODD_TEXT,
    marks=st.lists(st.sampled_from(["met", "not_yet", "", "maybe", "☃"]), min_size=3, max_size=3),
    comments=st.lists(ODD_TEXT, min_size=3, max_size=3),
    submit=st.booleans(),
)
@FAST
def test_recording_form_saves_or_explains_never_500(
    client, world, draft, assessed_on, feedback, marks, comments, submit
):
    client.force_login(world.trainer_x)
    data = {"assessed_on": assessed_on, "feedback": feedback}
    for result, mark, comment in zip(draft.results.all(), marks, comments, strict=True):
        data[f"met_{result.criterion_id}"] = mark
        data[f"comment_{result.criterion_id}"] = comment
    if submit:
        data["submit"] = "1"
    with transaction.atomic():
        before = attempt_state(draft)
        response = client.post(f"/assessments/attempts/{draft.pk}/record/", data)
        assert response.status_code in (200, 302)
        if response.status_code == 200:
            assert attempt_state(draft) == before  # the form with its errors; nothing saved
        transaction.set_rollback(True)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("notes.txt", b"just some text", "not a JPEG or PNG photo"),
        ("photo.png", b"<script>alert(1)</script>", "not a JPEG or PNG photo"),
        ("photo.png", b"\x89PNG\r\n\x1a\n" + b"broken" * 10, "cannot be opened"),
        ("empty.pdf", b"", "empty"),
    ],
)
def test_evidence_of_the_wrong_type_is_refused(client, world, draft, name, content, message):
    client.force_login(world.trainer_x)
    response = client.post(
        f"/assessments/attempts/{draft.pk}/record/",
        {
            "assessed_on": str(draft.assessed_on),
            "evidence": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert message in response.text
    assert not Evidence.objects.exists()


def test_evidence_over_the_size_limit_is_refused(client, world, draft, settings):
    from assessments.practical import rules

    client.force_login(world.trainer_x)
    big = factories.png_bytes() + b"\0" * rules.EVIDENCE_MAX_BYTES
    response = client.post(
        f"/assessments/attempts/{draft.pk}/record/",
        {"assessed_on": str(draft.assessed_on), "evidence": SimpleUploadedFile("big.png", big)},
    )
    # Not read past 10 MB: the upload handler stops it (tests/security/test_upload_limits.py).
    assert response.status_code == 413
    assert "10 MB" in response.text
    assert not Evidence.objects.exists()
    private = settings.PRIVATE_MEDIA_ROOT
    assert not any(p.is_file() for p in private.rglob("*")) if private.exists() else True


def test_csv_over_the_size_limit_is_refused(client, world):
    client.force_login(world.coordinator_x)
    before = counts()
    response = client.post(
        f"/admin/enrolment-import/{world.cohort_x.pk}/",
        {"file": SimpleUploadedFile("big.csv", b"a" * (imports.MAX_BYTES + 1))},
    )
    assert response.status_code == 200
    assert "larger than 1 MB" in response.text
    assert counts() == before


def test_csv_with_nul_characters_is_refused_with_advice(client, world):
    # Found by the generated tests on PostgreSQL, which cannot compare text containing NUL.
    client.force_login(world.coordinator_x)
    before = counts()
    response = client.post(
        f"/admin/enrolment-import/{world.cohort_x.pk}/",
        {"file": SimpleUploadedFile("x.csv", b"username,printed_name\nab\x00c,Ana\n")},
    )
    assert response.status_code == 200
    assert "This is not a CSV file" in response.text
    assert counts() == before
