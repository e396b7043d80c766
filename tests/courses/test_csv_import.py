"""Enrolment from a CSV file: every error reported, nothing written unless every row is valid."""

import datetime

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape
from wagtail.models import ModelLogEntry

from courses import imports
from courses.imports import checking, parsing
from courses.models import Enrolment
from lms.models import Profile, User
from tests import factories

HEADER = "username,email,printed_name,region,preferred_language,enrolled_on\n"


@pytest.fixture
def north(db):
    return factories.RegionFactory(name="North", code="north")


def import_url(cohort):
    return reverse("courses_enrolment_import", args=[cohort.pk])


def upload(client, cohort, text, encoding="utf-8", name="learners.csv"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(
        import_url(cohort), {"file": SimpleUploadedFile(name, data, content_type="text/csv")}
    )


def confirm(client, response, cohort):
    return client.post(
        import_url(cohort),
        {"confirm": "1", "fingerprint": response.context["fingerprint"]},
    )


def counts():
    return (User.objects.count(), Profile.objects.count(), Enrolment.objects.count())


def test_good_file_enrols_everyone_and_emails_new_learners(
    client, world, north, django_capture_on_commit_callbacks
):
    text = HEADER + (
        ",maria@example.org,María López Hernández,north,es,\n"
        ",joao@example.org,João Silva,North,pt,2026-03-02\n"
        "outsider,,Out Sider,,,\n"  # an existing account, matched by username
    )
    world.cohort_x.end_date = datetime.date(2026, 12, 31)
    world.cohort_x.save()
    # The outsider learnt in an earlier cohort of the same coordinator: in their scope.
    earlier = factories.CohortFactory(course=world.course, coordinators=[world.coordinator_x])
    factories.EnrolmentFactory(learner=world.outsider, cohort=earlier)
    client.force_login(world.coordinator_x)
    before = counts()

    preview = upload(client, world.cohort_x, text)
    assert preview.status_code == 200
    assert "Confirm and enrol 3 learners" in preview.text
    assert counts() == before  # the preview writes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = confirm(client, preview, world.cohort_x)
    assert response.status_code == 302
    assert counts() == (before[0] + 2, before[1] + 2, before[2] + 3)
    # The page it returns to lists the enrolments just made, new accounts marked.
    done = client.get(response.url)
    assert done.status_code == 200
    assert "Enrolled just now: 3 learners" in done.text
    imported = {e.learner.username for e in done.context["imported"]}
    assert imported == {
        "outsider",
        *User.objects.filter(email__in=["maria@example.org", "joao@example.org"]).values_list(
            "username", flat=True
        ),
    }
    assert done.text.count("New: sign-in details emailed") == 2
    assert done.text.count("Existing account") == 1
    assert "2 Mar 2026" in done.text  # João's enrolment date, the reader's way

    maria = User.objects.get(email="maria@example.org")
    assert maria.username.startswith("maria-")  # chosen by the system, never by a coordinator
    assert maria.profile.printed_name == "María López Hernández"
    assert maria.profile.region == north
    assert maria.profile.preferred_language == "es"
    assert not maria.has_usable_password()
    assert maria.groups.filter(name="Learner").exists()
    joao = User.objects.get(email="joao@example.org")
    assert joao.username.startswith("joao-")
    assert joao.enrolments.get().enrolled_on == datetime.date(2026, 3, 2)
    assert world.outsider.enrolments.filter(cohort=world.cohort_x).exists()

    assert sorted(m.to[0] for m in mail.outbox) == ["joao@example.org", "maria@example.org"]
    maria_mail = next(m for m in mail.outbox if m.to == ["maria@example.org"])
    assert "/accounts/reset/" in maria_mail.body
    assert maria.username in maria_mail.body
    assert ModelLogEntry.objects.filter(action="courses.enrolment.create").count() == 3
    assert ModelLogEntry.objects.filter(action="lms.person.create").count() == 2
    assert ModelLogEntry.objects.filter(
        action="courses.enrolment.import", object_id=str(world.cohort_x.pk)
    ).exists()


def test_bad_file_reports_every_row_and_writes_nothing(client, world, north):
    # learner_a holds one place, so six are left; every row meant to take a place counts (in
    # file order, duplicates and those already enrolled excepted), so the seventh is refused.
    world.cohort_x.capacity = 7
    world.cohort_x.save()
    text = HEADER + (
        ",ana@example.org,Ana Costa,atlantis,pt,\n"  # line 2: unknown region
        ",ana@example.org,Ana Costa,north,pt,\n"  # line 3: duplicate of line 2
        "learner_a,,Learner A,,,\n"  # line 4: already enrolled
        ",bruno@example.org,,north,,\n"  # line 5: missing name
        ",,Nobody,north,,\n"  # line 6: neither username nor email
        ",carla@example,Carla,north,,\n"  # line 7: invalid email
        ",dario@example.org,Dario,north,,31/12/2026\n"  # line 8: bad date
        ",eva@example.org,Eva,north,fr,\n"  # line 9: unknown language
        ",fabio@example.org,Fabio,north,,\n"  # line 10: cohort full
    )
    client.force_login(world.coordinator_x)
    before = counts()

    response = upload(client, world.cohort_x, text)

    assert response.status_code == 200
    rows = {row.line: row.errors for row in response.context["preview"].rows}
    assert rows[2] == [str(checking.MSG_ROW_UNKNOWN_REGION % {"value": "atlantis"})]
    assert rows[3] == [str(checking.MSG_ROW_DUPLICATE % {"line": 2})]
    assert rows[4] == [str(checking.MSG_ROW_ALREADY_ENROLLED % {"learner": world.learner_a})]
    assert rows[5] == [str(checking.MSG_ROW_NO_NAME)]
    assert rows[6] == [str(checking.MSG_ROW_NO_IDENTIFIER)]
    assert rows[7] == [str(checking.MSG_ROW_BAD_EMAIL % {"value": "carla@example"})]
    assert rows[8] == [str(checking.MSG_ROW_BAD_DATE % {"value": "31/12/2026"})]
    assert rows[9][0].startswith("Unknown language “fr”")
    assert rows[10] == [str(checking.MSG_ROW_COHORT_FULL % {"capacity": 7})]
    for errors in rows.values():
        for error in errors:
            assert escape(error) in response.text
    assert "Confirm and enrol" not in response.text
    assert "9 rows have errors" in response.text
    assert counts() == before
    assert mail.outbox == []

    # Without a preview that passed, confirming writes nothing either.
    refused = client.post(import_url(world.cohort_x), {"confirm": "1", "fingerprint": "x"})
    assert refused.status_code == 302
    assert counts() == before


def test_capacity_counts_the_rows_of_the_file(world, north):
    world.cohort_x.capacity = 3  # learner_a holds one place
    world.cohort_x.save()
    records, errors = imports.parse_csv(
        (HEADER + ",a@example.org,A,,,\n,b@example.org,B,,,\n,c@example.org,C,,,\n").encode()
    )
    assert errors == []
    preview = imports.validate_rows(cohort=world.cohort_x, records=records, by=world.superuser)
    assert [bool(row.errors) for row in preview.rows] == [False, False, True]
    assert not preview.is_valid


def test_utf8_with_bom_is_accepted(client, world, north):
    client.force_login(world.coordinator_x)
    response = upload(
        client, world.cohort_x, HEADER + ",zoe@example.org,Zoë Ñúñez,north,,\n", "utf-8-sig"
    )
    preview = response.context["preview"]
    assert preview.is_valid
    assert preview.rows[0].email == "zoe@example.org"  # the BOM did not stick to a column name
    assert preview.rows[0].printed_name == "Zoë Ñúñez"


def test_latin1_file_is_rejected_with_advice(client, world, north):
    client.force_login(world.coordinator_x)
    before = counts()
    response = upload(
        client, world.cohort_x, HEADER + "zoe,zoe@example.org,Zoë,north,,\n", "latin-1"
    )
    assert response.context["preview"].file_errors == [str(parsing.MSG_FILE_ENCODING)]
    assert "CSV UTF-8" in response.text
    assert counts() == before


def test_formula_cells_are_kept_as_text(client, world, north, django_capture_on_commit_callbacks):
    client.force_login(world.coordinator_x)
    text = HEADER + ',hacker@example.org,"=HYPERLINK(""http://x"",""y"")",north,,\n'
    preview = upload(client, world.cohort_x, text)
    assert preview.context["preview"].is_valid
    with django_capture_on_commit_callbacks(execute=True):
        confirm(client, preview, world.cohort_x)
    profile = Profile.objects.get(user__email="hacker@example.org")
    assert profile.printed_name == '=HYPERLINK("http://x","y")'


def test_semicolon_separated_file_is_read(world, north):
    records, errors = imports.parse_csv(
        "Username;Email;Printed name;Region\nzoe;zoe@example.org;Zoë;north\n".encode()
    )
    assert errors == []
    assert records[0]["printed_name"] == "Zoë"
    assert records[0]["region"] == "north"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", parsing.MSG_FILE_EMPTY),
        (b"username,email\nzoe,zoe@example.org\n", parsing.MSG_FILE_MISSING_COLUMNS),
        (b"printed_name,region\nZoe,north\n", parsing.MSG_FILE_NEEDS_IDENTIFIER),
        (HEADER.encode(), parsing.MSG_FILE_NO_ROWS),
        (
            (HEADER + "u,u@example.org,U,,,\n" * (imports.MAX_ROWS + 1)).encode(),
            parsing.MSG_FILE_TOO_MANY_ROWS,
        ),
        (HEADER.encode() + b"x" * imports.MAX_BYTES, parsing.MSG_FILE_TOO_LARGE),
    ],
)
def test_file_errors(data, message):
    records, errors = imports.parse_csv(data)
    assert records == []
    assert len(errors) == 1
    assert errors[0].startswith(str(message).split("%(")[0])


