"""A flagged entry's "dealt with" step (a coordinator of the mentee's cohort, audited, with an
optional short note; the entry then leaves the alerts), and "Mentoring that needs you" on the
coordinator's caseload: counts per kind and the flagged entries, in their scope only, at a
fixed number of queries."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import ModelLogEntry

from mentors import practice_services
from mentors.models import Meeting
from mentors.selectors import alerts as alert_selectors
from tests import factories
from tests.mentors.test_practice_alerts import many_mentees

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(mentored):
    return practice_services.meeting_log(
        assignment=mentored,
        by=mentored.mentor,
        met_on=timezone.localdate(),
        next_step="Call the landlord together",
        private_note="Rent worries",
        needs_attention=True,
    )


def flagged_alerts(user=None):
    return [a for a in alert_selectors.alerts(user=user) if a.kind == "flagged"]


def test_a_coordinator_deals_with_a_flag_and_it_leaves_the_alerts(world, flagged):
    assert len(flagged_alerts(world.coordinator_x)) == 1
    practice_services.meeting_deal_with(
        meeting=flagged, by=world.coordinator_x, note="  Spoke with the housing office  "
    )
    flagged.refresh_from_db()
    assert flagged.dealt_with_by == world.coordinator_x
    assert flagged.dealt_with_at is not None
    assert flagged.dealt_with_note == "Spoke with the housing office"
    assert flagged_alerts(world.coordinator_x) == []
    assert flagged_alerts() == []  # nor does the daily task tell anyone again
    entry = ModelLogEntry.objects.get(action="mentors.meeting.dealt_with")
    assert entry.user_id == world.coordinator_x.pk
    assert entry.data == {"met_on": flagged.met_on.isoformat(), "has_note": True}
    assert "housing" not in str(entry.data)  # the note's words stay in the entry
    with pytest.raises(ValidationError, match="already been dealt with"):
        practice_services.meeting_deal_with(meeting=flagged, by=world.coordinator_x)


def test_only_a_coordinator_of_the_mentees_cohort_deals_with_a_flagged_entry(world, flagged):
    for someone in (world.coordinator_y, flagged.author, world.learner_a, world.outsider, None):
        with pytest.raises(ValidationError, match="Only a coordinator"):
            practice_services.meeting_deal_with(meeting=flagged, by=someone)
    flagged.refresh_from_db()
    assert flagged.dealt_with_at is None
    with pytest.raises(ValidationError):
        practice_services.meeting_deal_with(meeting=flagged, by=world.coordinator_x, note="x" * 301)
    practice_services.meeting_deal_with(meeting=flagged, by=world.superuser)


def test_an_entry_not_flagged_cannot_be_dealt_with_and_flagging_again_asks_again(
    world, mentored, flagged
):
    plain = practice_services.meeting_log(
        assignment=mentored, by=mentored.mentor, met_on=timezone.localdate()
    )
    with pytest.raises(ValidationError, match="does not ask"):
        practice_services.meeting_deal_with(meeting=plain, by=world.coordinator_x)
    practice_services.meeting_deal_with(meeting=flagged, by=world.coordinator_x)
    fields = {"met_on": flagged.met_on, "kind": flagged.kind, "minutes": flagged.minutes}
    practice_services.meeting_update(
        meeting=flagged, by=flagged.author, needs_attention=False, **fields
    )
    assert flagged_alerts() == []
    practice_services.meeting_update(
        meeting=flagged, by=flagged.author, needs_attention=True, **fields
    )
    flagged.refresh_from_db()
    assert flagged.dealt_with_at is None
    assert flagged.dealt_with_note == ""
    assert len(flagged_alerts()) == 1


def test_dealt_with_from_the_alerts_page_and_shown_in_the_log(client, world, flagged):
    url = f"/mentors/meetings/{flagged.pk}/dealt-with/"
    client.force_login(world.coordinator_y)
    assert client.post(url, {"note": "No"}).status_code == 404
    client.force_login(world.coordinator_x)
    page = client.get("/mentors/mentees/").content.decode()
    assert f'action="{url}"' in page
    response = client.post(url, {"note": "Met them both on Tuesday"})
    assert response.status_code == 302
    assert response["Location"] == "/mentors/mentees/#alerts-title"
    page = client.get("/mentors/mentees/").content.decode()
    assert 'data-alert="flagged"' not in page
    assert "Marked as dealt with" in page
    client.force_login(flagged.author)
    log = client.get(f"/mentors/assignments/{flagged.assignment_id}/meetings/").content.decode()
    assert "Dealt with by" in log
    assert "Met them both on Tuesday" in log
    client.force_login(world.learner_a)  # the mentee sees the meeting, never the notes
    assert "Met them both" not in client.get("/profile/").content.decode()
    assert client.get("/mentors/mentees/").status_code in (302, 403)


def test_the_caseload_counts_mentoring_that_needs_the_coordinator(client, world, flagged):
    client.force_login(world.coordinator_x)
    page = client.get("/workspace/").content.decode()
    assert 'id="caseload-mentoring"' in page
    assert 'data-alert-count="flagged"' in page
    assert "Call the landlord together" in page
    assert world.learner_a.display_name in page
    assert "Rent worries" not in page  # the note is read on the alerts page
    assert "/mentors/mentees/#alerts-title" in page
    # No mentoring in coordinator Y's cohorts: no section at all.
    client.force_login(world.coordinator_y)
    page = client.get("/workspace/").content.decode()
    assert 'id="caseload-mentoring"' not in page
    assert world.learner_a.display_name not in page


def test_the_caseload_section_counts_each_kind(rf, world, flagged):
    from mentors.caseload import mentoring_section

    request = rf.get("/workspace/")
    request.user = world.coordinator_x
    section = mentoring_section(request)
    assert {c.kind: c.count for c in section["counts"]} == {
        "flagged": 1,
        "no_contact": 0,  # the flagged meeting is a contact today
        "lapsed": 0,
        "over_capacity": 0,
    }
    request.user = world.learner_a
    assert mentoring_section(request) is None


def test_the_caseload_costs_the_same_with_5_and_50_mentees(client, world, training):
    from tests.mentors.conftest import make_mentor

    client.force_login(world.coordinator_x)
    client.get("/workspace/")  # the site's settings and caches made once
    counts = []
    for n in (5, 50):
        mentor = make_mentor(
            f"case{n}", training=training, region=world.cohort_x.region, on=timezone.localdate()
        )
        many_mentees(mentor, [world.cohort_x, factories.CohortFactory(course=world.course)], n)
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/workspace/").content.decode()
        counts.append(len(captured.captured_queries))
        assert (
            page.count('data-alert="flagged"')
            == Meeting.objects.filter(
                assignment__enrolment__cohort=world.cohort_x,
                needs_attention=True,
                met_on__gte=timezone.localdate() - datetime.timedelta(days=30),
            ).count()
        )
    assert counts[0] == counts[1], counts


def test_coordinators_set_the_weeks_without_contact_without_being_administrators(client, world):
    from mentors.models import MentoringSettings

    settings = MentoringSettings.load()
    url = f"/admin/settings/mentors/mentoringsettings/{settings.pk}/"
    client.force_login(world.learner_a)
    assert client.get(url).status_code in (302, 403)
    client.force_login(world.coordinator_x)
    assert not world.coordinator_x.is_superuser
    assert client.get(url).status_code == 200
    response = client.post(url, {"no_contact_weeks": "5"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert MentoringSettings.load().no_contact_weeks == 5
    assert ModelLogEntry.objects.filter(action="wagtail.edit", user=world.coordinator_x).exists()
    # Out of range: refused, the setting stays.
    assert client.post(url, {"no_contact_weeks": "27"}).status_code == 200
    assert MentoringSettings.load().no_contact_weeks == 5
    # The alerts page says N and where to change it.
    page = client.get("/mentors/mentees/").content.decode()
    assert "after 5 weeks without a logged contact" in page
    assert url.rsplit("/", 2)[0] in page
