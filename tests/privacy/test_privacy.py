"""A learner's own data download, erasure by an administrator, and the retention rule."""

import datetime
import io
import json
import zipfile
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from wagtail.models import ModelLogEntry

from assessments.models import Attempt, CriterionResult, Evidence, Review
from courses.models import Enrolment, LessonCompletion
from courses.services import enrolment_create
from lms.models import Profile, User
from privacy.models import Erasure
from tests import factories

pytestmark = pytest.mark.django_db


def stored_files(root) -> list[Path]:
    root = Path(root)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def download(client, user) -> zipfile.ZipFile:
    client.force_login(user)
    response = client.post("/my-data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_my_data_page_offers_the_download(client, world):
    client.force_login(world.learner_a)
    response = client.get("/my-data/")
    assert "Download my data (ZIP)" in response.text


def test_the_zip_holds_the_learners_data_and_files_and_nobody_elses(client, world, practical):
    world.learner_a.profile.phone = "+34 600 111 222"
    world.learner_a.profile.save()
    factories.LessonCompletionFactory(
        enrolment=world.enrolment_a, lesson=world.course.lessons().first()
    )
    archive = download(client, world.learner_a)

    data = json.loads(archive.read("data.json"))
    assert data["person"]["username"] == "learner_a"
    assert data["person"]["phone"] == "+34 600 111 222"
    assert [e["cohort"] for e in data["enrolments"]] == ["X"]
    assert len(data["lesson_completions"]) == 1
    (attempt,) = data["practical_assessments"]
    assert attempt["outcome"] == "pass"
    assert [c["met"] for c in attempt["criteria"]] == [True, True, False]
    assert attempt["reviews"][0]["decision"]
    assert "comment" not in attempt["reviews"][0]  # a note to the assessor, not shown to A
    evidence_name = attempt["evidence"][0]
    assert archive.read(evidence_name) == practical.evidence.file.open("rb").read()

    text = archive.read("data.json").decode()
    for other in (world.learner_b, world.outsider):
        assert other.username not in text
        assert other.profile.printed_name not in text
    assert '"Y"' not in text
    assert sorted(archive.namelist()) == ["data.json", evidence_name]


def test_the_download_is_in_the_audit_log(client, world):
    download(client, world.learner_a)
    entry = ModelLogEntry.objects.get(action="privacy.person.export")
    assert entry.user_id == world.learner_a.pk
    assert entry.object_id == str(world.learner_a.pk)


def erase(client, admin, person, confirm=None):
    client.force_login(admin)
    return client.post(
        f"/admin/people/{person.pk}/erase/",
        {"confirm_username": person.username if confirm is None else confirm},
    )


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Enrolment,
            LessonCompletion,
            Attempt,
            CriterionResult,
            Review,
            Evidence,
            Profile,
            User,
        )
    } | {
        "passed": Attempt.objects.filter(outcome="pass").count(),
        "women": Profile.objects.filter(gender="woman").count(),
        "withdrawn": Enrolment.objects.filter(status="withdrawn").count(),
    }


def test_erasure_removes_identity_and_files_and_keeps_the_figures(
    client, world, practical, django_capture_on_commit_callbacks
):
    a = world.learner_a
    a.profile.gender = "woman"
    a.profile.birth_year = 1990
    a.profile.phone = "+34 600 111 222"
    a.profile.save()
    a.email = "a@example.org"
    a.save()
    old_name = a.profile.printed_name
    private_root = practical.evidence.file.storage.location
    assert len(stored_files(private_root)) == 1
    before = counts()

    with django_capture_on_commit_callbacks(execute=True):
        response = erase(client, world.superuser, a)
    assert response.status_code == 302

    assert counts() == before
    assert stored_files(private_root) == []  # no orphan file left in private storage
    a.refresh_from_db()
    a.profile.refresh_from_db()
    assert a.profile.printed_name == f"Erased person #{a.pk}"
    assert (a.email, a.first_name, a.last_name, a.profile.phone) == ("", "", "", "")
    assert (a.profile.gender, a.profile.birth_year) == ("woman", 1990)  # equality figures
    assert not a.is_active
    assert not a.has_usable_password()
    evidence = Evidence.objects.get(pk=practical.evidence.pk)
    assert not evidence.file
    assert evidence.original_name == ""
    assert Review.objects.get(attempt=practical.attempt).comment != "Agreed."
    assert Erasure.objects.get(user=a).erased_by == world.superuser
    # The history still says what happened, and by whom, but no longer to whom by name.
    assert ModelLogEntry.objects.filter(action="privacy.person.erase", user=world.superuser)
    assert not ModelLogEntry.objects.filter(label__contains=old_name).exists()
    assert not client.login(username="learner_a", password=factories.PASSWORD)


