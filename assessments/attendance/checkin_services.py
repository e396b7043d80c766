"""Writes for self check-in: opening and closing a session's check-in window, a learner checking
in (by the rotating QR code or its typed code), the trainer scanning a learner's card, and a
learner's card issued and reset. Each checks who may do it, writes in one transaction, and
leaves an audit entry; refused, it writes nothing and says why in the reader's language."""

import datetime
import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from assessments.attendance import checkin_rules, checkin_tokens, rules, selectors, services
from assessments.attendance.checkin_rules import CardRefusal, CheckInRefusal
from assessments.models import (
    AttendanceChange,
    AttendanceRecord,
    CheckInWindow,
    LearnerCard,
    SelfCheckIn,
)
from courses import selectors as course_selectors
from courses.models import Enrolment, Session
from courses.services import MSG_NOT_COHORT_STAFF

MSG_CHECKIN_REFUSED = {
    CheckInRefusal.CODE_WRONG: _(
        "This code is not right. Check it with your trainer and try again."
    ),
    CheckInRefusal.CODE_EXPIRED: _(
        "This code has expired: it changes every 20 seconds. Scan the code on your trainer's "
        "screen again."
    ),
    CheckInRefusal.SCAN_TOO_OLD: _(
        "Too much time passed since you scanned the code. Scan the code on your trainer's "
        "screen again."
    ),
    CheckInRefusal.NOT_OPEN_YET: _("Check-in for this session has not opened yet."),
    CheckInRefusal.CLOSED: _(
        "Check-in for this session is closed. Tell your trainer you are here."
    ),
    CheckInRefusal.SESSION_CANCELLED: _("This session is cancelled."),
    CheckInRefusal.NOT_ENROLLED: _(
        "You are not on this session's list, so you cannot check in to it. Tell your trainer."
    ),
    CheckInRefusal.WITHDRAWN: _(
        "You have left this course, so you cannot check in to it. Tell your trainer."
    ),
    CheckInRefusal.DEVICE_USED: _(
        "This phone has already checked someone else in to this session. Each person checks "
        "in on their own phone, or shows their card to the trainer."
    ),
}
MSG_CARD_REFUSED = {
    CardRefusal.UNKNOWN: _("This is not a check-in card of this site."),
    CardRefusal.REVOKED: _("This card was replaced by a new one: it no longer works."),
    CardRefusal.NOT_ON_ROLL_CALL: _("This card's owner is not on this session's roll call."),
}
MSG_WINDOW_CANCELLED = _("This session is cancelled: there is nothing to check in to.")
MSG_WINDOW_NOT_TODAY = _("Check-in opens only on the day of the session.")
MSG_WINDOW_OVER = _("This session has ended: take the roll call instead.")
MSG_CARD_NOT_OWN = _("Only the learner can reset their own card.")


@dataclass(frozen=True)
class CheckInOutcome:
    session: Session
    recorded: bool  # a Present (self) record was written; False: a record was already there
    already: bool = False  # the learner had checked in to this session before


@dataclass(frozen=True)
class CardScanOutcome:
    name: str
    already_present: bool


def session_bounds(session: Session) -> tuple[datetime.datetime, datetime.datetime]:
    """The session's start and end as moments in the site's time zone."""
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(session.date, session.start_time, tzinfo=tz)
    return start, datetime.datetime.combine(session.date, session.end_time, tzinfo=tz)


def _cohort_staff_check(*, session: Session, by) -> None:
    if not course_selectors.cohorts_visible_to(by).filter(pk=session.cohort_id).exists():
        raise ValidationError(MSG_NOT_COHORT_STAFF)


def window_current(*, session: Session, now: datetime.datetime) -> CheckInWindow | None:
    """The session's window that is open now or will open, if any."""
    return (
        CheckInWindow.objects.filter(session=session, closes_at__gt=now, closed_early_at=None)
        .order_by("-pk")
        .first()
    )


