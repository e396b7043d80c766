"""Session reminders: the job, its channels, idempotence, failures and "Send again", the SMS
backends, and the learner's choice with their mobile number."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from assessments.attendance.reminders import services
from assessments.attendance.reminders.sms import ConsoleBackend, MemoryBackend, SmsError
from assessments.models import ReminderPreference, ReminderStatus, SessionReminder
from courses.models import Enrolment
from lms.models import OrganisationSettings, Profile
from tests import factories

pytestmark = pytest.mark.django_db

FAILING = "tests.assessments.test_reminders.FailingBackend"


class FailingBackend(MemoryBackend):
    def send(self, *, to, text):
        raise SmsError("Provider HTTP 503")


@pytest.fixture(autouse=True)
def empty_sms_outbox():
    MemoryBackend.outbox.clear()


def at(hour: int, minute: int = 0, *, days: int = 0):
    """A moment today (the suite's frozen Wednesday) at the site's time, `days` later."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def tomorrow():
    return timezone.localdate() + datetime.timedelta(days=1)


def run_job(django_capture_on_commit_callbacks, *, when):
    with time_machine.travel(when, tick=False), django_capture_on_commit_callbacks(execute=True):
        out = io.StringIO()
        call_command("reminders_send", stdout=out)
    return out.getvalue()


@pytest.fixture
def session(world):
    return factories.SessionFactory(
        cohort=world.cohort_x,
        date=tomorrow(),
        topic="Shaping loaves",
        location="Bakery, Calle Mayor 5",
    )


def choose(user, *, email=True, sms=False, mobile=""):
    return services.reminder_preference_update(
        user=user, by=user, by_email=email, by_sms=sms, mobile=mobile
    )


def test_the_job_sends_one_reminder_per_learner_and_none_on_a_second_run(
    world, session, django_capture_on_commit_callbacks
):
    sms_learner = factories.LearnerFactory(username="sms_learner")
    factories.EnrolmentFactory(learner=sms_learner, cohort=world.cohort_x)
    choose(sms_learner, email=False, sms=True, mobile="+34 612 345 678")
    quiet = factories.LearnerFactory(username="quiet")
    factories.EnrolmentFactory(learner=quiet, cohort=world.cohort_x)
    choose(quiet, email=False, sms=False)
    gone = factories.LearnerFactory(username="gone")
    factories.EnrolmentFactory(
        learner=gone,
        cohort=world.cohort_x,
        status=Enrolment.Status.WITHDRAWN,
        withdrawn_on=timezone.localdate(),
        withdrawal_reason="Moved away",
    )
    factories.SessionFactory(
        cohort=world.cohort_x, date=tomorrow(), cancelled=True, cancellation_reason="Strike"
    )

    run_job(django_capture_on_commit_callbacks, when=at(17))

    assert [m.to for m in mail.outbox] == [[world.learner_a.email]]
    assert mail.outbox[0].subject == "Reminder: session tomorrow 09:00"
    assert MemoryBackend.outbox == [{"to": "+34612345678", "text": mail.outbox[0].subject}]
    assert SessionReminder.objects.filter(status=ReminderStatus.SENT).count() == 2
    assert set(SessionReminder.objects.values_list("session_id", flat=True)) == {session.pk}

    run_job(django_capture_on_commit_callbacks, when=at(17, 15))
    run_job(django_capture_on_commit_callbacks, when=at(21))
    assert len(mail.outbox) == 1
    assert len(MemoryBackend.outbox) == 1
    assert SessionReminder.objects.count() == 2


def test_before_the_organisations_time_nothing_is_sent(
    world, session, django_capture_on_commit_callbacks
):
    settings_row = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.reminder_time = datetime.time(18, 30)
    settings_row.save()
    run_job(django_capture_on_commit_callbacks, when=at(18, 29))
    assert mail.outbox == []
    assert not SessionReminder.objects.exists()
    run_job(django_capture_on_commit_callbacks, when=at(18, 30))
    assert len(mail.outbox) == 1


def test_the_email_has_the_details_and_its_subject_no_more_than_the_time(
    world, session, django_capture_on_commit_callbacks
):
    run_job(django_capture_on_commit_callbacks, when=at(17))
    message = mail.outbox[0]
    assert message.subject == "Reminder: session tomorrow 09:00"
    for words in (
        "Thu, 19 Nov 2026",
        "09:00\u201312:00",
        "Bakery, Calle Mayor 5",
        "Shaping loaves",
    ):
        assert words in message.body
    assert "Artisan Baking" in message.body
    assert "Artisan Baking" not in message.subject


def test_the_reminder_is_in_the_learners_language(
    world, session, django_capture_on_commit_callbacks
):
    Profile.objects.filter(user=world.learner_a).update(preferred_language="es")
    choose(world.learner_a, email=True, sms=True, mobile="+34 612 345 678")
    run_job(django_capture_on_commit_callbacks, when=at(17))
    assert mail.outbox[0].subject == "Recordatorio: sesión mañana 9:00"
    assert "jue, 19 nov 2026" in mail.outbox[0].body
    assert MemoryBackend.outbox[0]["text"] == "Recordatorio: sesión mañana 9:00"


def test_a_failed_text_is_marked_failed_tried_again_by_the_job_and_sent_again_by_hand(
    world, session, settings, django_capture_on_commit_callbacks
):
    choose(world.learner_a, email=False, sms=True, mobile="+34 612 345 678")
    settings.SMS_BACKEND = FAILING
    run_job(django_capture_on_commit_callbacks, when=at(17))
    reminder = SessionReminder.objects.get()
    assert (reminder.status, reminder.attempts, reminder.error) == (
        "failed",
        1,
        "Provider HTTP 503",
    )

    # The job tries a failed reminder again, up to three attempts in all.
    run_job(django_capture_on_commit_callbacks, when=at(17, 15))
    run_job(django_capture_on_commit_callbacks, when=at(17, 30))
    run_job(django_capture_on_commit_callbacks, when=at(17, 45))
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts) == ("failed", 3)

    # The coordinator sends it again once the provider is back.
    settings.SMS_BACKEND = "assessments.attendance.reminders.sms.MemoryBackend"
    with django_capture_on_commit_callbacks(execute=True):
        services.reminder_retry(reminder=reminder, by=world.coordinator_x)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.attempts, reminder.error) == ("sent", 4, "")
    assert len(MemoryBackend.outbox) == 1
    # Sent: nothing to send again.
    with pytest.raises(ValidationError):
        services.reminder_retry(reminder=reminder, by=world.coordinator_x)


