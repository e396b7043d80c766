"""Writes for attendance. Views, commands and tasks all come through here."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from assessments import notifications
from assessments.attendance import rules, selectors
from assessments.attendance.rules import RollCallEntry
from assessments.attendance.tasks import at_risk_notify, margin_nudges_task
from assessments.models import (
    AttendanceChange,
    AttendanceRecord,
    AttendanceRisk,
    AttendanceStatus,
    AttendanceTally,
)
from courses.models import Cohort, Enrolment, Session
from courses.services import MSG_OWN_ENROLMENT
from lms.notifications import page_titles
from lms.services import notifications_send

MSG_SESSION_CANCELLED = _("This session is cancelled: there is no roll call to take.")
MSG_SESSION_NOT_YET = _("The roll call can be taken from the day of the session, not before.")
MSG_NOT_ON_ROLL_CALL = _("A learner in this request is not on this session's roll call.")
MSG_STATUS_INVALID = _("Choose Present, Late, Excused or Absent.")
MSG_NOTE_TOO_LONG = _("Keep the note under %(limit)s characters.")

NOTE_LIMIT = AttendanceRecord._meta.get_field("note").max_length


@dataclass(frozen=True)
class RollCallConflict:
    """Someone else changed this record after the form was shown."""

    entry: RollCallEntry
    current: AttendanceRecord

    @property
    def chosen_label(self) -> str:
        return AttendanceStatus(self.entry.status).label


class RollCallConflictError(Exception):
    def __init__(self, conflicts: list[RollCallConflict]):
        super().__init__(f"{len(conflicts)} record(s) changed meanwhile")
        self.conflicts = conflicts


@dataclass(frozen=True)
class RollCallOutcome:
    created: int
    changed: int
    unchanged: int


def _records_update(
    records: list[AttendanceRecord], *, notes_changed: list[AttendanceRecord], by, now
) -> None:
    """Write changed records in a few statements: one per status and one for the common fields,
    plus the changed notes (a CASE statement per field and row, as bulk_update builds, is slow
    for a roll call of hundreds)."""
    if not records:
        return
    pks = [r.pk for r in records]
    # Staff's save: a learner's own check-in among them is confirmed or overturned.
    AttendanceRecord.objects.filter(pk__in=pks).update(
        recorded_by=by, recorded_at=now, version=F("version") + 1, self_checked_in=False
    )
    for status in rules.STATUSES:
        same = [r.pk for r in records if r.status == status]
        if same:
            AttendanceRecord.objects.filter(pk__in=same).update(status=status)
    AttendanceRecord.objects.bulk_update(notes_changed, ["note"])


PLAN_MESSAGES = {
    rules.RollCallRefusal.STATUS_INVALID: MSG_STATUS_INVALID,
    rules.RollCallRefusal.NOTE_TOO_LONG: MSG_NOTE_TOO_LONG,
    rules.RollCallRefusal.NOT_ON_ROLL_CALL: MSG_NOT_ON_ROLL_CALL,
    rules.RollCallRefusal.OWN_ENROLMENT: MSG_OWN_ENROLMENT,
}


@transaction.atomic
def roll_call_save(
    *, session: Session, entries: list[RollCallEntry], by, today: datetime.date | None = None
) -> RollCallOutcome:
    """Save a roll call in one transaction: all of it, or, if anyone changed one of its records
    since the form was shown, none of it (RollCallConflictError says which, with both values),
    so that a second person never silently overwrites the first. What changes is planned by
    `rules.roll_call_plan`; this checks the session, gathers the plan's facts and applies it."""
    today = today or timezone.localdate()
    # Lock the session: two roll calls of one session are saved one after the other.
    session = Session.objects.select_for_update().select_related("cohort").get(pk=session.pk)
    if session.cancelled:
        raise ValidationError(MSG_SESSION_CANCELLED)
    if session.date > today:
        raise ValidationError(MSG_SESSION_NOT_YET)
    entries = [
        RollCallEntry(e.enrolment_id, e.status, (e.note or "").strip(), e.version) for e in entries
    ]
    on_roll = dict(selectors.roll_call_enrolments(session=session).values_list("pk", "learner_id"))
    existing = {
        r.enrolment_id: r
        for r in AttendanceRecord.objects.select_for_update().filter(session=session)
    }
    plan = rules.roll_call_plan(
        entries=entries,
        records={
            pk: rules.RecordState(r.status, r.note, r.version, r.self_checked_in)
            for pk, r in existing.items()
        },
        on_roll=set(on_roll),
        own_enrolment_ids={pk for pk, learner_id in on_roll.items() if learner_id == by.pk},
        note_limit=NOTE_LIMIT,
    )
    if plan.refusal is not None:
        raise ValidationError(PLAN_MESSAGES[plan.refusal], params={"limit": NOTE_LIMIT})
    if plan.conflicts:
        raise RollCallConflictError(
            [RollCallConflict(entry, existing[entry.enrolment_id]) for entry in plan.conflicts]
        )
    _roll_call_apply(session=session, plan=plan, existing=existing, by=by)
    if plan.audit is not None:
        log(instance=session, action="assessments.attendance.roll_call", user=by, data=plan.audit)
        attendance_risks_refresh(cohort=session.cohort, as_of=today)
    return RollCallOutcome(
        created=len(plan.create), changed=len(plan.change), unchanged=plan.unchanged
    )


