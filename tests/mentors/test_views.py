"""The mentor pages as people use them: volunteering, answering, the register, assigning,
coverage, and what a mentor may see."""

import datetime
import re

import pytest
import time_machine
from django.conf import settings
from django.utils import timezone

from courses.models import Cohort
from mentors.models import Assignment, MentorProfile, VolunteerRequest
from tests import factories
from tests.mentors.conftest import certify, make_mentor

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)
    client.get("/")


def certified_learner(world):
    cohort = factories.CohortFactory(course=world.course, region=world.cohort_x.region)
    certify(world.learner_a, cohort=cohort, on=timezone.localdate())


def test_the_dashboard_offers_volunteering_only_after_a_vocational_certificate(
    client, world, training
):
    login(client, world.learner_a)
    assert "Volunteer for mentor training" not in client.get("/learning/").content.decode()
    certified_learner(world)
    page = client.get("/learning/").content.decode()
    assert "Become a mentor" in page
    assert "/mentors/volunteer/" in page


def test_volunteer_accept_and_the_learner_sees_the_answer(client, world, training):
    certified_learner(world)
    login(client, world.learner_a)
    response = client.post("/mentors/volunteer/", {"motivation": ""})
    assert "This field is required." in response.content.decode()
    response = client.post("/mentors/volunteer/", {"motivation": "I know the way back."})
    assert response.status_code == 302
    request = VolunteerRequest.objects.get(person=world.learner_a)

    login(client, world.coordinator_x)
    listing = client.get("/mentors/requests/").content.decode()
    assert world.learner_a.display_name in listing
    assert "I know the way back." in listing
    response = client.post(
        f"/mentors/requests/{request.pk}/", {"action": "accept", "cohort": training.cohort.pk}
    )
    assert response.status_code == 302

    login(client, world.learner_a)
    page = client.get("/learning/").content.decode()
    assert "Accepted" in page
    assert "You are enrolled in Peer Mentoring (Mentors 1)" in page
    assert "Peer Mentoring" in page  # the new enrolment is on the dashboard too


def test_declining_without_a_reason_says_what_to_do(client, world, training):
    certified_learner(world)
    request = VolunteerRequest.objects.create(person=world.learner_a, motivation="Help")
    login(client, world.coordinator_x)
    response = client.post(f"/mentors/requests/{request.pk}/", {"action": "decline"})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    request.refresh_from_db()
    assert request.status == VolunteerRequest.Status.PENDING


def test_a_coordinator_sees_only_requests_of_their_regions_and_cohorts(client, world, training):
    request = VolunteerRequest.objects.create(person=world.learner_a, motivation="Help")
    login(client, world.coordinator_y)
    assert world.learner_a.display_name not in client.get("/mentors/requests/").content.decode()
    assert client.get(f"/mentors/requests/{request.pk}/").status_code == 404


def test_register_shows_status_capacity_and_mentees(client, world, training, mentor):
    due = make_mentor(
        "due",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=700),
    )
    lapsed = make_mentor(
        "lapsed",
        training=training,
        region=world.cohort_x.region,
        on=timezone.localdate() - datetime.timedelta(days=800),
    )
    Assignment.objects.create(
        mentor=mentor,
        mentee=world.learner_a,
        enrolment=world.enrolment_a,
        started_on=timezone.localdate(),
    )
    login(client, world.coordinator_x)
    page = client.get("/mentors/register/").content.decode()
    for person in (mentor, due, lapsed):
        assert person.display_name in page
    assert "Refresher due" in page
    assert "Lapsed" in page
    assert "1 of 2" in page
    assert world.learner_a.display_name in page
    refresher_list = client.get("/mentors/register/?status=refresher_due").content.decode()
    assert due.display_name in refresher_list
    assert mentor.display_name not in refresher_list
    assert lapsed.display_name not in refresher_list
    # Coordinator Y works elsewhere: none of these mentors.
    login(client, world.coordinator_y)
    assert mentor.display_name not in client.get("/mentors/register/").content.decode()
    assert client.get(f"/mentors/register/{mentor.pk}/capacity/").status_code == 404


def test_capacity_form_refuses_bad_input_and_saves(client, world, mentor):
    login(client, world.coordinator_x)
    url = f"/mentors/register/{mentor.pk}/capacity/"
    response = client.post(url, {"max_mentees": "-1"})
    assert response.status_code == 200
    assert "greater than or equal to 0" in response.content.decode()
    assert client.post(url, {"max_mentees": "4"}).status_code == 302
    assert MentorProfile.objects.get(mentor=mentor).max_mentees == 4