def test_erased_evidence_is_no_longer_served(client, world, practical):
    erase(client, world.superuser, world.learner_a)
    client.force_login(world.coordinator_x)
    assert client.get(f"/assessments/evidence/{practical.evidence.pk}/").status_code == 404


def test_erasure_needs_the_typed_username(client, world):
    before = counts()
    response = erase(client, world.superuser, world.learner_a, confirm="learner")
    assert "Type the username exactly" in response.text
    assert counts() == before
    assert not Erasure.objects.exists()
    assert User.objects.get(pk=world.learner_a.pk).username == "learner_a"


def test_an_administrator_cannot_be_erased(client, world):
    other_admin = factories.UserFactory(is_superuser=True, is_staff=True)
    response = erase(client, world.superuser, other_admin)
    assert "cannot be erased" in response.text
    assert not Erasure.objects.exists()


def test_erasure_page_is_404_for_coordinators(client, world):
    response = erase(client, world.coordinator_x, world.learner_a)
    assert response.status_code == 404
    assert not Erasure.objects.exists()


def test_retention_lists_then_erases_only_people_inactive_past_the_limit(settings, world):
    settings.RETENTION_INACTIVE_DAYS = 365
    with time_machine.travel(datetime.datetime(2020, 1, 6, tzinfo=datetime.UTC)):
        old_cohort = factories.CohortFactory(
            course=world.course,
            start_date=datetime.date(2020, 1, 6),
            end_date=datetime.date(2020, 3, 1),
        )
        gone = factories.LearnerFactory()
        factories.EnrolmentFactory(learner=gone, cohort=old_cohort, status="completed")
        still_here = factories.LearnerFactory()
        factories.EnrolmentFactory(learner=still_here, cohort=old_cohort, status="completed")
        never_finished = factories.LearnerFactory()
        # Still active on paper in a long-ended cohort: kept until someone closes it.
        factories.EnrolmentFactory(learner=never_finished, cohort=old_cohort)
    # Enrolled again now: kept.
    factories.EnrolmentFactory(learner=still_here, cohort=world.cohort_y)

    out = io.StringIO()
    call_command("privacy_retention", stdout=out)
    assert f"Would erase account #{gone.pk}" in out.getvalue()
    assert f"#{still_here.pk}" not in out.getvalue()
    assert f"#{never_finished.pk}" not in out.getvalue()
    assert not Erasure.objects.exists()

    call_command("privacy_retention", "--apply", stdout=io.StringIO())
    assert list(Erasure.objects.values_list("user_id", "erased_by")) == [(gone.pk, None)]
    # The world's people joined today: none of them is touched.
    assert User.objects.filter(is_active=True).count() == User.objects.count() - 1
    assert Enrolment.objects.filter(learner=gone).count() == 1


def test_the_site_history_shows_enrolments_to_administrators(client, world):
    learner = factories.LearnerFactory()
    enrolment_create(learner=learner, cohort=world.cohort_x, by=world.coordinator_x)
    client.force_login(world.superuser)
    response = client.get("/admin/reports/site-history/")
    assert response.status_code == 200
    assert "Enrolled" in response.text
    assert str(learner) in response.text


def test_people_listing_offers_erasure_to_administrators_only(client, world):
    erase_url = f"/admin/people/{world.learner_a.pk}/erase/"
    client.force_login(world.superuser)
    assert erase_url in client.get("/admin/snippets/lms/profile/").text
    client.force_login(world.coordinator_x)
    listing = client.get("/admin/snippets/lms/profile/")
    assert world.learner_a.profile.printed_name in listing.text
    assert erase_url not in listing.text