def test_only_the_cohorts_coordinators_send_again(world, session):
    reminder = SessionReminder.objects.create(
        session=session, enrolment=world.enrolment_a, channel="email", status="failed"
    )
    for outsider in (world.coordinator_y, world.trainer_x, world.learner_a):
        with pytest.raises(SessionReminder.DoesNotExist):
            services.reminder_retry(reminder=reminder, by=outsider)
    reminder.refresh_from_db()
    assert reminder.status == "failed"


def test_a_reminder_of_a_session_cancelled_meanwhile_is_not_sent(world, session):
    reminder = SessionReminder.objects.create(
        session=session, enrolment=world.enrolment_a, channel="email"
    )
    session.cancelled, session.cancellation_reason = True, "Strike"
    session.save()
    assert services.reminder_deliver(reminder_id=reminder.pk) == "skipped"
    assert mail.outbox == []
    # Delivered once: a second task finds nothing waiting.
    assert services.reminder_deliver(reminder_id=reminder.pk) == ""


def test_the_console_backend_prints_the_message():
    stream = io.StringIO()
    ConsoleBackend(stream=stream).send(to="+34612345678", text="Reminder: session tomorrow 09:00")
    assert stream.getvalue() == "SMS to +34612345678: Reminder: session tomorrow 09:00\n"


def test_the_console_backend_writes_to_standard_output(capsys, settings):
    settings.SMS_BACKEND = "assessments.attendance.reminders.sms.ConsoleBackend"
    from assessments.attendance.reminders.sms import sms_send

    sms_send(to="+34612345678", text="Hello")
    assert capsys.readouterr().out == "SMS to +34612345678: Hello\n"


# --- The learner's choice ---------------------------------------------------------------------


def test_a_mobile_number_is_kept_in_e164_read_in_the_organisations_country(world):
    row = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    row.phone_region = "ES"
    row.save()
    choose(world.learner_a, email=False, sms=True, mobile="612 34 56 78")
    assert Profile.objects.get(user=world.learner_a).mobile == "+34612345678"
    preference = ReminderPreference.objects.get(user=world.learner_a)
    assert (preference.by_email, preference.by_sms) == (False, True)


