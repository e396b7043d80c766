"""Writes made on a phone without a signal and sent later: each one has one effect, however many
times the phone sends it (docs/offline.md)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from lms.models import ReplayedWrite
from lms.offline import rules

REPLAY_MESSAGES = {
    rules.ReplayRefusal.BAD_KEY: _("This change could not be sent: its key is not valid."),
}


@dataclass(frozen=True)
class ReplayResult:
    outcome: str  # ReplayedWrite.Outcome
    message: str
    repeated: bool  # sent before: nothing was done this time


def offline_write_replay(
    *, user, key: str, action: str, perform: Callable[[], str]
) -> ReplayResult:
    """Run `perform` (a service call returning the message for the person) once per key and
    person. A refusal (ValidationError) is kept too, so that sending again says the same thing.
    Any other error (a roll call changed meanwhile) keeps nothing: the person decides, and the
    same key may be sent again afterwards."""
    refusal = rules.replay_key_refusal(key)
    if refusal is not None:
        raise ValidationError(REPLAY_MESSAGES[refusal])
    try:
        with transaction.atomic():
            stored = ReplayedWrite.objects.select_for_update().filter(user=user, key=key).first()
            if stored is not None:
                return ReplayResult(stored.outcome, stored.message, repeated=True)
            try:
                with transaction.atomic():
                    message = str(perform())
                outcome = ReplayedWrite.Outcome.DONE
            except ValidationError as error:
                outcome, message = ReplayedWrite.Outcome.REFUSED, " ".join(error.messages)
            ReplayedWrite.objects.create(
                user=user, key=key, action=action, outcome=outcome, message=message
            )
    except IntegrityError:
        # The same key sent twice at once: the other request did it (and this one's work was
        # rolled back with the failed insert).
        stored = ReplayedWrite.objects.get(user=user, key=key)
        return ReplayResult(stored.outcome, stored.message, repeated=True)
    return ReplayResult(outcome, message, repeated=False)


def replayed_writes_prune(*, now) -> int:
    """Let go of the keys kept longer than the rule says (rules.REPLAY_KEY_KEEP_DAYS), with their
    answers. Run daily (manage.py offline_keys_prune); idempotent. Returns how many went."""
    deleted, _by_model = ReplayedWrite.objects.filter(
        created_at__lt=rules.replay_keys_kept_since(now)
    ).delete()
    return deleted