def _roll_call_apply(*, session: Session, plan: rules.RollCallPlan, existing: dict, by) -> None:
    """Write a planned roll call: its records, their history and their learners' tallies."""
    now = timezone.now()
    created = AttendanceRecord.objects.bulk_create(
        AttendanceRecord(
            session=session,
            enrolment_id=entry.enrolment_id,
            status=entry.status,
            note=entry.note,
            recorded_by=by,
            recorded_at=now,
        )
        for entry in plan.create
    )
    changes = [
        AttendanceChange(
            record=record,
            new_status=record.status,
            new_note=record.note,
            changed_by=by,
            changed_at=now,
        )
        for record in created
    ]
    to_update, notes_changed = [], []
    for entry, before in plan.change:
        record = existing[entry.enrolment_id]
        changes.append(
            AttendanceChange(
                record=record,
                old_status=before.status,
                new_status=entry.status,
                old_note=before.note,
                new_note=entry.note,
                changed_by=by,
                changed_at=now,
            )
        )
        if before.note != entry.note:
            notes_changed.append(record)
        record.status, record.note = entry.status, entry.note
        record.recorded_by, record.recorded_at = by, now
        record.version += 1
        record.self_checked_in = False
        to_update.append(record)
    _records_update(to_update, notes_changed=notes_changed, by=by, now=now)
    AttendanceChange.objects.bulk_create(changes)
    if created or to_update:
        attendance_tallies_refresh(
            enrolments=Enrolment.objects.filter(
                pk__in=[r.enrolment_id for r in (*created, *to_update)]
            )
        )


@transaction.atomic
def attendance_risks_refresh(*, cohort: Cohort, as_of: datetime.date | None = None) -> list[int]:
    """Re-evaluate who in the cohort is at risk of missing the attendance threshold and keep the
    state. Coordinators are told (after commit) only about learners whose state just became
    'at risk'; a learner who stays at risk is not reported again. Returns those enrolment ids.

    One refresh of a cohort at a time (its row locked; a roll call save holds it already): two
    at once would each find no state for a learner and both create one, or write figures
    worked out without the other's records."""
    list(Cohort.objects.select_for_update().filter(pk=cohort.pk).values_list("pk"))
    summaries = selectors.attendance_summaries(cohort=cohort, as_of=as_of)
    states = {
        state.enrolment_id: state
        for state in AttendanceRisk.objects.select_for_update().filter(enrolment__cohort=cohort)
    }
    now = timezone.now()
    to_create, newly_at_risk, back_on_track, flipped_to_risk, figures_changed = [], [], [], [], []
    threshold = cohort.course.attendance_threshold
    threshold_changed = [s.pk for s in states.values() if s.threshold != threshold]
    for enrolment_id, summary in summaries.items():
        state = states.get(enrolment_id)
        if state is None:
            if summary.at_risk:
                to_create.append(
                    AttendanceRisk(
                        enrolment_id=enrolment_id,
                        at_risk=True,
                        best_reachable=summary.best_reachable,
                        threshold=summary.threshold,
                        changed_at=now,
                    )
                )
                newly_at_risk.append(enrolment_id)
            continue
        if state.at_risk and not summary.at_risk:
            back_on_track.append(state.pk)
            continue
        if summary.at_risk and not state.at_risk:
            newly_at_risk.append(enrolment_id)
            flipped_to_risk.append(state.pk)
        # The figures shown on the at-risk list; a learner on track is shown live, never from here.
        if summary.at_risk and state.best_reachable != summary.best_reachable:
            state.best_reachable = summary.best_reachable
            figures_changed.append(state)
    # A few statements whatever the cohort's size: one per kind of change.
    AttendanceRisk.objects.bulk_create(to_create)
    AttendanceRisk.objects.filter(pk__in=back_on_track).update(at_risk=False, changed_at=now)
    AttendanceRisk.objects.filter(pk__in=flipped_to_risk).update(
        at_risk=True, changed_at=now, notified_at=None
    )
    AttendanceRisk.objects.bulk_update(figures_changed, ["best_reachable"])
    AttendanceRisk.objects.filter(pk__in=threshold_changed).update(threshold=threshold)
    # Early nudges ("you can miss at most N more sessions"), from the same figures, after commit.
    transaction.on_commit(lambda: margin_nudges_task.enqueue(cohort_id=cohort.pk), robust=True)
    if newly_at_risk:
        transaction.on_commit(lambda: at_risk_notify.enqueue(enrolment_ids=newly_at_risk))
        _learners_tell_at_risk(cohort=cohort, summaries=summaries, enrolment_ids=newly_at_risk)
    return newly_at_risk


