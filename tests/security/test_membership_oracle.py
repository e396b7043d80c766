"""Issue 17, item 1: a coordinator cannot learn whether a stranger has an account, cannot pull
anyone outside their cohorts (nor any member of staff) into a cohort, and never reads a
person's gender or birth year. From the outside: the admin's real URLs."""

import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import ModelLogEntry

from courses.models import Enrolment
from lms.models import Profile, User
from tests import factories

HEADER = "username,email,printed_name,region,preferred_language,enrolled_on\n"


def preview(client, cohort, text):
    url = reverse("courses_enrolment_import", args=[cohort.pk])
    upload = SimpleUploadedFile("learners.csv", text.encode(), content_type="text/csv")
    return client.post(url, {"file": upload})


def result_cells(response) -> list[str]:
    """What the preview says about each row, as a person reads it (its line number aside)."""
    cells = re.findall(r"<tr>\s*<td>\d+</td>(.*?)</tr>", response.text, flags=re.S)
    return [" ".join(strip_tags(cell).split()) for cell in cells]


def test_preview_reads_the_same_for_a_stranger_and_for_nobody(client, world):
    stranger = world.learner_b  # enrolled in cohort Y only: not coordinator X's
    stranger.profile.printed_name = "Beatriz Stranger"
    stranger.profile.save()
    client.force_login(world.coordinator_x)

    by_username = preview(
        client,
        world.cohort_x,
        HEADER + f"{stranger.username},,Someone,,,\nnobody_at_all,,Someone,,,\n",
    )
    cells = result_cells(by_username)
    assert cells[0].replace(stranger.username, "X") == cells[1].replace("nobody_at_all", "X")
    assert "Beatriz Stranger" not in by_username.text

    by_email = preview(
        client,
        world.cohort_x,
        HEADER + f",{stranger.email},Someone,,,\n,nobody.at.all@example.org,Someone,,,\n",
    )
    cells = result_cells(by_email)
    assert cells[0].replace(stranger.email, "X") == cells[1].replace(
        "nobody.at.all@example.org", "X"
    )
    assert "OK: new account" in cells[0]
    assert "Beatriz Stranger" not in by_email.text


def test_a_strangers_email_makes_a_new_account_never_enrols_the_stranger(client, world):
    stranger = world.learner_b
    client.force_login(world.coordinator_x)
    response = preview(client, world.cohort_x, HEADER + f",{stranger.email},Someone,,,\n")
    client.post(
        reverse("courses_enrolment_import", args=[world.cohort_x.pk]),
        {"confirm": "1", "fingerprint": response.context["fingerprint"]},
    )
    assert not stranger.enrolments.filter(cohort=world.cohort_x).exists()
    new = Enrolment.objects.get(cohort=world.cohort_x, learner__email=stranger.email)
    assert new.learner != stranger
    # The generated username has a random suffix whether or not the address was in use.
    assert re.fullmatch(r"[a-z0-9._-]+-[0-9a-f]{6}", new.learner.username)


def test_learners_of_my_cohorts_are_found_but_staff_never(client, world):
    earlier = factories.CohortFactory(course=world.course, coordinators=[world.coordinator_x])
    factories.EnrolmentFactory(learner=world.outsider, cohort=earlier)
    # A trainer enrolled as a learner in my cohort is still a member of staff.
    factories.EnrolmentFactory(learner=world.trainer_x, cohort=earlier)
    client.force_login(world.coordinator_x)
    response = preview(
        client,
        world.cohort_x,
        HEADER
        + f"{world.outsider.username},,O,,,\n{world.trainer_x.username},,T,,,\n"
        + f"{world.superuser.username},,S,,,\n{world.coordinator_x.username},,C,,,\n",
    )
    cells = result_cells(response)
    assert "OK: existing account" in cells[0]
    for cell in cells[1:]:
        assert "No learner of your cohorts has the username" in cell


def test_single_enrolment_matches_only_learners_of_my_cohorts(client, world):
    client.force_login(world.coordinator_x)
    url = reverse("wagtailsnippets_courses_enrolment:add")
    answers = []
    for identifier in (world.learner_b.username, world.learner_b.email, "nobody@example.org"):
        response = client.post(url, {"cohort": world.cohort_x.pk, "learner_identifier": identifier})
        assert response.status_code == 200
        answers.append(response.context["form"].errors["learner_identifier"])
    assert answers[0] == answers[1] == answers[2]
    for staff in (world.superuser, world.coordinator_y, world.trainer_x):
        client.post(url, {"cohort": world.cohort_x.pk, "learner_identifier": staff.username})
    assert set(Enrolment.objects.filter(cohort=world.cohort_x)) == {world.enrolment_a}


def test_an_administrator_still_enrols_anyone(client, world):
    client.force_login(world.superuser)
    response = client.post(
        reverse("wagtailsnippets_courses_enrolment:add"),
        {"cohort": world.cohort_x.pk, "learner_identifier": world.learner_b.username},
    )
    assert response.status_code == 302
    assert world.learner_b.enrolments.filter(cohort=world.cohort_x).exists()


def test_previews_are_audited(client, world):
    client.force_login(world.coordinator_x)
    preview(client, world.cohort_x, HEADER + ",new@example.org,New,,,\n")
    entry = ModelLogEntry.objects.get(action="courses.enrolment.import_preview")
    assert entry.user_id == world.coordinator_x.pk
    assert entry.object_id == str(world.cohort_x.pk)
    assert entry.data["rows"] == 1


def test_coordinator_never_reads_nor_changes_gender_or_birth_year(client, world):
    profile = world.learner_a.profile
    profile.gender = Profile.Gender.WOMAN
    profile.birth_year = 1987
    profile.save()
    client.force_login(world.coordinator_x)
    inspect = client.get(reverse("wagtailsnippets_lms_profile:inspect", args=[profile.pk]))
    edit_url = reverse("wagtailsnippets_lms_profile:edit", args=[profile.pk])
    edit = client.get(edit_url)
    for response in (inspect, edit):
        assert response.status_code == 200
        assert "1987" not in response.text
        assert "Woman" not in response.text
        assert "Birth year" not in response.text
    client.post(
        edit_url,
        {
            "printed_name": profile.printed_name,
            "preferred_language": "en",
            "gender": Profile.Gender.MAN,
            "birth_year": "1950",
        },
    )
    profile.refresh_from_db()
    assert (profile.gender, profile.birth_year) == (Profile.Gender.WOMAN, 1987)

    client.force_login(world.superuser)
    inspect = client.get(reverse("wagtailsnippets_lms_profile:inspect", args=[profile.pk]))
    assert "1987" in inspect.text


def test_no_account_is_created_for_a_row_naming_an_existing_username(client, world):
    before = User.objects.count()
    client.force_login(world.coordinator_x)
    response = preview(
        client, world.cohort_x, HEADER + f"{world.learner_b.username},x@e.org,X,,,\n"
    )
    assert not response.context["preview"].is_valid
    assert User.objects.count() == before
