"""The meeting log: a mentor logs a contact in one short form; the mentor and the mentee's
coordinators read it; the private note is for the mentor and, when flagged, coordinators;
its author may change an entry for 7 days; every change is audited."""

import datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import ModelLogEntry

from mentors import practice_services as services
from mentors.models import Meeting

pytestmark = pytest.mark.django_db


def log_one(assignment, **fields):
    values = {"met_on": timezone.localdate(), "next_step": "Call on Monday"} | fields
    return services.meeting_log(assignment=assignment, by=assignment.mentor, **values)


def test_the_phone_form_comes_filled_with_today_in_person_and_30_minutes(client, world, mentored):
    client.force_login(mentored.mentor)
    url = f"/mentors/assignments/{mentored.pk}/meetings/new/"
    page = client.get(url).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in page
    assert 'value="30"' in page
    # The date input takes ISO whatever the language (a Spanish "05/12/2026" would be empty).
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in spanish
    assert 'value="in_person"' in page
    assert "checked" in page
    response = client.post(
        url,
        {
            "met_on": timezone.localdate().isoformat(),
            "kind": "in_person",
            "minutes": "30",
            "next_step": "Meet after Thursday's session",
            "needs_attention": "on",
            "private_note": "Worried about rent",
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.needs_attention
    assert meeting.minutes == 30
    assert meeting.author == mentored.mentor
    entry = ModelLogEntry.objects.get(action="mentors.meeting.create")
    assert entry.data["needs_attention"] is True
    assert "Worried" not in str(entry.data)


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"met_on": "2999-01-01"}, "met_on"),
        ({"minutes": "0"}, "minutes"),
        ({"minutes": "601"}, "minutes"),
        ({"kind": "carrier_pigeon"}, "kind"),
        ({"topics": ["astrology"]}, "topics"),
        ({"next_step": "x" * 301}, "next_step"),
    ],
)
def test_bad_input_says_what_to_fix_and_logs_nothing(client, world, mentored, fields, field):
    client.force_login(mentored.mentor)
    data = {"met_on": timezone.localdate().isoformat(), "kind": "phone", "minutes": "20"} | fields
    response = client.post(f"/mentors/assignments/{mentored.pk}/meetings/new/", data)
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Meeting.objects.exists()


def test_a_date_before_the_mentoring_started_is_refused(mentored):
    with pytest.raises(ValidationError) as error:
        log_one(mentored, met_on=mentored.started_on - datetime.timedelta(days=1))
    assert "met_on" in error.value.message_dict
    assert not Meeting.objects.exists()


def test_only_the_mentor_logs_meetings_with_their_own_current_mentees(
    world, mentored, other_mentor
):
    for by in (other_mentor, world.coordinator_x, world.learner_a):
        with pytest.raises(ValidationError):
            services.meeting_log(assignment=mentored, by=by, met_on=timezone.localdate())
    mentored.ended_on = timezone.localdate()
    mentored.save()
    with pytest.raises(ValidationError):
        log_one(mentored)
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("flagged", [False, True])
def test_who_reads_the_entry_and_its_private_note(client, world, mentored, flagged):
    log_one(mentored, private_note="Private words", needs_attention=flagged)
    url = f"/mentors/assignments/{mentored.pk}/meetings/"
    client.force_login(mentored.mentor)
    page = client.get(url).content.decode()
    assert "Call on Monday" in page
    assert "Private words" in page
    client.force_login(world.coordinator_x)
    page = client.get(url).content.decode()
    assert "Call on Monday" in page
    assert ("Private words" in page) is flagged
    for outsider in (world.coordinator_y, world.trainer_x, world.learner_a, world.learner_b):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_the_author_may_change_an_entry_for_7_days_then_it_is_read_only(client, world, mentored):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        meeting = log_one(mentored)
    edit = f"/mentors/meetings/{meeting.pk}/edit/"
    data = {"met_on": meeting.met_on.isoformat(), "kind": "video", "minutes": "45"}
    with time_machine.travel(start + datetime.timedelta(days=7, seconds=-1), tick=False):
        client.force_login(mentored.mentor)  # a fresh session: sessions last less than 7 days
        assert client.post(edit, data | {"private_note": "Changed"}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.kind == "video"
    assert meeting.minutes == 45
    change = ModelLogEntry.objects.get(action="mentors.meeting.update")
    assert set(change.data["changed"]) >= {"kind", "minutes", "private_note"}
    assert "Changed" not in str(change.data)
    with time_machine.travel(start + datetime.timedelta(days=7), tick=False):
        client.force_login(mentored.mentor)
        response = client.post(edit, data | {"minutes": "50"})
        assert response.status_code == 302
        with pytest.raises(ValidationError):
            services.meeting_update(
                meeting=meeting, by=mentored.mentor, met_on=meeting.met_on, kind="phone", minutes=5
            )
    meeting.refresh_from_db()
    assert meeting.minutes == 45


def test_the_coordinator_cannot_change_an_entry(client, world, mentored):
    meeting = log_one(mentored)
    client.force_login(world.coordinator_x)
    data = {"met_on": meeting.met_on.isoformat(), "kind": "video", "minutes": "45"}
    assert client.post(f"/mentors/meetings/{meeting.pk}/edit/", data).status_code == 302
    meeting.refresh_from_db()
    assert meeting.kind == "in_person"
    with pytest.raises(ValidationError):
        services.meeting_update(
            meeting=meeting, by=world.coordinator_x, met_on=meeting.met_on, kind="phone", minutes=5
        )


@pytest.mark.parametrize("count", [2, 40])
def test_the_meeting_log_reads_a_fixed_number_of_queries(
    client, world, mentored, count, django_assert_max_num_queries
):
    Meeting.objects.bulk_create(
        [
            Meeting(assignment=mentored, author=mentored.mentor, met_on=mentored.started_on)
            for _ in range(count)
        ]
    )
    client.force_login(world.coordinator_x)
    client.get("/")
    with django_assert_max_num_queries(14):
        response = client.get(f"/mentors/assignments/{mentored.pk}/meetings/")
    assert response.content.decode().count("In person") == count
