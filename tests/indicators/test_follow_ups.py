"""Recording follow-ups: who may, when, and what bad input leaves behind (nothing)."""

import datetime
import html

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import ModelLogEntry

from courses.models import Enrolment
from indicators import services
from indicators.models import FollowUp
from tests.indicators.conftest import ended_cohort

pytestmark = pytest.mark.django_db

END = datetime.date(2026, 1, 31)


@pytest.fixture
def finished(world):
    cohort, enrolments = ended_cohort(
        course=world.course,
        region=world.cohort_x.region,
        coordinator=world.coordinator_x,
        people=[("woman", 1990), ("man", 1985)],
        end_date=END,
        name="Finished",
    )
    return cohort, enrolments


def test_the_coordinator_records_a_due_follow_up_and_it_is_audited(world, finished):
    _cohort, (enrolment, _other) = finished
    follow_up = services.followup_record(
        enrolment=enrolment,
        months=3,
        outcome="employed_in_trade",
        note="Bakery in town",
        by=world.coordinator_x,
        today=datetime.date(2026, 4, 30),
    )
    assert (follow_up.months, follow_up.outcome, follow_up.recorded_by) == (
        3,
        "employed_in_trade",
        world.coordinator_x,
    )
    assert ModelLogEntry.objects.filter(action="lms.followup.record", user=world.coordinator_x)


def test_recording_again_corrects_and_keeps_the_earlier_answer_in_the_log(world, finished):
    _cohort, (enrolment, _other) = finished
    today = datetime.date(2026, 5, 1)
    for outcome in ("seeking_work", "employed_other"):
        services.followup_record(
            enrolment=enrolment, months=3, outcome=outcome, by=world.coordinator_x, today=today
        )
    assert FollowUp.objects.get(enrolment=enrolment, months=3).outcome == "employed_other"
    entry = ModelLogEntry.objects.get(action="lms.followup.correct")
    assert entry.data["previous"] == "seeking_work"


def test_not_before_the_day_it_falls_due(world, finished):
    _cohort, (enrolment, _other) = finished
    with pytest.raises(ValidationError, match=r"not due yet.*30 Apr 2026"):
        services.followup_record(
            enrolment=enrolment,
            months=3,
            outcome="seeking_work",
            by=world.coordinator_x,
            today=datetime.date(2026, 4, 29),
        )
    assert not FollowUp.objects.exists()


@pytest.mark.parametrize(
    ("who", "months", "outcome"),
    [
        ("coordinator_y", 3, "seeking_work"),  # another cohort's coordinator
        ("trainer_x", 3, "seeking_work"),
        ("coordinator_x", 4, "seeking_work"),
        ("coordinator_x", 3, "rich"),
    ],
)
def test_bad_input_changes_nothing(world, finished, who, months, outcome):
    _cohort, (enrolment, _other) = finished
    with pytest.raises(ValidationError):
        services.followup_record(
            enrolment=enrolment,
            months=months,
            outcome=outcome,
            by=getattr(world, who),
            today=datetime.date(2027, 6, 1),
        )
    assert not FollowUp.objects.exists()
    assert not ModelLogEntry.objects.filter(action__startswith="lms.followup").exists()


def test_a_withdrawn_learner_has_no_follow_up(world, finished):
    _cohort, (enrolment, _other) = finished
    Enrolment.objects.filter(pk=enrolment.pk).update(
        status="withdrawn", withdrawn_on=END, withdrawal_reason="Moved away"
    )
    enrolment.refresh_from_db()
    with pytest.raises(ValidationError, match="withdrew"):
        services.followup_record(
            enrolment=enrolment,
            months=3,
            outcome="seeking_work",
            by=world.coordinator_x,
            today=datetime.date(2026, 6, 1),
        )


def test_the_database_refuses_a_second_follow_up_at_the_same_point(world, finished):
    from django.db import IntegrityError, transaction
    from django.utils import timezone

    _cohort, (enrolment, _other) = finished
    FollowUp.objects.create(
        enrolment=enrolment, months=3, outcome="not_known", recorded_at=timezone.now()
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            enrolment=enrolment, months=3, outcome="seeking_work", recorded_at=timezone.now()
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        FollowUp.objects.create(
            enrolment=enrolment, months=9, outcome="seeking_work", recorded_at=timezone.now()
        )


@time_machine.travel(datetime.datetime(2026, 8, 1, 10, tzinfo=datetime.UTC))
def test_the_follow_up_page_lists_due_learners_first_and_records(client, world, finished):
    _cohort, (first, second) = finished
    FollowUp.objects.create(
        enrolment=first,
        months=3,
        outcome="seeking_work",
        recorded_at=datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC),
    )
    FollowUp.objects.create(
        enrolment=first,
        months=6,
        outcome="seeking_work",
        recorded_at=datetime.datetime(2026, 8, 1, tzinfo=datetime.UTC),
    )
    client.force_login(world.coordinator_x)
    page = client.get("/indicators/follow-ups/")
    assert page.status_code == 200
    text = page.text
    # The second learner has 3 and 6 months due; the first has nothing due: second comes first.
    assert text.index(str(second.learner)) < text.index(str(first.learner))
    assert "1 learner has a follow-up due." in text

    response = client.post(
        f"/indicators/follow-ups/{second.pk}/",
        {"months": "3", "outcome": "employed_in_trade", "note": "Bakery"},
    )
    assert response.status_code == 302
    assert FollowUp.objects.get(enrolment=second, months=3).outcome == "employed_in_trade"