def test_assigning_respects_capacity_through_the_page(client, world, training, mentor):
    MentorProfile.objects.filter(mentor=mentor).update(max_mentees=1)
    second = factories.EnrolmentFactory(cohort=world.cohort_x)
    login(client, world.coordinator_x)
    page = client.get(f"/mentors/mentees/{world.enrolment_a.pk}/assign/").content.decode()
    assert f'id="mentor-{mentor.pk}"' in page
    assert "Same region" in page
    response = client.post(
        f"/mentors/mentees/{world.enrolment_a.pk}/assign/", {"mentor": mentor.pk}
    )
    assert response.status_code == 302
    page = client.get(f"/mentors/mentees/{second.pk}/assign/").content.decode()
    assert f'id="mentor-{mentor.pk}"' not in page  # full: not offered
    assert "No certified mentor has a free place" in page
    # Posted anyway (a stale page): refused with a message, nothing assigned.
    response = client.post(
        f"/mentors/mentees/{second.pk}/assign/", {"mentor": mentor.pk}, follow=True
    )
    assert "has no free place" in response.content.decode()
    assert not Assignment.objects.filter(mentee=second.learner).exists()


@pytest.mark.parametrize("chosen", ["", "abc", "99999", "1.5", "²", "9" * 30])
def test_assigning_with_a_bad_choice_says_what_to_do(client, world, mentor, chosen):
    login(client, world.coordinator_x)
    url = f"/mentors/mentees/{world.enrolment_a.pk}/assign/"
    response = client.post(url, {"mentor": chosen}, follow=True)
    assert response.status_code == 200
    assert "Choose a mentor from the list." in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_coordinator_cannot_assign_a_trainee_of_another_cohort(client, world, mentor):
    login(client, world.coordinator_y)
    url = f"/mentors/mentees/{world.enrolment_a.pk}/assign/"
    assert client.get(url).status_code == 404
    assert client.post(url, {"mentor": mentor.pk}).status_code == 404
    assert not Assignment.objects.exists()


def test_a_mentor_sees_names_and_contact_of_their_mentees_only(client, world, mentor):
    world.learner_a.profile.phone = "+34 600 111 222"
    world.learner_a.profile.save()
    factories.SessionFactory(cohort=world.cohort_x, date=timezone.localdate())
    Assignment.objects.create(
        mentor=mentor,
        mentee=world.learner_a,
        enrolment=world.enrolment_a,
        started_on=timezone.localdate(),
    )
    login(client, mentor)
    page = client.get("/mentors/").content.decode()
    assert "My mentees" in page
    assert "Become a mentor" not in page  # a mentor already
    assert world.learner_a.display_name in page
    assert world.learner_a.email in page
    assert "+34 600 111 222" in page
    assert world.learner_b.display_name not in page
    for private in ("Attendance", "attendance", "Artisan Baking", "assessment"):
        assert private not in page.split("My mentees", 1)[1].split("</main>", 1)[0]
    # ...and none of the staff pages about them.
    for url in (
        f"/mentors/mentees/{world.enrolment_a.pk}/assign/",
        f"/attendance/cohorts/{world.cohort_x.pk}/",
        "/mentors/register/",
        "/mentors/coverage/",
    ):
        assert client.get(url).status_code in (403, 404), url