@pytest.mark.parametrize("attempts", [1, 4])
def test_download_query_count_does_not_grow(
    client, world, practical, attempts, django_assert_max_num_queries
):
    from tests.assessments.practical import bread_template, confirmed
    from tests.assessments.quizzes import make_quiz, taken

    for i in range(attempts - 1):
        template = bread_template(world.course, name=f"Task {i}")
        confirmed(world.enrolment_a, template, world.trainer_x, world.coordinator_x, [True] * 3)
    quiz = make_quiz(world.course, questions=3, max_attempts=attempts)
    for _ in range(attempts):
        taken(world.enrolment_a, quiz, right=1)
    client.force_login(world.learner_a)
    client.get("/")  # once-per-session effects stay out of the count
    # One query per section of personal data: 25, 4 for the two mentoring sections, 4 for the
    # meetings, sharing and supervision, 1 for the follow-ups, 1 for the notifications, 3 for
    # the reminders and calendar link, 2 for the theory tests (their attempts, then all their
    # questions), 2 for self check-in, 1 for the learning records and 1 for the writes sent later.
    with django_assert_max_num_queries(44):
        assert client.post("/my-data/").status_code == 200


def test_an_erased_person_is_logged_out_everywhere(client, world):
    from privacy.services import person_erase

    client.force_login(world.learner_a)
    assert client.get("/learning/").status_code == 200
    person_erase(user=world.learner_a, by=world.superuser)
    response = client.get("/learning/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_attempt_page_says_the_erased_evidence_is_gone(client, world, practical):
    erase(client, world.superuser, world.learner_a)
    client.force_login(world.coordinator_x)
    page = client.get(f"/assessments/attempts/{practical.attempt.pk}/")
    assert "File deleted with the person" in page.text
    assert f"/assessments/evidence/{practical.evidence.pk}/" not in page.text


# --- Attendance and certificates ------------------------------------------------------------


@pytest.fixture
def certified_a(world):
    """Learner A attended a session (with a note) and holds a certificate of cohort X."""
    from courses.models import CoursePage

    session = factories.SessionFactory(cohort=world.cohort_x, topic="Shaping loaves")
    factories.AttendanceRecordFactory(
        session=session, enrolment=world.enrolment_a, status="late", note="Bus strike"
    )
    CoursePage.objects.filter(pk=world.course.pk).update(attendance_required=False)
    factories.complete_required_lessons(world.enrolment_a)
    return factories.certificate_issue_now(world.enrolment_a, by=world.coordinator_x)


def test_the_zip_holds_attendance_and_certificates(client, world, certified_a):
    archive = download(client, world.learner_a)
    data = json.loads(archive.read("data.json"))
    assert data["attendance"] == [
        {
            "course": "Artisan Baking",
            "cohort": "X",
            "session": "Shaping loaves",
            "date": data["attendance"][0]["date"],
            "status": "late",
            "note": "Bus strike",
        }
    ]
    assert [c["serial"] for c in data["certificates"]] == [certified_a.serial]
    pdf = archive.read(f"certificates/{certified_a.serial}.pdf")
    assert pdf.startswith(b"%PDF")
    assert json.loads(download(client, world.learner_b).read("data.json"))["certificates"] == []


def test_erased_certificate_still_verifies_with_the_name_withheld(
    client, world, certified_a, django_capture_on_commit_callbacks
):
    from assessments.models import AttendanceRecord
    from certificates.models import Certificate

    name = world.learner_a.profile.printed_name
    pdf_root = certified_a.pdf.storage.location
    assert stored_files(pdf_root)
    with django_capture_on_commit_callbacks(execute=True):
        assert erase(client, world.superuser, world.learner_a).status_code == 302

    certificate = Certificate.objects.get(pk=certified_a.pk)
    assert certificate.status == Certificate.Status.VALID
    assert certificate.sha256 == certified_a.sha256  # a kept copy still checks as authentic
    assert not certificate.pdf
    assert stored_files(pdf_root) == []
    record = AttendanceRecord.objects.get(enrolment=world.enrolment_a)
    assert (record.status, record.note) == ("late", "[withheld: personal data erased]")

    client.logout()
    page = client.get(f"/verify/{certificate.verification_code}/").text
    assert "Valid certificate" in page
    assert "Withheld: the holder's personal data was erased" in page
    assert name not in page
    client.force_login(world.coordinator_x)
    assert client.get(f"/certificates/{certificate.pk}/pdf/").status_code == 404
