"""Text messages behind a small provider interface, chosen by the SMS_BACKEND setting (a dotted
path, as Django's EMAIL_BACKEND): the console in development, memory in tests, Twilio in
production (docs/deployment.md). A backend sends one message or raises `SmsError` with a short
reason, which the reminder keeps; nothing else about the message is logged."""

import sys
import threading

import requests
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string


class SmsError(Exception):
    """The message was not accepted; `str()` is a short reason without the message or number."""


class BaseSmsBackend:
    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class ConsoleBackend(BaseSmsBackend):
    """Writes each message to standard output, as Django's console email backend does."""

    def __init__(self, stream=None):
        self.stream = stream

    def send(self, *, to: str, text: str) -> None:
        stream = self.stream or sys.stdout
        stream.write(f"SMS to {to}: {text}\n")
        stream.flush()


class MemoryBackend(BaseSmsBackend):
    """Keeps each message in `MemoryBackend.outbox` (tests), as Django's locmem email backend."""

    outbox: list[dict] = []
    _lock = threading.Lock()

    def send(self, *, to: str, text: str) -> None:
        with self._lock:
            MemoryBackend.outbox.append({"to": to, "text": text})


class TwilioBackend(BaseSmsBackend):
    """Twilio's Messages API over HTTPS (https://www.twilio.com/docs/messaging/api/message-resource):
    TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, and TWILIO_FROM (a number in E.164, or a messaging
    service's id starting "MG")."""

    API = "https://api.twilio.com/2010-04-01/Accounts/{sid}/Messages.json"

    def __init__(self):
        self.sid = settings.TWILIO_ACCOUNT_SID
        self.token = settings.TWILIO_AUTH_TOKEN
        self.sender = settings.TWILIO_FROM
        if not (self.sid and self.token and self.sender):
            raise ImproperlyConfigured(
                "SMS_BACKEND is Twilio: set TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM."
            )

    def send(self, *, to: str, text: str) -> None:
        sender_key = "MessagingServiceSid" if self.sender.startswith("MG") else "From"
        try:
            reply = requests.post(
                self.API.format(sid=self.sid),
                data={"To": to, sender_key: self.sender, "Body": text},
                auth=(self.sid, self.token),
                timeout=settings.SMS_TIMEOUT_SECONDS,
            )
        except requests.RequestException as error:
            raise SmsError(f"Twilio unreachable: {type(error).__name__}") from None
        if reply.status_code >= 400:
            raise SmsError(f"Twilio HTTP {reply.status_code}: {_twilio_code(reply)}")


def _twilio_code(reply) -> str:
    """Twilio's error code from its answer ("21211"), never its message (it may quote the
    number)."""
    try:
        return str(reply.json().get("code", ""))
    except (ValueError, AttributeError):
        return ""


def sms_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


def sms_send(*, to: str, text: str) -> None:
    sms_backend().send(to=to, text=text)