@time_machine.travel(datetime.datetime(2026, 3, 1, 10, tzinfo=datetime.UTC))
def test_the_form_says_why_and_saves_nothing_when_not_due(client, world, finished):
    _cohort, (enrolment, _other) = finished
    client.force_login(world.coordinator_x)
    response = client.post(
        f"/indicators/follow-ups/{enrolment.pk}/", {"months": "12", "outcome": "seeking_work"}
    )
    assert response.status_code == 200
    assert "not due yet" in response.text
    assert not FollowUp.objects.exists()


FOLLOW_UP_DATES = {
    # ended, 3 months, 12 months (not due yet on 1 August 2026), recorded
    "en": ("31 Jan 2026", "30 Apr 2026", "31 Jan 2027", "1 May 2026"),
    "es": (
        "31 ene 2026",
        "30 abr 2026",
        "31 ene 2027",
        "1 may 2026",
    ),
}


@pytest.mark.parametrize("language", ["en", "es"])
@time_machine.travel(datetime.datetime(2026, 8, 1, 10, tzinfo=datetime.UTC))
def test_follow_up_dates_are_written_in_the_readers_language(client, world, finished, language):
    # "31 ene 2026", not "2026-01-31", in every sentence a coordinator reads.
    ended, three_months, twelve_months, recorded = FOLLOW_UP_DATES[language]
    _cohort, (enrolment, _other) = finished
    FollowUp.objects.create(
        enrolment=enrolment,
        months=3,
        outcome="seeking_work",
        recorded_by=world.coordinator_x,
        recorded_at=datetime.datetime(2026, 5, 1, 10, tzinfo=datetime.UTC),
    )
    client.force_login(world.coordinator_x)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language

    assert ended in client.get("/indicators/follow-ups/").text
    page = client.get(f"/indicators/follow-ups/{enrolment.pk}/").text
    assert ended in page
    assert three_months in page
    assert twelve_months in page
    assert recorded in page
    refused = client.post(
        f"/indicators/follow-ups/{enrolment.pk}/", {"months": "12", "outcome": "seeking_work"}
    ).text
    with translation.override(language):
        message = services.MSG_NOT_YET % {"date": twelve_months, "months": 12}
    assert str(message) in html.unescape(refused)


def test_another_coordinator_gets_404_and_changes_nothing(client, world, finished):
    _cohort, (enrolment, _other) = finished
    client.force_login(world.coordinator_y)
    response = client.post(
        f"/indicators/follow-ups/{enrolment.pk}/", {"months": "3", "outcome": "seeking_work"}
    )
    assert response.status_code == 404
    assert not FollowUp.objects.exists()


def test_person_level_export_holds_only_my_cohorts_learners(client, world, finished):
    _cohort, (enrolment, _other) = finished
    _other_cohort, (other,) = ended_cohort(
        course=world.course,
        region=world.cohort_y.region,
        coordinator=world.coordinator_y,
        people=[("man", 1980)],
        end_date=END,
        name="Elsewhere",
    )
    when = datetime.datetime(2026, 5, 1, tzinfo=datetime.UTC)
    FollowUp.objects.create(
        enrolment=enrolment,
        months=3,
        outcome="seeking_work",
        note="=HYPERLINK(1)",
        recorded_at=when,
    )
    FollowUp.objects.create(enrolment=other, months=3, outcome="seeking_work", recorded_at=when)
    client.force_login(world.coordinator_x)
    text = client.get("/indicators/follow-ups.csv").content.decode()
    assert enrolment.learner.username in text
    assert other.learner.username not in text
    assert "'=HYPERLINK(1)" in text  # neutralised: a spreadsheet shows it as text

    client.force_login(world.trainer_x)
    assert client.get("/indicators/follow-ups.csv").status_code == 403