@transaction.atomic
def checkin_window_open(*, session: Session, by, now=None) -> CheckInWindow:
    """Open the session's check-in window (15 minutes before it starts until it ends), or give
    the one already open. Its trainers and coordinators only, on the session's day."""
    now = now or timezone.now()
    _cohort_staff_check(session=session, by=by)
    session = Session.objects.select_for_update().get(pk=session.pk)
    start, end = session_bounds(session)
    if session.cancelled:
        raise ValidationError(MSG_WINDOW_CANCELLED)
    if timezone.localdate(now) != session.date:
        raise ValidationError(MSG_WINDOW_NOT_TODAY)
    if now >= end:
        raise ValidationError(MSG_WINDOW_OVER)
    window = window_current(session=session, now=now)
    if window is None:
        opens_at, closes_at = checkin_rules.default_window(start=start, end=end)
        window = CheckInWindow.objects.create(
            session=session, opens_at=opens_at, closes_at=closes_at, opened_by=by
        )
        log(
            instance=session, action="assessments.checkin.open", user=by, data={"window": window.pk}
        )
    return window


@transaction.atomic
def checkin_window_close(*, window: CheckInWindow, by, now=None) -> CheckInWindow:
    """Close a window before its end: no check-in is taken after this."""
    now = now or timezone.now()
    _cohort_staff_check(session=window.session, by=by)
    window = CheckInWindow.objects.select_for_update().get(pk=window.pk)
    if window.closed_early_at is None and now < window.closes_at:
        window.closed_early_at = now
        window.save(update_fields=["closed_early_at"])
        log(
            instance=window.session,
            action="assessments.checkin.close",
            user=by,
            data={"window": window.pk},
        )
    return window


def _refuse(refusal: CheckInRefusal):
    raise ValidationError(MSG_CHECKIN_REFUSED[refusal], code=refusal.value)


def checkin_self(*, token: str, scanned_at, learner, device: str, now=None) -> CheckInOutcome:
    """Check `learner` in with the QR code's token, judged as it was when scanned."""
    scanned = checkin_tokens.parse(token)
    window = (
        CheckInWindow.objects.select_related("session").filter(pk=scanned.window_id).first()
        if scanned
        else None
    )
    if window is None or not checkin_tokens.qr_token_valid(scanned, session_id=window.session_id):
        _refuse(CheckInRefusal.CODE_WRONG)
    return _check_in(
        window=window,
        step=scanned.step,
        scanned_at=scanned_at,
        learner=learner,
        device=device,
        now=now,
    )


def checkin_self_typed(*, code: str, learner, device: str, now=None) -> CheckInOutcome:
    """Check `learner` in with the six digits under the QR code: found among the windows open now
    for the learner's own sessions (the code alone does not say which session)."""
    now = now or timezone.now()
    current = checkin_rules.step_at(now)
    code = "".join((code or "").split())
    windows = CheckInWindow.objects.filter(
        session__cohort__enrolments__learner=learner,
        session__date=timezone.localdate(now),
        closes_at__gt=now,
    ).select_related("session")
    for window in windows:
        for step in (current, current - 1):
            if checkin_tokens.typed_code_valid(
                code, session_id=window.session_id, window_id=window.pk, step=step
            ):
                return _check_in(
                    window=window,
                    step=step,
                    scanned_at=now,
                    learner=learner,
                    device=device,
                    now=now,
                )
    _refuse(CheckInRefusal.CODE_WRONG)