def test_file_too_large_is_refused_before_reading(client, world):
    client.force_login(world.coordinator_x)
    response = upload(client, world.cohort_x, b"x" * (imports.MAX_BYTES + 1))
    assert str(parsing.MSG_FILE_TOO_LARGE) in response.text
    assert "preview" not in response.context


def test_cohort_filled_between_preview_and_confirm_writes_nothing(client, world, north):
    world.cohort_x.capacity = 2
    world.cohort_x.save()
    client.force_login(world.coordinator_x)
    preview = upload(client, world.cohort_x, HEADER + ",zoe@example.org,Zoë,north,,\n")
    assert preview.context["preview"].is_valid
    factories.EnrolmentFactory(cohort=world.cohort_x)  # someone takes the last place meanwhile
    before = counts()
    response = confirm(client, preview, world.cohort_x)
    assert response.status_code == 200
    assert response.context["changed"]
    assert str(checking.MSG_ROW_COHORT_FULL % {"capacity": 2}) in response.text
    assert counts() == before
    assert mail.outbox == []


def test_coordinator_of_another_cohort_gets_404(client, world):
    client.force_login(world.coordinator_y)
    assert client.get(import_url(world.cohort_x)).status_code == 404
    response = upload(client, world.cohort_x, HEADER + "zoe,zoe@example.org,Zoë,,,\n")
    assert response.status_code == 404