def test_a_mentor_and_a_volunteer_read_their_dates_in_their_language(client, world, mentor):
    # "válida hasta el 2027-10-24" in a Spanish sentence: dates follow the reader's language.
    mentor.profile.preferred_language = "es"
    mentor.profile.save()
    login(client, mentor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get("/mentors/").content.decode()
    assert re.search(r"válida hasta el \d{1,2} [a-z]+ \d{4}\.", page)

    certified_learner(world)
    world.learner_a.profile.preferred_language = "es"
    world.learner_a.profile.save()
    VolunteerRequest.objects.create(person=world.learner_a, motivation="Ayudar")
    login(client, world.learner_a)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get("/learning/").content.decode()
    assert re.search(r"formación de mentores el \d{1,2} [a-z]+ \d{4}\.", page)


STAFF_DATES = {
    "en": {
        "certified": "25 Oct 2025",
        "until": "24 Oct 2027",
        "sent": "29 Nov 2026",
        "decided": "28 Nov 2026",
        "start": "7 Jan 2030",
    },
    "es": {
        "certified": "25 oct 2025",
        "until": "24 oct 2027",
        "sent": "29 nov 2026",
        "decided": "28 nov 2026",
        "start": "7 ene 2030",
    },
}


@pytest.mark.parametrize("language", ["en", "es"])
@time_machine.travel(datetime.datetime(2026, 11, 29, 10, tzinfo=datetime.UTC))
def test_coordinators_read_the_mentor_dates_in_their_language(client, world, training, language):
    # "24 oct 2027", not "2027-10-24": the register and the requests are read, not parsed.
    dates = STAFF_DATES[language]
    make_mentor(
        "mentor_m", training=training, region=world.cohort_x.region, on=datetime.date(2025, 10, 25)
    )
    Cohort.objects.filter(pk=training.cohort.pk).update(
        start_date=datetime.date(2030, 1, 7), end_date=datetime.date(2030, 3, 31)
    )
    pending = VolunteerRequest.objects.create(person=world.learner_a, motivation="Help")
    VolunteerRequest.objects.create(
        person=factories.LearnerFactory(profile__region=world.cohort_x.region),
        motivation="Help",
        status=VolunteerRequest.Status.DECLINED,
        decline_reason="Not yet",
        decided_by=world.coordinator_x,
        decided_at=datetime.datetime(2026, 11, 28, 10, tzinfo=datetime.UTC),
    )
    login(client, world.coordinator_x)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    register = client.get("/mentors/register/").content.decode()
    assert dates["certified"] in register
    assert dates["until"] in register
    requests = client.get("/mentors/requests/").content.decode()
    assert dates["sent"] in requests
    assert dates["decided"] in requests
    detail = client.get(f"/mentors/requests/{pending.pk}/").content.decode()
    assert dates["sent"] in detail
    assert f"Mentors 1 · {training.cohort.region} ({dates['start']})" in detail
    for page in (register, requests, detail):
        assert not re.search(r"\b20\d\d-\d\d-\d\d\b", page)


def test_coverage_lists_a_region_without_mentors_first(client, world, training, mentor):
    login(client, world.coordinator_x)
    # Cohort X's region has learner A and an active mentor; add a coordinated cohort elsewhere
    # with trainees and no mentor.
    south = factories.RegionFactory(name="South Coast", code="south-coast")
    cohort = factories.CohortFactory(
        course=world.course, region=south, coordinators=[world.coordinator_x]
    )
    factories.EnrolmentFactory(cohort=cohort)
    factories.EnrolmentFactory(cohort=cohort)
    page = client.get("/mentors/coverage/").content.decode()
    assert page.index("South Coast") < page.index(world.cohort_x.region.name)
    assert "No active mentor" in page
    login(client, world.coordinator_y)
    assert "South Coast" not in client.get("/mentors/coverage/").content.decode()


def test_coverage_counts_trainees_of_running_cohorts_in_the_readers_numbers(
    client, world, training, mentor
):
    """A region's mentees are the trainees of cohorts running or still to start: a cohort that
    ended (in the demo most of the trainees, some a year ago) counts no more. The ratio is
    written the reader's way."""
    region = world.cohort_x.region
    today = timezone.localdate()
    ended = factories.CohortFactory(
        course=world.course,
        region=region,
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=300),
        coordinators=[world.coordinator_x],
    )
    for _ in range(5):
        factories.EnrolmentFactory(cohort=ended)
    coming = factories.CohortFactory(
        course=world.course,
        region=region,
        start_date=today + datetime.timedelta(days=10),
        end_date=today + datetime.timedelta(days=60),
        coordinators=[world.coordinator_x],
    )
    factories.EnrolmentFactory(cohort=coming)
    login(client, world.coordinator_x)
    page = client.get("/mentors/coverage/").content.decode()
    row = page[page.index(f'<th scope="row">{region.name}</th>') :].split("</tr>")[0]
    # Learner A (cohort X) and the coming cohort's trainee; the mentor M of the fixture.
    assert '<td data-label="Mentees">2</td>' in row
    assert '<td data-label="Active mentors">1</td>' in row
    assert '<td data-label="Mentees per mentor">2.0</td>' in row
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "it"
    page = client.get("/mentors/coverage/").content.decode()
    assert "2,0</td>" in page
    # And a way on, to the register and the trainees.
    assert 'href="/mentors/register/"' in page
    assert 'href="/mentors/mentees/"' in page


def test_mentors_without_a_region_are_counted_for_those_who_see_every_region(
    client, world, training, mentor
):
    make_mentor(
        "mentor_nowhere",
        training=training,
        region=None,
        on=timezone.localdate() - datetime.timedelta(days=10),
    )
    login(client, world.superuser)
    page = client.get("/mentors/coverage/").content.decode()
    row = page[page.index("Region not recorded") :].split("</tr>")[0]
    assert [cell.split(">")[-1] for cell in row.split("</td>")[:2]] == ["0", "1"]
    # A coordinator sees the regions of their cohorts only, and no row for nowhere.
    login(client, world.coordinator_x)
    assert "Region not recorded" not in client.get("/mentors/coverage/").content.decode()