@pytest.mark.parametrize(
    ("mobile", "message"),
    [
        ("call me", "digits only"),
        ("+34 12", "not a valid phone number"),
        ("+34 912 345 678", "cannot receive text messages"),  # a Madrid landline
        ("", "give your mobile number"),
    ],
)
def test_a_refused_number_changes_nothing(world, mobile, message):
    choose(world.learner_a, email=True, sms=False, mobile="+34 612 345 678")
    with pytest.raises(ValidationError) as refused:
        choose(world.learner_a, email=False, sms=True, mobile=mobile)
    assert message in str(refused.value)
    assert Profile.objects.get(user=world.learner_a).mobile == "+34612345678"
    preference = ReminderPreference.objects.get(user=world.learner_a)
    assert (preference.by_email, preference.by_sms) == (True, False)


def test_nobody_chooses_for_someone_else(world):
    with pytest.raises(ValidationError):
        services.reminder_preference_update(
            user=world.learner_a, by=world.coordinator_x, by_email=False, by_sms=False, mobile=""
        )
    assert not ReminderPreference.objects.exists()


def test_the_profile_section_saves_the_choice_and_shows_refusals_in_the_readers_words(
    client, world
):
    client.force_login(world.learner_a)
    page = client.get("/accounts/profile/")
    assert b'id="profile-reminders"' in page.content
    refused = client.post(
        "/attendance/reminders/mine/",
        {"by_sms": "on", "mobile": "+34 12"},
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert refused.status_code == 200
    assert "no es un número de teléfono válido" in refused.content.decode()
    assert not ReminderPreference.objects.exists()
    saved = client.post(
        "/attendance/reminders/mine/", {"by_sms": "on", "mobile": "+34 612 345 678"}
    )
    assert saved.status_code == 302
    assert saved["Location"] == "/accounts/profile/#profile-reminders"
    assert Profile.objects.get(user=world.learner_a).mobile == "+34612345678"
    off = client.post("/attendance/reminders/mine/", {"mobile": "+34 612 345 678"})
    assert off.status_code == 302
    preference = ReminderPreference.objects.get(user=world.learner_a)
    assert (preference.by_email, preference.by_sms) == (False, False)


def test_staff_who_are_not_enrolled_have_no_reminders_section(client, world):
    client.force_login(world.trainer_x)
    assert b'id="profile-reminders"' not in client.get("/accounts/profile/").content


def test_without_a_provider_no_text_messages_are_offered(client, world, settings):
    settings.SMS_BACKEND = ""
    client.force_login(world.learner_a)
    page = client.get("/accounts/profile/").content.decode()
    assert 'name="by_email"' in page
    assert 'name="by_sms"' not in page
    with pytest.raises(ValidationError):
        choose(world.learner_a, email=False, sms=True, mobile="+34 612 345 678")


class BrokenBackend(MemoryBackend):
    def send(self, *, to, text):
        raise RuntimeError("unexpected")


def test_an_unexpected_error_marks_the_reminder_failed_not_stuck(world, session, settings):
    choose(world.learner_a, email=False, sms=True, mobile="+34 612 345 678")
    reminder = SessionReminder.objects.create(
        session=session, enrolment=world.enrolment_a, channel="sms"
    )
    settings.SMS_BACKEND = "tests.assessments.test_reminders.BrokenBackend"
    with pytest.raises(RuntimeError):
        services.reminder_deliver(reminder_id=reminder.pk)
    reminder.refresh_from_db()
    assert (reminder.status, reminder.error) == ("failed", "RuntimeError")


def test_the_demo_seeds_text_message_choices_where_no_provider_is_set(settings):
    # The cluster serves the demo with production settings, which have no SMS provider: the demo
    # brings its own, or seeding stopped at the first learner who chose text messages.
    from demo import reminders as demo_reminders

    settings.SMS_BACKEND = ""
    learner = factories.UserFactory(username="learner")
    demo_reminders.seed(today=timezone.localdate(), stdout=io.StringIO())
    assert ReminderPreference.objects.get(user=learner).by_sms is True
    assert Profile.objects.get(user=learner).mobile == "+447400123456"
    assert settings.SMS_BACKEND == ""
