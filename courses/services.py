"""Writes for courses. Views, the admin, commands and tasks all come through here."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses import rules, selectors
from courses.models import Cohort, Enrolment, LessonCompletion, LessonPage, Session
from courses.session_topics import TOPIC_TRANSLATION_FIELDS, topic_translations
from courses.signals import schedule_changed
from lms.formats import medium_date

MSG_ALREADY_ENROLLED = _("%(learner)s is already enrolled in %(cohort)s.")
MSG_COHORT_FULL = _("%(cohort)s is full (%(capacity)s places).")
MSG_WITHDRAW_REASON = _("Give a reason for the withdrawal.")
MSG_ENROL_REFUSED = {
    rules.EnrolRefusal.SELF: _("You cannot enrol yourself: ask another coordinator."),
    rules.EnrolRefusal.STAFF_ACCOUNT: _(
        "This account belongs to a member of staff: only an administrator can enrol it."
    ),
}
MSG_WITHDRAWN_BEFORE_ENROLMENT = _(
    "A withdrawal cannot be dated before the learner enrolled. Enter a date on or after %(date)s."
)
MSG_WITHDRAWN_IN_FUTURE = _(
    "A withdrawal cannot be dated in the future. Enter today's date or an earlier one."
)
MSG_NOT_ENROLLED = _("You are not enrolled in a cohort of this course.")
MSG_NOT_OWN_LESSON = _("Only the learner marks their own lessons as done.")
MSG_ENROLLED_AFTER_END = _("The enrolment date cannot be after the cohort's end date.")
MSG_SESSION_TOPIC = _("Give the session a topic.")
MSG_SESSION_TIMES = _("The end time must be after the start time.")
MSG_SESSION_OUTSIDE_COHORT = _(
    "Sessions must fall within the cohort's dates (%(start)s to %(end)s)."
)
MSG_SCHEDULE_NO_WEEKDAY = _("Choose at least one weekday.")
MSG_SCHEDULE_EMPTY = _("No date between these two dates falls on the chosen weekdays.")
MSG_SCHEDULE_TOO_MANY = _(
    "That would create %(count)s sessions; schedule at most %(limit)s at once."
)
MSG_SCHEDULE_EVERY = _("Repeat every 1 to 52 weeks.")
MSG_COHORT_START_AFTER_SESSION = _(
    "The cohort has a session on %(date)s. Move or cancel that session first, "
    "or choose a start date on or before %(date)s."
)
MSG_COHORT_START_AFTER_ATTEMPT = _(
    "A practical assessment in this cohort is dated %(date)s. "
    "Choose a start date on or before %(date)s."
)
MSG_COHORT_END_BEFORE_SESSION = _(
    "The cohort has a session on %(date)s. Move or cancel that session first, "
    "or choose an end date on or after %(date)s."
)
MSG_COHORT_END_BEFORE_ENROLMENT = _(
    "A learner's enrolment in this cohort is dated %(date)s. "
    "Choose an end date on or after %(date)s."
)
MSG_NOT_COHORT_STAFF = _(
    "Only the trainers and coordinators of this cohort can change its sessions."
)
MSG_CANCEL_REASON = _("Give a reason for cancelling, so learners know why.")
MSG_ALREADY_CANCELLED = _("This session is already cancelled.")


COHORT_DATE_MESSAGES = {
    rules.CohortDateRefusal.SESSION_BEFORE_START: MSG_COHORT_START_AFTER_SESSION,
    rules.CohortDateRefusal.ATTEMPT_BEFORE_START: MSG_COHORT_START_AFTER_ATTEMPT,
    rules.CohortDateRefusal.SESSION_AFTER_END: MSG_COHORT_END_BEFORE_SESSION,
    rules.CohortDateRefusal.ENROLMENT_AFTER_END: MSG_COHORT_END_BEFORE_ENROLMENT,
}


def cohort_dates_check(
    *, cohort: Cohort, start_date: datetime.date, end_date: datetime.date
) -> None:
    """Refuse new dates for a cohort that would leave its sessions outside them, an attempt
    before its start or an enrolment after its end (the checks the sessions, attempts and
    enrolments passed when they were written). Every problem at once, each on its field."""
    in_use = selectors.cohort_dates_in_use(cohort=cohort)
    conflicts = {
        "start_date": rules.cohort_start_conflict(start_date=start_date, in_use=in_use),
        "end_date": rules.cohort_end_conflict(end_date=end_date, in_use=in_use),
    }
    errors = {
        field: ValidationError(
            COHORT_DATE_MESSAGES[conflict.refusal],
            params={"date": medium_date(conflict.day)},
        )
        for field, conflict in conflicts.items()
        if conflict is not None
    }
    if errors:
        raise ValidationError(errors)


MSG_OWN_ENROLMENT = _(
    "You are enrolled as a learner here: another trainer or coordinator must record your "
    "attendance, assess, review and certify you."
)
STAFF_MESSAGES = {rules.StaffRefusal.OWN_ENROLMENT: MSG_OWN_ENROLMENT}


def staff_check(*, actor, enrolment: Enrolment) -> None:
    """Refuse, whatever the path (page, admin, command), anyone acting as staff on their own
    enrolment (`rules.staff_refusal`). Called by every service that acts on a learner's record:
    the roll call, practical attempts and their review, certification."""
    refusal = rules.staff_refusal(
        actor_id=getattr(actor, "pk", None), learner_id=enrolment.learner_id
    )
    if refusal is not None:
        raise ValidationError(STAFF_MESSAGES[refusal])


def _active_count(cohort: Cohort) -> int:
    return cohort.enrolments.filter(status=Enrolment.Status.ACTIVE).count()


@transaction.atomic
def enrolment_create(
    *, learner, cohort: Cohort, enrolled_on: datetime.date | None = None, by=None
) -> Enrolment:
    """Enrol a learner, refusing duplicates and a full cohort.

    The cohort row is locked so that two enrolments at the same moment cannot both take the last
    place (on PostgreSQL; SQLite serialises writers anyway)."""
    refusal = rules.enrol_refusal(
        by_id=getattr(by, "pk", None),
        by_is_admin=bool(getattr(by, "is_superuser", False)),
        learner_id=learner.pk,
        learner_is_staff=learner.is_staff or learner.is_superuser,
    )
    if refusal is not None:
        raise ValidationError(MSG_ENROL_REFUSED[refusal])
    cohort = Cohort.objects.select_for_update().get(pk=cohort.pk)
    if Enrolment.objects.filter(learner=learner, cohort=cohort).exists():
        raise ValidationError(MSG_ALREADY_ENROLLED, params={"learner": learner, "cohort": cohort})
    if not rules.enrolment_has_room(capacity=cohort.capacity, active_count=_active_count(cohort)):
        raise ValidationError(
            MSG_COHORT_FULL, params={"cohort": cohort, "capacity": cohort.capacity}
        )
    enrolled_on = enrolled_on or timezone.localdate()
    if enrolled_on > cohort.end_date:
        raise ValidationError(MSG_ENROLLED_AFTER_END)
    try:
        with transaction.atomic():
            enrolment = Enrolment.objects.create(
                learner=learner, cohort=cohort, enrolled_on=enrolled_on
            )
    except IntegrityError as exc:  # a concurrent request enrolled the same learner
        raise ValidationError(
            MSG_ALREADY_ENROLLED, params={"learner": learner, "cohort": cohort}
        ) from exc
    log(instance=enrolment, action="courses.enrolment.create", user=by)
    return enrolment


@transaction.atomic
def enrolment_withdraw(
    *, enrolment: Enrolment, reason: str, on: datetime.date | None = None, by=None
) -> Enrolment:
    """Withdraw an enrolment from the given day (today by default): not before the learner
    enrolled, not after today. Every problem at once, each on its field."""
    reason = (reason or "").strip()
    today = timezone.localdate()
    on = on or today
    errors = {}
    if not reason:
        errors["withdrawal_reason"] = MSG_WITHDRAW_REASON
    refusal = rules.withdrawal_date_refusal(
        withdrawn_on=on, enrolled_on=enrolment.enrolled_on, today=today
    )
    if refusal is rules.WithdrawalDateRefusal.IN_FUTURE:
        errors["withdrawn_on"] = MSG_WITHDRAWN_IN_FUTURE
    elif refusal is rules.WithdrawalDateRefusal.BEFORE_ENROLMENT:
        earliest = rules.withdrawal_earliest_day(enrolled_on=enrolment.enrolled_on, today=today)
        errors["withdrawn_on"] = ValidationError(
            MSG_WITHDRAWN_BEFORE_ENROLMENT,
            params={"date": medium_date(earliest)},
        )
    if errors:
        raise ValidationError(errors)
    enrolment.status = Enrolment.Status.WITHDRAWN
    enrolment.withdrawal_reason = reason
    enrolment.withdrawn_on = on
    enrolment.save(update_fields=["status", "withdrawal_reason", "withdrawn_on"])
    log(instance=enrolment, action="courses.enrolment.withdraw", user=by)
    return enrolment


LESSON_COMPLETE_MESSAGES = {
    rules.LessonCompleteRefusal.NOT_ENROLLED: MSG_NOT_ENROLLED,
    rules.LessonCompleteRefusal.NOT_OWN_ENROLMENT: MSG_NOT_OWN_LESSON,
}


@transaction.atomic
def lesson_complete(
    *, enrolment: Enrolment | None, lesson: LessonPage, by=None
) -> LessonCompletion:
    """Mark a lesson done for the enrolment's learner; `by` is who asks (None: the learner).
    Idempotent: doing it twice keeps the first completion time and writes one audit entry."""
    refusal = rules.lesson_complete_refusal(
        enrolment_status=enrolment.status if enrolment is not None else None,
        lesson_in_course=enrolment is not None
        and lesson.get_parent().pk == enrolment.cohort.course_id,
        by_is_learner=by is None or (enrolment is not None and by.pk == enrolment.learner_id),
    )
    if refusal is not None:
        raise ValidationError(LESSON_COMPLETE_MESSAGES[refusal])
    completion, created = LessonCompletion.objects.get_or_create(
        enrolment=enrolment, lesson=lesson, defaults={"completed_at": timezone.now()}
    )
    if created:
        log(instance=completion, action="courses.lesson.complete", user=by)
    return completion


def _schedule_changed(cohort: Cohort) -> None:
    transaction.on_commit(lambda: schedule_changed.send(sender=Session, cohort=cohort))


def _staff_check(*, cohort: Cohort, by) -> None:
    """Before a session is written: `by` trains or coordinates the cohort (None: the system)."""
    if by is not None and not selectors.cohorts_visible_to(by).filter(pk=cohort.pk).exists():
        raise ValidationError(MSG_NOT_COHORT_STAFF)


def _session_check(*, cohort: Cohort, topic: str, start_time, end_time, **dates) -> None:
    """Every problem at once, each on its field: `dates` maps field names to dates."""
    errors = {}
    if not (topic or "").strip():
        errors["topic"] = MSG_SESSION_TOPIC
    if start_time and end_time and end_time <= start_time:
        errors["end_time"] = MSG_SESSION_TIMES
    for field, day in dates.items():
        if day and not cohort.start_date <= day <= cohort.end_date:
            errors[field] = ValidationError(
                MSG_SESSION_OUTSIDE_COHORT,
                params={
                    "start": medium_date(cohort.start_date),
                    "end": medium_date(cohort.end_date),
                },
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def session_create(
    *,
    cohort: Cohort,
    topic: str,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    kind: str = Session.Kind.THEORY,
    location: str = "",
    by=None,
    **translations: str,
) -> Session:
    translations = topic_translations(translations)
    _staff_check(cohort=cohort, by=by)
    _session_check(cohort=cohort, topic=topic, date=date, start_time=start_time, end_time=end_time)
    session = Session.objects.create(
        cohort=cohort,
        topic=topic.strip(),
        kind=kind,
        date=date,
        start_time=start_time,
        end_time=end_time,
        location=location.strip(),
        **translations,
    )
    log(instance=session, action="courses.session.create", user=by)
    _schedule_changed(cohort)
    return session


@transaction.atomic
def sessions_schedule(
    *,
    cohort: Cohort,
    topic: str,
    start: datetime.date,
    until: datetime.date,
    weekdays: set[int],
    start_time: datetime.time,
    end_time: datetime.time,
    every_weeks: int = 1,
    kind: str = Session.Kind.THEORY,
    location: str = "",
    by=None,
    **translations: str,
) -> list[Session]:
    """Schedule a repeating series: the chosen weekdays, every N weeks, from one date until
    another, each with the same topic and translations. All or nothing."""
    translations = topic_translations(translations)
    _staff_check(cohort=cohort, by=by)
    if not weekdays:
        raise ValidationError({"weekdays": MSG_SCHEDULE_NO_WEEKDAY})
    if not 1 <= every_weeks <= 52:
        raise ValidationError({"every_weeks": MSG_SCHEDULE_EVERY})
    _session_check(
        cohort=cohort,
        topic=topic,
        start_time=start_time,
        end_time=end_time,
        start=start,
        until=until,
    )
    dates = rules.session_dates(
        start=start, until=until, weekdays=weekdays, every_weeks=every_weeks
    )
    if not dates:
        raise ValidationError(MSG_SCHEDULE_EMPTY)
    if len(dates) > rules.MAX_SCHEDULED_SESSIONS:
        raise ValidationError(
            MSG_SCHEDULE_TOO_MANY,
            params={"count": len(dates), "limit": rules.MAX_SCHEDULED_SESSIONS},
        )
    sessions = Session.objects.bulk_create(
        Session(
            cohort=cohort,
            topic=topic.strip(),
            kind=kind,
            date=day,
            start_time=start_time,
            end_time=end_time,
            location=location.strip(),
            **translations,
        )
        for day in dates
    )
    log(
        instance=cohort,
        action="courses.session.schedule",
        user=by,
        data={"sessions": len(sessions), "from": str(start), "until": str(until)},
    )
    _schedule_changed(cohort)
    return sessions


SESSION_EDITABLE_FIELDS = (
    *("topic", "kind", "date", "start_time", "end_time", "location"),
    *TOPIC_TRANSLATION_FIELDS,
)


@transaction.atomic
def session_update(*, session: Session, by=None, **fields) -> Session:
    _staff_check(cohort=session.cohort, by=by)
    unknown = set(fields) - set(SESSION_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(session, name, value.strip() if isinstance(value, str) else value)
    _session_check(
        cohort=session.cohort,
        topic=session.topic,
        date=session.date,
        start_time=session.start_time,
        end_time=session.end_time,
    )
    session.save(update_fields=[*fields, "updated_at"])
    log(instance=session, action="courses.session.update", user=by)
    _schedule_changed(session.cohort)
    return session


@transaction.atomic
def course_rules_change_log(*, course, old: dict, new: dict, published: bool, by) -> None:
    """Record a change of a course's rules (courses/course_rules.py) with old and new values.
    The change itself is saved by Wagtail's page editor."""
    changes = {name: [old[name], new[name]] for name in old if old[name] != new.get(name)}
    if changes:
        log(
            instance=course,
            action="courses.course.rules_change",
            user=by,
            data={"changes": changes, "published": published},
        )


@transaction.atomic
def session_cancel(*, session: Session, reason: str, by=None) -> Session:
    _staff_check(cohort=session.cohort, by=by)
    reason = (reason or "").strip()
    if session.cancelled:
        raise ValidationError(MSG_ALREADY_CANCELLED)
    if not reason:
        raise ValidationError({"cancellation_reason": MSG_CANCEL_REASON})
    session.cancelled = True
    session.cancellation_reason = reason
    session.save(update_fields=["cancelled", "cancellation_reason", "updated_at"])
    log(instance=session, action="courses.session.cancel", user=by, data={"reason": reason})
    _schedule_changed(session.cohort)
    return session