def _learners_tell_at_risk(*, cohort: Cohort, summaries: dict, enrolment_ids: list[int]) -> None:
    """Each learner who just became at risk is told, with what it would take to recover: the
    sessions they would need beyond those left (the attendance rules' figures)."""
    sent = []
    # Whom to talk to: the cohort's coordinators, by name (DOMAIN.md: the learner's own staff).
    coordinators = ", ".join(
        sorted(c.display_name for c in cohort.coordinators.select_related("profile"))
    )
    for enrolment in Enrolment.objects.filter(pk__in=enrolment_ids).select_related("learner"):
        summary = summaries[enrolment.pk]
        params = {
            "course": cohort.course.title,
            **page_titles(course=cohort.course),
            "enrolment_id": enrolment.pk,
            "best": str(summary.best_reachable),
            "threshold": summary.threshold,
            "short": max((summary.sessions_needed or 0) - summary.remaining, 0),
            "coordinators": coordinators,
        }
        sent.append((enrolment.learner, params))
    notifications_send(kind=notifications.ATTENDANCE_AT_RISK, sent=sent)


@transaction.atomic
def attendance_records_write(
    *, records: list[AttendanceRecord], batch_size: int | None = None
) -> list[AttendanceRecord]:
    """Write a history of attendance records in bulk (the demo, the benchmarks, test data), and
    recount their enrolments' tallies in the same transaction, as the roll call does: the one
    other way records are written, so that no caller can forget the tallies."""
    created = AttendanceRecord.objects.bulk_create(records, batch_size=batch_size)
    attendance_tallies_refresh(
        enrolments=Enrolment.objects.filter(pk__in={r.enrolment_id for r in created})
    )
    return created


# No savepoint of its own: a roll call calls it in its transaction, and fails or succeeds whole.
@transaction.atomic(savepoint=False)
def attendance_tallies_refresh(*, enrolments: QuerySet[Enrolment]) -> dict[int, tuple[int, ...]]:
    """Recount the attendance tallies (`AttendanceTally`) of `enrolments` from their records, in
    the caller's transaction; returns the counts written, per enrolment id, in the order of
    `rules.STATUSES`. Whatever writes attendance records calls this after writing them: the roll
    call, the bulk history (`attendance_records_write`) and `manage.py
    attendance_tallies_rebuild`.

    Recounting rather than adding to the counts keeps a tally right whatever it held before.
    The enrolments' cohorts are locked first, in order: a roll call locks its session's cohort
    too, so two writers of one cohort's records recount one after the other, and the second
    (each statement seeing what was committed before it, PostgreSQL's default READ COMMITTED)
    counts the first's records. Three statements (lock, count, write) whatever the number of
    enrolments, the write split in batches on SQLite."""
    list(
        Cohort.objects.select_for_update()
        .filter(pk__in=enrolments.values("cohort_id"))
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Records at a session of the enrolment's own cohort, as every attendance figure counts them.
    own = Q(attendance_records__session__cohort=F("cohort"))
    counts = {
        pk: tuple(counted)
        for pk, *counted in enrolments.order_by()
        .annotate(
            **{
                status: Count(
                    "attendance_records", filter=own & Q(attendance_records__status=status)
                )
                for status in rules.STATUSES
            }
        )
        .values_list("pk", *rules.STATUSES)
    }
    AttendanceTally.objects.bulk_create(
        [
            AttendanceTally(enrolment_id=pk, **dict(zip(rules.STATUSES, counted, strict=True)))
            for pk, counted in counts.items()
        ],
        update_conflicts=True,
        unique_fields=["enrolment"],
        update_fields=list(rules.STATUSES),
    )
    return counts
