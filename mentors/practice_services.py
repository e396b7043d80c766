"""Writes for mentoring in practice: consent to share, the meeting log, supervision, and the
daily alerts to coordinators. Each checks who may do it first, writes inside a transaction and
goes to the audit log (the meeting's private note never: its words stay in the entry)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses import selectors as course_selectors
from lms.formats import medium_date
from lms.models import User
from lms.services import notifications_send
from mentors import rules
from mentors import selectors as mentor_selectors
from mentors.models import Assignment, Meeting, MentoringAlert, SharingConsent, Supervision
from mentors.models.practice import MeetingKind, Topic
from mentors.notifications import MENTORING_ALERT
from mentors.selectors import alerts as alert_selectors

MSG_NOT_YOUR_MENTEE = _("You can log meetings only with your own current mentees.")
MSG_ONLY_OWN_CONSENT = _("Only you can choose what your mentor sees.")
MSG_DATE_FUTURE = _("The date cannot be in the future.")
MSG_DATE_BEFORE_START = _("The date cannot be before the mentoring started (%(day)s).")
MSG_MINUTES = _("Enter how long it took, from 1 to 600 minutes.")
MSG_KIND = _("Choose how you met.")
MSG_TOPIC = _("Choose topics from the list.")
MSG_NEXT_STEP_LONG = _("Keep the next step under 300 characters.")
MSG_NOTE_LONG = _("Keep the note under 2000 characters.")
MSG_READ_ONLY = _("This entry is read-only: only its author may change it, for 7 days.")
MSG_NOT_SUPERVISOR = _("Only a coordinator of this mentor's region can record their supervision.")
MSG_OWN_SUPERVISION = _("You cannot record your own supervision.")
MSG_NOTES_REQUIRED = _("Write a few words about the conversation.")
MSG_NOTES_LONG = _("Keep the notes under 4000 characters.")
MSG_FOLLOW_UP_LONG = _("Keep the follow-up under 500 characters.")
MSG_NOT_COORDINATOR = _("Only a coordinator of this trainee's cohort can deal with this entry.")
MSG_NOT_FLAGGED = _("This entry does not ask for a coordinator's attention.")
MSG_ALREADY_DEALT_WITH = _("This entry has already been dealt with.")
MSG_DEALT_WITH_NOTE_LONG = _("Keep the note to 300 characters or fewer.")


# --- Consent ----------------------------------------------------------------------------------


@transaction.atomic
def consent_set(
    *, mentee, by, course_progress: bool, attendance: bool, next_session: bool
) -> SharingConsent:
    if by is None or by.pk != mentee.pk:
        raise ValidationError(MSG_ONLY_OWN_CONSENT)
    consent, _created = SharingConsent.objects.select_for_update().get_or_create(mentee=mentee)
    consent.course_progress = bool(course_progress)
    consent.attendance = bool(attendance)
    consent.next_session = bool(next_session)
    consent.save()
    log(
        instance=consent,
        action="mentors.consent.set",
        user=by,
        data={
            "course_progress": consent.course_progress,
            "attendance": consent.attendance,
            "next_session": consent.next_session,
        },
    )
    return consent


# --- The meeting log --------------------------------------------------------------------------


def _clean_meeting(
    *, assignment, met_on, kind, minutes, topics, next_step, private_note, today
) -> dict:
    errors = {}
    if met_on is None or met_on > today:
        errors["met_on"] = MSG_DATE_FUTURE
    elif met_on < assignment.started_on:
        errors["met_on"] = ValidationError(
            MSG_DATE_BEFORE_START, params={"day": medium_date(assignment.started_on)}
        )
    if kind not in MeetingKind.values:
        errors["kind"] = MSG_KIND
    try:
        minutes = int(minutes)
    except (TypeError, ValueError):
        minutes = 0
    if not 1 <= minutes <= 600:
        errors["minutes"] = MSG_MINUTES
    topics = list(dict.fromkeys(topics or []))
    if any(t not in Topic.values for t in topics):
        errors["topics"] = MSG_TOPIC
    next_step = (next_step or "").strip()
    if len(next_step) > 300:
        errors["next_step"] = MSG_NEXT_STEP_LONG
    private_note = (private_note or "").strip()
    if len(private_note) > 2000:
        errors["private_note"] = MSG_NOTE_LONG
    if errors:
        raise ValidationError(errors)
    return {
        "met_on": met_on,
        "kind": kind,
        "minutes": minutes,
        "topics": topics,
        "next_step": next_step,
        "private_note": private_note,
    }


@transaction.atomic
def meeting_log(
    *,
    assignment: Assignment,
    by,
    met_on: datetime.date,
    kind: str = MeetingKind.IN_PERSON,
    minutes: int = 30,
    topics=(),
    next_step: str = "",
    private_note: str = "",
    needs_attention: bool = False,
    today: datetime.date | None = None,
) -> Meeting:
    """The mentor logs a contact with one of their current mentees."""
    if (
        by is None
        or not mentor_selectors.assignments_logged_by(by).filter(pk=assignment.pk).exists()
    ):
        raise ValidationError(MSG_NOT_YOUR_MENTEE)
    fields = _clean_meeting(
        assignment=assignment,
        met_on=met_on,
        kind=kind,
        minutes=minutes,
        topics=topics,
        next_step=next_step,
        private_note=private_note,
        today=today or timezone.localdate(),
    )
    meeting = Meeting.objects.create(
        assignment=assignment, author=by, needs_attention=bool(needs_attention), **fields
    )
    log(instance=meeting, action="mentors.meeting.create", user=by, data=_audited(meeting))
    if meeting.needs_attention:
        _tell_coordinators_soon()
    return meeting


def _tell_coordinators_soon() -> None:
    """A flagged entry: the mentor is told "the coordinators are told", so they are, once this
    is saved, by the daily alerts' own task (in the worker, seconds later; alerts_send tells
    each condition once, so the next daily run does not tell it again)."""
    from mentors.tasks import mentoring_alerts_task

    transaction.on_commit(mentoring_alerts_task.enqueue)


def _audited(meeting: Meeting) -> dict:
    """What the audit log keeps of an entry: its facts, not the words of its private note."""
    return {
        "met_on": meeting.met_on.isoformat(),
        "kind": meeting.kind,
        "minutes": meeting.minutes,
        "topics": meeting.topics,
        "needs_attention": meeting.needs_attention,
        "has_private_note": bool(meeting.private_note),
    }


@transaction.atomic
def meeting_update(
    *,
    meeting: Meeting,
    by,
    met_on: datetime.date,
    kind: str,
    minutes: int,
    topics=(),
    next_step: str = "",
    private_note: str = "",
    needs_attention: bool = False,
    now: datetime.datetime | None = None,
) -> Meeting:
    """Its author changes an entry within 7 days of logging it."""
    meeting = Meeting.objects.select_for_update().select_related("assignment").get(pk=meeting.pk)
    now = now or timezone.now()
    if by is None or not rules.meeting_editable(
        author_id=meeting.author_id, by_id=by.pk, created_at=meeting.created_at, now=now
    ):
        raise ValidationError(MSG_READ_ONLY)
    fields = _clean_meeting(
        assignment=meeting.assignment,
        met_on=met_on,
        kind=kind,
        minutes=minutes,
        topics=topics,
        next_step=next_step,
        private_note=private_note,
        today=timezone.localdate(now),
    )
    before = _audited(meeting) | {"next_step": meeting.next_step}
    note_changed = meeting.private_note != fields["private_note"]
    for name, value in fields.items():
        setattr(meeting, name, value)
    if needs_attention and not meeting.needs_attention:
        # Flagged again: a new request for attention, which a coordinator has not answered.
        meeting.dealt_with_at, meeting.dealt_with_by, meeting.dealt_with_note = None, None, ""
        _tell_coordinators_soon()
    meeting.needs_attention = bool(needs_attention)
    meeting.save()
    after = _audited(meeting) | {"next_step": meeting.next_step}
    changed = sorted(
        {k for k in after if after[k] != before[k]} | ({"private_note"} if note_changed else set())
    )
    log(
        instance=meeting,
        action="mentors.meeting.update",
        user=by,
        data={"changed": changed, "before": before, "after": after},
    )
    return meeting


@transaction.atomic
def meeting_deal_with(
    *, meeting: Meeting, by, note: str = "", now: datetime.datetime | None = None
) -> Meeting:
    """A coordinator of the mentee's cohort answers an entry flagged "needs coordinator
    attention": it leaves the alerts. The short note says what was done; the mentor and the
    mentee's coordinators read it, the mentee never (the audit log keeps only that there is one)."""
    meeting = (
        Meeting.objects.select_for_update()
        .select_related("assignment__enrolment")
        .get(pk=meeting.pk)
    )
    if by is None or not (
        by.is_superuser
        or course_selectors.enrolments_coordinated_by(by)
        .filter(pk=meeting.assignment.enrolment_id)
        .exists()
    ):
        raise ValidationError(MSG_NOT_COORDINATOR)
    if not meeting.needs_attention:
        raise ValidationError(MSG_NOT_FLAGGED)
    if meeting.dealt_with_at is not None:
        raise ValidationError(MSG_ALREADY_DEALT_WITH)
    note = (note or "").strip()
    if len(note) > 300:
        raise ValidationError({"note": MSG_DEALT_WITH_NOTE_LONG})
    meeting.dealt_with_at = now or timezone.now()
    meeting.dealt_with_by = by
    meeting.dealt_with_note = note
    meeting.save(update_fields=["dealt_with_at", "dealt_with_by", "dealt_with_note"])
    log(
        instance=meeting,
        action="mentors.meeting.dealt_with",
        user=by,
        data={"met_on": meeting.met_on.isoformat(), "has_note": bool(note)},
    )
    return meeting


