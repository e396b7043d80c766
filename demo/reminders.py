"""Session reminders in the demo: some learners chose text messages (with a mobile number), one
turned reminders off, the others keep email; the reminders of the latest session held are sent
(one text message failing), so that "Session reminders" shows every status to `coordinator`."""

import datetime

from django.test.utils import override_settings
from django.utils import timezone

from assessments.attendance.reminders import services
from assessments.attendance.reminders.sms import MemoryBackend, SmsError
from courses.models import Session
from lms.models import User

# username: (by email, by SMS, mobile). Made-up numbers.
CHOICES = {
    "learner": (True, True, "+44 7400 123456"),
    "aprendiz": (False, True, "+34 600 000 123"),
    "sofia.lopez": (True, True, "+34 600 000 456"),
    "luca.marino": (True, True, "+39 312 000 0789"),
    "joao.goncalves": (False, False, ""),
}
# The demo's number that no provider reaches: its reminder shows as failed.
UNREACHABLE = "+39 312 000 0789"


class DemoSmsBackend(MemoryBackend):
    def send(self, *, to: str, text: str) -> None:
        if to == UNREACHABLE.replace(" ", ""):
            raise SmsError("Demo: the number did not answer")
        super().send(to=to, text=text)


def seed(*, today: datetime.date, stdout) -> None:
    # The demo's own provider throughout: a demo served with production settings and no SMS
    # provider (the cluster) would otherwise refuse the learners' choice of text messages.
    with override_settings(SMS_BACKEND=f"{__name__}.DemoSmsBackend"):
        _seed(today=today, stdout=stdout)


def _seed(*, today: datetime.date, stdout) -> None:
    # Chosen once: a second run changes (and logs) nothing.
    users = {
        u.username: u
        for u in User.objects.filter(username__in=CHOICES, reminder_preference__isnull=True)
    }
    for username, (by_email, by_sms, mobile) in CHOICES.items():
        user = users.get(username)
        if user is not None:
            services.reminder_preference_update(
                user=user, by=user, by_email=by_email, by_sms=by_sms, mobile=mobile
            )
    latest = Session.objects.filter(date__lte=today, cancelled=False).order_by("-date").first()
    if latest is None:
        return
    evening_before = timezone.make_aware(
        datetime.datetime.combine(latest.date - datetime.timedelta(days=1), datetime.time(18))
    )
    # Sent here, not by the tasks queued for after the commit (which then find nothing to do):
    # no text message of the demo goes to the console.
    queued = services.reminders_plan(now=evening_before)
    for pk in queued:
        services.reminder_deliver(reminder_id=pk)
    stdout.write(f"Reminders: {len(queued)} for the session of {latest.date}.")