def test_trainer_cannot_import(client, world):
    client.force_login(world.trainer_x)
    assert client.get(import_url(world.cohort_x)).status_code == 404


def test_upload_page_documents_columns_and_sample(client, world):
    client.force_login(world.coordinator_x)
    response = client.get(import_url(world.cohort_x))
    assert response.status_code == 200
    for column in imports.COLUMNS:
        assert f"<code>{column}</code>" in response.text
    sample = client.get(reverse("courses_enrolment_import_sample"))
    assert sample["Content-Type"] == "text/csv"
    records, errors = imports.parse_csv(sample.content)
    assert errors == []
    assert len(records) == 3


def test_menu_page_lists_only_my_cohorts(client, world):
    client.force_login(world.coordinator_x)
    response = client.get(reverse("courses_enrolment_import_choose"))
    assert import_url(world.cohort_x) in response.text
    assert import_url(world.cohort_y) not in response.text


def test_validation_query_count_does_not_grow(world, north, django_assert_max_num_queries):
    for size in (2, imports.MAX_ROWS):
        text = HEADER + "".join(f"u{i},u{i}@example.org,User {i},north,,\n" for i in range(size))
        records, _errors = imports.parse_csv(text.encode())
        with django_assert_max_num_queries(5):
            imports.validate_rows(cohort=world.cohort_x, records=records, by=world.superuser)


def test_account_matching_errors(world, north):
    factories.LearnerFactory(username="twin1", email="twin@example.org")
    factories.LearnerFactory(username="twin2", email="twin@example.org")
    text = HEADER + (
        f"learner_b,{world.outsider.email},B,,,\n"  # username and email of two accounts
        ",twin@example.org,Twin,,,\n"  # an email shared by two accounts
        "newbie,,New Learner,,,\n"  # a new learner without an email
        "bad name!,bad@example.org,Bad,,,\n"  # not a possible username
    )
    records, _errors = imports.parse_csv(text.encode())
    rows = imports.validate_rows(cohort=world.cohort_x, records=records, by=world.superuser).rows
    assert [row.errors for row in rows] == [
        [str(checking.MSG_ROW_TWO_ACCOUNTS)],
        [str(checking.MSG_ROW_SHARED_EMAIL)],
        [str(checking.MSG_ROW_NEW_NEEDS_EMAIL)],
        [str(checking.MSG_ROW_BAD_USERNAME % {"value": "bad name!"})],
    ]


def test_too_long_name_is_a_row_error_not_a_crash(world):
    long_name = "N" * (parsing.NAME_MAX_LENGTH + 1)
    records, _errors = imports.parse_csv(
        (HEADER + f"long,long@example.org,{long_name},,,\n").encode()
    )
    rows = imports.validate_rows(cohort=world.cohort_x, records=records, by=world.superuser).rows
    assert rows[0].errors == [str(checking.MSG_ROW_NAME_TOO_LONG % {"limit": 200})]


@pytest.mark.parametrize("data", [b";", b",,,\n,,\n", b" ;\r\n"])
def test_a_file_of_separators_only_is_empty(data):
    """Found by the bad-input test's generated files: no cell holds anything."""
    records, errors = imports.parse_csv(data)
    assert records == []
    assert errors == [str(parsing.MSG_FILE_EMPTY)]