# --- Supervision ------------------------------------------------------------------------------


@transaction.atomic
def supervision_record(
    *,
    mentor,
    by,
    held_on: datetime.date,
    notes: str,
    follow_up: str = "",
    today: datetime.date | None = None,
) -> Supervision:
    """A coordinator records a supervision conversation with a mentor in their scope."""
    if by is None or mentor_selectors.mentor_visible(user=by, mentor_id=mentor.pk) is None:
        raise ValidationError(MSG_NOT_SUPERVISOR)
    if by.pk == mentor.pk:
        raise ValidationError(MSG_OWN_SUPERVISION)
    errors = {}
    if held_on is None or held_on > (today or timezone.localdate()):
        errors["held_on"] = MSG_DATE_FUTURE
    notes = (notes or "").strip()
    if not notes:
        errors["notes"] = MSG_NOTES_REQUIRED
    elif len(notes) > 4000:
        errors["notes"] = MSG_NOTES_LONG
    follow_up = (follow_up or "").strip()
    if len(follow_up) > 500:
        errors["follow_up"] = MSG_FOLLOW_UP_LONG
    if errors:
        raise ValidationError(errors)
    supervision = Supervision.objects.create(
        mentor=mentor, supervisor=by, held_on=held_on, notes=notes, follow_up=follow_up
    )
    log(instance=supervision, action="mentors.supervision.create", user=by)
    return supervision