def test_register_mentees_and_coverage_tables_fit_a_phone_and_a_keyboard(
    client, world, training, mentor
):
    # The frame that scrolls a wide table sideways holds the visually hidden words (positioned
    # absolutely) too: without position-relative they stick out and widen the whole page. The
    # coverage table has no link in it, so its frame takes the focus itself (for the arrow keys).
    login(client, world.coordinator_x)
    for url in ("/mentors/register/", "/mentors/mentees/", "/mentors/coverage/"):
        page = client.get(url).content.decode()
        assert '<div class="table-responsive position-relative"' in page, url
    # On a phone the register and the trainees are cards, each cell led by its column's name
    # (lms.css, .table-stack), so that no button is hidden off to the right.
    register = client.get("/mentors/register/").content.decode()
    assert 'class="table table-sm align-middle table-stack"' in register
    assert '<td data-label="Last supervised">' in register
    mentees = client.get("/mentors/mentees/").content.decode()
    assert 'class="table table-sm align-middle table-stack"' in mentees
    assert '<td data-label="Mentor">' in mentees
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert '<td data-label="Último contacto">' in client.get("/mentors/mentees/").content.decode()


def test_trainees_of_ended_cohorts_are_listed_apart(client, world, mentor):
    # Learner A's cohort X is running; a second trainee's cohort of the same coordinator ended
    # yesterday, and the mentoring of its trainee goes on.
    today = timezone.localdate()
    ended = factories.CohortFactory(
        course=world.course,
        name="Spring",
        start_date=today - datetime.timedelta(days=90),
        end_date=today - datetime.timedelta(days=1),
        coordinators=[world.coordinator_x],
    )
    past = factories.EnrolmentFactory(cohort=ended)
    login(client, world.coordinator_x)

    current = client.get("/mentors/mentees/").content.decode()
    assert world.learner_a.display_name in current
    assert past.learner.display_name not in current
    assert 'aria-current="page">Current cohorts (1)</a>' in current
    assert ">Ended cohorts (1)</a>" in current

    listed = client.get("/mentors/mentees/?cohorts=ended").content.decode()
    assert past.learner.display_name in listed
    assert world.learner_a.display_name not in listed
    assert 'aria-current="page">Ended cohorts (1)</a>' in listed
    # The ended cohort's trainee may still be given a mentor.
    assert f"/mentors/mentees/{past.pk}/assign/" in listed

    # On the day a cohort ends it is still current.
    ended.end_date = today
    ended.save()
    assert past.learner.display_name in client.get("/mentors/mentees/").content.decode()
    assert "No trainee in an ended vocational cohort you coordinate." in (
        client.get("/mentors/mentees/?cohorts=ended").content.decode()
    )
    coverage = client.get("/mentors/coverage/").content.decode()
    assert (
        '<div class="table-responsive position-relative" tabindex="0" role="region" '
        'aria-label="Mentees and active mentors per region">'
    ) in coverage


@pytest.mark.parametrize("mentors", [1, 12])
def test_register_and_coverage_query_budget(
    client, world, training, django_assert_max_num_queries, mentors
):
    for n in range(mentors):
        person = make_mentor(
            f"m{n}",
            training=training,
            region=world.cohort_x.region,
            on=timezone.localdate(),
            max_mentees=3,
        )
        enrolment = factories.EnrolmentFactory(cohort=world.cohort_x)
        Assignment.objects.create(
            mentor=person,
            mentee=enrolment.learner,
            enrolment=enrolment,
            started_on=timezone.localdate(),
        )
    login(client, world.coordinator_x)
    # Measured with 1 and 12 mentors: the same count (about 8 of them are the session, the
    # user, the site settings and the navbar). The register reads when each mentor was last
    # supervised (1); the mentees page their last contacts and the mentoring alerts (8), and
    # how many trainees each of its two views lists (1).
    budgets = {
        "/mentors/register/": 18,
        "/mentors/coverage/": 17,
        "/mentors/mentees/": 22,
        f"/mentors/mentees/{world.enrolment_a.pk}/assign/": 16,
        "/mentors/": 20,
    }
    for url, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200


def test_register_coverage_and_suggestions_name_regions_in_the_readers_language(
    client, world, training, mentor
):
    region = world.cohort_x.region
    region.name_es = "Costa del Sur"
    region.save()
    login(client, world.coordinator_x)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"

    for url in (
        "/mentors/register/",
        "/mentors/coverage/",
        f"/mentors/mentees/{world.enrolment_a.pk}/assign/",
    ):
        page = client.get(url).content.decode()
        assert "Costa del Sur" in page, url
        assert region.name not in page, url
    # Coverage still counts the region once: one row, its trainee and its mentor.
    coverage = client.get("/mentors/coverage/").content.decode()
    assert coverage.count("Costa del Sur") == 1