@transaction.atomic
def _check_in(*, window, step, scanned_at, learner, device, now=None) -> CheckInOutcome:
    now = now or timezone.now()
    # The session locked, as the roll call locks it: a check-in and a roll call save of the same
    # session happen one after the other, never writing the same learner's record at once.
    session = Session.objects.select_for_update().get(pk=window.session_id)
    enrolment = (
        Enrolment.objects.filter(cohort_id=session.cohort_id, learner=learner)
        .only("pk", "status", "enrolled_on", "withdrawn_on", "learner_id")
        .first()
    )
    on_roll = enrolment is not None and (
        selectors.roll_call_enrolments(session=session).filter(pk=enrolment.pk).exists()
    )
    by_device = (
        SelfCheckIn.objects.filter(session=session, device=device)
        .values_list("enrolment__learner_id", flat=True)
        .first()
    )
    refusal = checkin_rules.check_in_refusal(
        now=now,
        scanned_at=scanned_at,
        step=step,
        opens_at=window.opens_at,
        ends_at=window.ends_at,
        cancelled=session.cancelled,
        enrolled=on_roll,
        withdrawn=enrolment is not None and enrolment.status == Enrolment.Status.WITHDRAWN,
        device_learner_id=by_device,
        learner_id=learner.pk,
    )
    if refusal is not None:
        _refuse(refusal)
    if SelfCheckIn.objects.filter(session=session, enrolment=enrolment).exists():
        return CheckInOutcome(session=session, recorded=False, already=True)
    current = AttendanceRecord.objects.filter(session=session, enrolment=enrolment).first()
    state = rules.RecordState(current.status, current.note, current.version) if current else None
    record = None
    status = rules.self_check_in_status(state)
    if status is not None:
        record = AttendanceRecord.objects.create(
            session=session,
            enrolment=enrolment,
            status=status,
            recorded_by=learner,
            recorded_at=now,
            self_checked_in=True,
        )
        AttendanceChange.objects.create(
            record=record, new_status=status, changed_by=learner, changed_at=now
        )
        services.attendance_tallies_refresh(enrolments=Enrolment.objects.filter(pk=enrolment.pk))
    try:
        with transaction.atomic():
            SelfCheckIn.objects.create(
                window=window,
                session=session,
                enrolment=enrolment,
                device=device,
                record=record,
                checked_in_at=now,
            )
    except IntegrityError:  # the constraints stand behind the checks above
        _refuse(CheckInRefusal.DEVICE_USED)
    log(
        instance=session,
        action="assessments.checkin.self",
        user=learner,
        data={"enrolment": enrolment.pk, "recorded": record is not None},
    )
    return CheckInOutcome(session=session, recorded=record is not None)


@transaction.atomic
def checkin_card_scan(*, session: Session, token: str, by) -> CardScanOutcome:
    """The trainer scanned a learner's card: the learner is Present at the session, written by
    the roll call's own service (its checks, history, tallies and at-risk states)."""
    _cohort_staff_check(session=session, by=by)
    card = (
        LearnerCard.objects.filter(token=(token or "").strip()[:64])
        .select_related("learner__profile")
        .first()
    )
    enrolment = None
    if card is not None and card.revoked_at is None:
        enrolment = (
            selectors.roll_call_enrolments(session=session).filter(learner=card.learner).first()
        )
    refusal = checkin_rules.card_refusal(
        found=card is not None,
        revoked=card is not None and card.revoked_at is not None,
        on_roll_call=enrolment is not None,
    )
    if refusal is not None:
        raise ValidationError(MSG_CARD_REFUSED[refusal], code=refusal.value)
    profile = getattr(card.learner, "profile", None)
    name = profile.printed_name if profile else card.learner.get_username()
    record = AttendanceRecord.objects.filter(session=session, enrolment=enrolment).first()
    if record and record.status == rules.PRESENT and not record.self_checked_in:
        return CardScanOutcome(name=name, already_present=True)
    entry = rules.RollCallEntry(
        enrolment_id=enrolment.pk,
        status=rules.PRESENT,
        note=record.note if record else "",
        version=record.version if record else 0,
    )
    services.roll_call_save(session=session, entries=[entry], by=by)
    log(instance=session, action="assessments.checkin.card", user=by, data={"card": card.pk})
    return CardScanOutcome(name=name, already_present=False)


def _card_new(learner, now) -> LearnerCard:
    return LearnerCard.objects.create(
        learner=learner, token=secrets.token_urlsafe(24), created_at=now
    )


@transaction.atomic
def card_issue(*, learner, by) -> LearnerCard:
    """The learner's live card, made the first time it is asked for."""
    if by is not None and by.pk != learner.pk:
        raise ValidationError(MSG_CARD_NOT_OWN)
    card = LearnerCard.objects.filter(learner=learner, revoked_at=None).first()
    if card is None:
        try:
            with transaction.atomic():
                card = _card_new(learner, timezone.now())
        except IntegrityError:  # made meanwhile by another request of the same learner
            card = LearnerCard.objects.get(learner=learner, revoked_at=None)
        else:
            log(instance=card, action="assessments.card.issue", user=by)
    return card


@transaction.atomic
def card_reset(*, learner, by) -> LearnerCard:
    """Revoke the learner's card (a lost or copied card stops working) and issue a new one."""
    if by is not None and by.pk != learner.pk:
        raise ValidationError(MSG_CARD_NOT_OWN)
    now = timezone.now()
    revoked = LearnerCard.objects.filter(learner=learner, revoked_at=None).update(revoked_at=now)
    card = _card_new(learner, now)
    log(instance=card, action="assessments.card.reset", user=by, data={"revoked": revoked})
    return card
