"""Consent to share: what a mentee lets their mentor see on "My mentees", chosen on "My
profile". Each setting is tried as the mentor, as another mentor and as a coordinator of
another cohort; nothing is cached, so a change is obeyed at the mentor's next request."""

import datetime

import pytest
from django.utils import timezone

from mentors import selectors
from mentors.models import SharingConsent
from tests import factories

pytestmark = pytest.mark.django_db

SETTINGS = ("course_progress", "attendance", "next_session")
DEFAULTS = {"course_progress": False, "attendance": False, "next_session": True}


@pytest.fixture
def a_has_sessions(world, mentored):
    """Learner A attended yesterday's session of cohort X; another comes next week."""
    today = timezone.localdate()
    held = factories.SessionFactory(cohort=world.cohort_x, date=today - datetime.timedelta(days=1))
    factories.AttendanceRecordFactory(session=held, enrolment=world.enrolment_a, status="present")
    factories.SessionFactory(
        cohort=world.cohort_x, date=today + datetime.timedelta(days=7), location="Room 4"
    )


def share(client, person, **chosen):
    client.force_login(person)
    data = {name: "on" for name, on in chosen.items() if on}
    response = client.post("/mentors/sharing/", data)
    assert response.status_code == 302
    assert response["Location"].endswith("/accounts/profile/#profile-mentoring")


def mentor_page(client, person) -> str:
    client.force_login(person)
    return client.get("/mentors/").content.decode()


def shown(page: str) -> set[str]:
    return {name for name in SETTINGS if f'data-shared="{name}"' in page}


def test_by_default_the_mentor_sees_the_name_and_next_session_only(
    client, world, mentor, a_has_sessions
):
    page = mentor_page(client, mentor)
    assert world.learner_a.display_name in page
    assert shown(page) == {"next_session"}
    assert "Room 4" in page


@pytest.mark.parametrize("setting", SETTINGS)
@pytest.mark.parametrize("on", [True, False])
def test_each_setting_as_the_mentor_another_mentor_and_another_cohorts_coordinator(
    client, world, mentor, other_mentor, a_has_sessions, setting, on
):
    chosen = dict.fromkeys(SETTINGS, False) | {setting: on}
    share(client, world.learner_a, **chosen)
    assert SharingConsent.objects.get(mentee=world.learner_a).__dict__[setting] is on

    assert shown(mentor_page(client, mentor)) == ({setting} if on else set())

    # Another mentor: their own mentee only, never A.
    other = mentor_page(client, other_mentor)
    assert world.learner_a.display_name not in other
    assert world.learner_b.display_name in other

    # A coordinator of another cohort: neither A's meeting log nor A on their pages.
    client.force_login(world.coordinator_y)
    assignment = world.learner_a.mentor_assignments.get()
    assert client.get(f"/mentors/assignments/{assignment.pk}/meetings/").status_code == 404
    assert world.learner_a.display_name not in client.get("/mentors/mentees/").content.decode()
    assert world.learner_a.display_name not in client.get("/mentors/").content.decode()


def test_withdrawing_is_obeyed_at_the_mentors_next_request(client, world, mentor, a_has_sessions):
    share(client, world.learner_a, course_progress=True, attendance=True, next_session=True)
    assert shown(mentor_page(client, mentor)) == set(SETTINGS)
    share(client, world.learner_a, course_progress=True, attendance=False, next_session=True)
    assert shown(mentor_page(client, mentor)) == {"course_progress", "next_session"}


def test_the_selector_reads_nothing_that_is_not_shared(world, mentor, a_has_sessions):
    card = selectors.my_mentee_cards(mentor=mentor)[0]
    assert card.progress is None
    assert card.course_title is None
    assert card.attendance is None
    assert card.next_session is not None
    SharingConsent.objects.create(
        mentee=world.learner_a, course_progress=True, attendance=True, next_session=False
    )
    card = selectors.my_mentee_cards(mentor=mentor)[0]
    assert card.next_session is None
    assert card.course_title == world.course.title
    assert card.attendance.attended == 1
    assert card.attendance.counted == 1


def test_the_mentor_never_sees_feedback_evidence_or_equality_data(client, world, mentor, practical):
    world.learner_a.profile.gender = "woman"
    world.learner_a.profile.birth_year = 1990
    world.learner_a.profile.save()
    share(client, world.learner_a, course_progress=True, attendance=True, next_session=True)
    page = mentor_page(client, mentor)
    if practical.attempt.feedback:
        assert practical.attempt.feedback not in page
    assert "loaf.png" not in page
    assert "/evidence/" not in page
    assert "1990" not in page
    assert "Woman" not in page


def test_the_profile_shows_the_section_only_to_a_mentee_and_never_the_private_note(
    client, world, mentored
):
    from mentors import practice_services

    practice_services.meeting_log(
        assignment=mentored,
        by=mentored.mentor,
        met_on=timezone.localdate(),
        next_step="Bring the payslip",
        private_note="Secret words",
        needs_attention=True,
    )
    client.force_login(world.learner_a)
    page = client.get("/accounts/profile/").content.decode()
    assert 'id="profile-mentoring"' in page
    assert "Bring the payslip" in page
    assert "Secret words" not in page
    client.force_login(world.learner_b)
    assert 'id="profile-mentoring"' not in client.get("/accounts/profile/").content.decode()


def test_only_the_mentee_sets_their_own_sharing(world, mentor):
    from django.core.exceptions import ValidationError

    from mentors import practice_services

    with pytest.raises(ValidationError):
        practice_services.consent_set(
            mentee=world.learner_a,
            by=mentor,
            course_progress=True,
            attendance=True,
            next_session=True,
        )
    assert not SharingConsent.objects.exists()


def test_a_mentee_sharing_attendance_shows_at_risk_from_the_attendance_decision(
    client, world, mentor, mentored
):
    from assessments.attendance import selectors as attendance_selectors

    today = timezone.localdate()
    for days in (1, 2, 3):
        session = factories.SessionFactory(
            cohort=world.cohort_x, date=today - datetime.timedelta(days=days)
        )
        factories.AttendanceRecordFactory(
            session=session, enrolment=world.enrolment_a, status="absent"
        )
    decision = attendance_selectors.attendance_summary(enrolment=world.enrolment_a)
    assert decision.at_risk
    share(client, world.learner_a, course_progress=False, attendance=True, next_session=False)
    page = mentor_page(client, mentor)
    assert "At risk" in page
    share(client, world.learner_a, course_progress=False, attendance=False, next_session=False)
    assert "At risk" not in mentor_page(client, mentor)


def test_a_mentees_mentoring_page_names_their_mentor_and_leads_to_what_they_share(
    client, world, mentored
):
    """Under "Mentoring" a mentee found only "Become a mentor": their mentor, what they share
    and their meetings were on "My profile", with no way there."""
    client.force_login(world.learner_a)
    page = client.get("/mentors/").content.decode()
    assert f"{mentored.mentor.display_name} is your mentor." in page
    assert 'href="/accounts/profile/#profile-mentoring"' in page
    client.force_login(world.learner_b)
    assert "is your mentor." not in client.get("/mentors/").content.decode()
