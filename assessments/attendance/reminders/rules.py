"""Which reminders a learner gets, as pure functions over plain values."""

from dataclasses import dataclass

EMAIL = "email"  # assessments.models.ReminderChannel
SMS = "sms"

# A reminder that failed is tried again by the job until it has been tried this many times;
# after that only a coordinator's "Send again" tries it.
AUTOMATIC_ATTEMPTS = 3


@dataclass(frozen=True)
class Choice:
    """What the learner chose (no choice saved: by email only)."""

    by_email: bool = True
    by_sms: bool = False


def reminder_channels(
    choice: Choice, *, email: str, mobile: str, sms_available: bool
) -> tuple[str, ...]:
    """The channels a reminder goes by: those chosen that can reach the learner (an email
    address, a mobile number, a text-message provider). None chosen: reminders are off."""
    channels = []
    if choice.by_email and email:
        channels.append(EMAIL)
    if choice.by_sms and mobile and sms_available:
        channels.append(SMS)
    return tuple(channels)


def reminder_due(*, local_time, reminder_time) -> bool:
    """Reminders of tomorrow's sessions go out from the organisation's reminder time on."""
    return local_time >= reminder_time
