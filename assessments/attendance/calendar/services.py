"""Writes for calendar feeds: a person makes, or resets, the secret address of their own feed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.log_actions import log

from assessments.attendance.calendar import tokens
from assessments.models import CalendarFeed
from lms import rules as lms_rules
from lms.services import PERSON_REFUSAL_MESSAGES


@transaction.atomic
def calendar_feed_reset(*, user, by) -> str:
    """Give the person's calendar feed a new secret address (the first, or a new one: the old
    address then answers 404). Returns the new secret."""
    refusal = lms_rules.profile_edit_refusal(by_id=by.pk, owner_id=user.pk)
    if refusal is not None:
        raise ValidationError(PERSON_REFUSAL_MESSAGES[refusal])
    nonce = tokens.new_nonce()
    token = tokens.feed_token(user_id=user.pk, nonce=nonce)
    feed, created = CalendarFeed.objects.update_or_create(
        user=user, defaults={"nonce": nonce, "token_hash": tokens.token_hash(token)}
    )
    log(
        instance=feed,
        action="assessments.calendar_feed.create" if created else "assessments.calendar_feed.reset",
        user=by,
    )
    return token
