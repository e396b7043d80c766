"""The roll call as a trainer on a phone reads it (issue 18, item 6): one row of choices per
learner, the note behind "+ note", a summary before saving, "saved by" said once."""

import re

import pytest
from django.conf import settings

from assessments.attendance import services
from assessments.attendance.services import RollCallEntry
from lms.models import Profile
from tests import factories

pytestmark = pytest.mark.django_db


def url(session):
    return f"/attendance/sessions/{session.pk}/roll-call/"


@pytest.fixture
def session(world):
    return factories.SessionFactory(cohort=world.cohort_x, topic="Sourdough starters")


@pytest.fixture
def learners(world):
    """Learner A and three more: four rows on the roll call."""
    return [world.enrolment_a] + [
        factories.EnrolmentFactory(
            cohort=world.cohort_x,
            learner=factories.LearnerFactory(profile__printed_name=f"Learner {n}"),
        )
        for n in (2, 3, 4)
    ]


def test_each_learner_has_one_row_of_four_choices_named_for_them(client, world, session, learners):
    client.force_login(world.trainer_x)
    page = client.get(url(session)).text
    name = world.learner_a.profile.printed_name
    group = re.search(
        rf'<div class="btn-group status-choices" role="radiogroup" '
        rf'aria-label="Attendance of {re.escape(name)}">(.*?)</div>',
        page,
        re.S,
    )
    assert group, "no radio group named for the learner"
    labels = re.findall(r"<label [^>]*>([^<]+)</label>", group.group(1))
    assert labels == ["Present", "Late", "Excused", "Absent"]
    assert page.count('class="btn-group status-choices"') == len(learners)


def test_the_note_is_behind_a_toggle_unless_there_is_one(client, world, session, learners):
    services.roll_call_save(
        session=session,
        entries=[RollCallEntry(enrolment_id=learners[1].pk, status="late", note="Bus strike")],
        by=world.trainer_x,
    )
    client.force_login(world.trainer_x)
    page = client.get(url(session)).text
    assert page.count('<details class="roll-note">') == len(learners) - 1  # closed
    assert page.count('<details class="roll-note" open>') == 1  # the one with a note
    assert "+ </span>note" in page
    assert 'value="Bus strike"' in page


def test_saved_by_is_said_once_at_the_top(client, world, session, learners):
    services.roll_call_save(
        session=session,
        entries=[RollCallEntry(enrolment_id=e.pk, status="present") for e in learners],
        by=world.trainer_x,
    )
    client.force_login(world.coordinator_x)
    page = client.get(url(session)).text
    trainer = world.trainer_x.profile.printed_name
    assert page.count("Last saved by") == 1
    assert f"Last saved by {trainer} on" in page
    assert page.index("Last saved by") < page.index("status-choices")
    assert "Saved by" not in page


def test_the_summary_counts_what_is_marked_before_and_after_saving(
    client, world, session, learners
):
    client.force_login(world.trainer_x)
    page = client.get(url(session)).text
    assert re.search(r'id="roll-summary"[^>]*>4 not marked yet</p>', page)
    # The page's script builds the same sentence from these forms as the trainer taps.
    assert 'data-present-one="%(count)s present"' in page
    assert 'data-not_marked-other="%(count)s not marked yet"' in page

    data = {f"version-{e.pk}": "0" for e in learners}
    data |= {f"status-{learners[0].pk}": "present", f"status-{learners[1].pk}": "present"}
    data |= {f"status-{learners[2].pk}": "late"}
    response = client.post(url(session), data, follow=True)
    text = response.text
    assert "Roll call saved: 3 new, 0 changed. 2 present, 1 late, 1 not marked yet." in text
    assert re.search(r'id="roll-summary"[^>]*>2 present, 1 late, 1 not marked yet</p>', text)


def test_the_summary_speaks_spanish_with_plurals(client, world, session, learners):
    services.roll_call_save(
        session=session,
        entries=[
            RollCallEntry(enrolment_id=learners[0].pk, status="present"),
            RollCallEntry(enrolment_id=learners[1].pk, status="present"),
            RollCallEntry(enrolment_id=learners[2].pk, status="absent"),
        ],
        by=world.trainer_x,
    )
    Profile.objects.filter(user=world.trainer_x).update(preferred_language="es")
    client.force_login(world.trainer_x)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    page = client.get(url(session)).text
    assert re.search(r'id="roll-summary"[^>]*>2 presentes, 1 ausente, 1 sin marcar</p>', page)
    assert ">Justificado</label>" in page


def test_cancelling_is_offered_apart_from_the_save_button(client, world, session, learners):
    client.force_login(world.trainer_x)
    page = client.get(url(session)).text
    cancel = page.index(f'href="/learning/staff/sessions/{session.pk}/cancel/"')
    form_end = page.index("</form>", page.index('class="roll-call-form"'))
    assert cancel > form_end
    assert "The session did not take place?" in page


def test_no_userbar_floats_over_the_roll_call(client, world, session, learners):
    client.force_login(world.coordinator_x)
    assert "wagtail-userbar" not in client.get(url(session)).text