# --- Alerts -----------------------------------------------------------------------------------


def _params(alert: alert_selectors.Alert) -> dict:
    """What a notification keeps: no name (the notification outlives what it is about, and a
    person erased must not stay named in others' inboxes or emails): the people's ids, so that
    erasure finds it (privacy/mentoring.py), and the alerts page it links to names them."""
    return {
        "alert": str(alert.kind),
        "mentor_id": alert.mentor.pk,
        "mentee_id": alert.mentee.pk if alert.mentee else None,
        "since": alert.since.isoformat() if alert.since else "",
        "weeks": alert.weeks,
        "mentees": alert.mentees,
        "max": alert.max_mentees,
    }


def alerts_send(*, today: datetime.date | None = None) -> int:
    """Tell the coordinators concerned about each alert they have not been told about: once per
    condition (a record per condition, unique by its key), so running it every day, or twice,
    tells nobody twice. Returns how many conditions were new."""
    found = alert_selectors.alerts(today=today)
    if not found:
        return 0
    known = set(
        MentoringAlert.objects.filter(key__in=[a.key for a in found]).values_list("key", flat=True)
    )
    new = [a for a in found if a.key not in known]
    if not new:
        return 0
    coordinator_ids = set().union(*(a.coordinator_ids for a in new))
    coordinators = {
        u.pk: u
        for u in User.objects.filter(pk__in=coordinator_ids, is_active=True).select_related(
            "profile"
        )
    }
    try:
        with transaction.atomic():
            MentoringAlert.objects.bulk_create(
                [
                    MentoringAlert(
                        key=a.key,
                        kind=a.kind,
                        mentor=a.mentor,
                        mentee=a.mentee,
                    )
                    for a in new
                ]
            )
            notifications_send(
                kind=MENTORING_ALERT,
                sent=[
                    (coordinators[pk], _params(a))
                    for a in new
                    for pk in sorted(a.coordinator_ids)
                    if pk in coordinators
                ],
            )
    except IntegrityError:  # another run recorded them at the same moment: it tells them
        return 0
    return len(new)
