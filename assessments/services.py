"""Writes for assessments. Views, the admin, commands and the demo all come through here."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from assessments import rules, selectors
from assessments.models import (
    AssessmentTemplate,
    Attempt,
    AttendanceChange,
    AttendanceRecord,
    AttendanceRisk,
    AttendanceStatus,
    AttendanceTally,
    CriterionResult,
    Evidence,
    Review,
)
from assessments.tasks import at_risk_notify
from courses.models import Cohort, Enrolment, Session

# --- Practical assessments ---

MSG_NOT_COHORT_STAFF = _("Only a trainer or coordinator of this learner's cohort can assess.")
MSG_WRONG_COURSE = _("This practical assessment belongs to another course.")
MSG_NOT_ACTIVE = _("This learner's enrolment is not active, so no attempt can be started.")
MSG_ALREADY_PASSED = _("%(learner)s has already passed “%(template)s”: no further attempt.")
MSG_ATTEMPT_OPEN = _(
    "%(learner)s already has an attempt at “%(template)s” in progress. "
    "Finish it and have it reviewed first."
)
MSG_ATTEMPTS_EXHAUSTED = _(
    "%(learner)s has used all %(allowed)s attempts at “%(template)s” that this course allows."
)
MSG_NOT_ASSESSOR = _("Only the assessor who recorded this attempt can change it.")
MSG_NOT_EDITABLE = _("This attempt has been submitted and can no longer be changed.")
MSG_NO_CRITERIA = _("This practical assessment has no criteria yet; a coordinator must add them.")
MSG_UNMARKED = _("Mark every criterion as met or not yet met before submitting.")
MSG_DATE_IN_FUTURE = _("The date of the assessment cannot be in the future.")
MSG_DATE_BEFORE_COHORT_START = _(
    "An assessment cannot be dated before its cohort started. "
    "Enter a date on or after %(date)s, when the cohort started."
)
MSG_DATE_BEFORE_ENROLMENT = _(
    "An assessment cannot be dated before the learner joined the cohort. "
    "Enter a date on or after %(date)s, when %(learner)s enrolled."
)
MSG_COHORT_NOT_STARTED = _(
    "This cohort starts on %(date)s: its learners can be assessed from that day."
)
MSG_NOT_ENROLLED_YET = _(
    "%(learner)s joins the cohort on %(date)s: they can be assessed from that day."
)
MSG_DATE_AFTER_WITHDRAWAL = _(
    "An assessment cannot be dated after the learner withdrew. "
    "Enter a date on or before %(date)s, when %(learner)s withdrew."
)
MSG_ONLY_DRAFT_DISCARDED = _("Only a draft can be discarded; this attempt has been submitted.")
MSG_NOT_SUBMITTED = _("Only an attempt awaiting review can be confirmed.")
MSG_CANNOT_RETURN = _("Only an attempt awaiting review, or a confirmed one, can be returned.")
MSG_REVIEWER_IS_ASSESSOR = _(
    "You assessed this attempt, so you cannot review it. A second person must review it."
)
MSG_REVIEWER_NOT_STAFF = _(
    "Only a trainer or coordinator of this learner's cohort can review this attempt."
)
MSG_RETURN_REASON = _("Say what must be corrected: a returned attempt needs a reason.")
MSG_EVIDENCE_TOO_BIG = _("“%(name)s” is larger than 10 MB. Take a smaller photo or split the PDF.")
MSG_EVIDENCE_TYPE = _("“%(name)s” is not a JPEG or PNG photo or a PDF document.")
MSG_EVIDENCE_BROKEN = _("“%(name)s” looks like an image but cannot be opened. Take it again.")
MSG_EVIDENCE_EMPTY = _("“%(name)s” is empty.")


@dataclass(frozen=True)
class Mark:
    """What an assessor records for one criterion: met is None while not decided."""

    met: bool | None
    comment: str = ""


DATE_MESSAGES = {
    rules.DateRefusal.COHORT_NOT_STARTED: MSG_COHORT_NOT_STARTED,
    rules.DateRefusal.NOT_ENROLLED_YET: MSG_NOT_ENROLLED_YET,
    rules.DateRefusal.IN_FUTURE: MSG_DATE_IN_FUTURE,
    rules.DateRefusal.BEFORE_COHORT_START: MSG_DATE_BEFORE_COHORT_START,
    rules.DateRefusal.BEFORE_ENROLMENT: MSG_DATE_BEFORE_ENROLMENT,
    rules.DateRefusal.AFTER_WITHDRAWAL: MSG_DATE_AFTER_WITHDRAWAL,
}


def _check_assessment_date(
    enrolment: Enrolment, assessed_on: datetime.date, *, field: str | None = None
) -> None:
    """Refuse a date before the learner could be assessed in the cohort, after the learner
    withdrew, or after today; on `field` if given, so that a form shows the message next to the
    date."""
    dates = {"cohort_start": enrolment.cohort.start_date, "enrolled_on": enrolment.enrolled_on}
    refusal = rules.assessment_date_refusal(
        assessed_on=assessed_on,
        withdrawn_on=enrolment.withdrawn_on,
        today=timezone.localdate(),
        **dates,
    )
    if refusal is None:
        return
    day = (
        enrolment.withdrawn_on
        if refusal is rules.DateRefusal.AFTER_WITHDRAWAL
        else rules.assessment_earliest_day(**dates)
    )
    params = {"date": formats.date_format(day, "DATE_FORMAT"), "learner": enrolment.learner}
    error = ValidationError(DATE_MESSAGES[refusal], params=params)
    raise ValidationError({field: error}) if field else error


def _staff_ids(enrolment: Enrolment) -> set[int]:
    return selectors.cohort_staff_ids(cohort=enrolment.cohort)


def _may_act_in_cohort(user, enrolment: Enrolment) -> bool:
    return user.is_superuser or user.pk in _staff_ids(enrolment)


@transaction.atomic
def attempt_start(
    *,
    enrolment: Enrolment,
    template: AssessmentTemplate,
    assessor,
    assessed_on: datetime.date | None = None,
) -> Attempt:
    """Start a draft attempt, refusing a passed assessment, an attempt still open, and attempts
    beyond the course's maximum. The enrolment row is locked so two trainers cannot both start
    the last allowed attempt (on PostgreSQL; SQLite serialises writers anyway)."""
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("cohort__course", "learner__profile")
        .get(pk=enrolment.pk)
    )
    if not _may_act_in_cohort(assessor, enrolment):
        raise ValidationError(MSG_NOT_COHORT_STAFF)
    if template.course_id != enrolment.cohort.course_id:
        raise ValidationError(MSG_WRONG_COURSE)
    if enrolment.status != Enrolment.Status.ACTIVE:
        raise ValidationError(MSG_NOT_ACTIVE)
    criteria = list(template.criteria.order_by("sort_order"))
    if not criteria:
        raise ValidationError(MSG_NO_CRITERIA)
    counts = selectors.attempt_counts(enrolment=enrolment, template=template)
    allowed = enrolment.cohort.course.max_assessment_attempts
    refusal = rules.attempt_start_refusal(attempts_allowed=allowed, **counts)
    params = {"learner": enrolment.learner, "template": template.name, "allowed": allowed}
    if refusal is rules.StartRefusal.ALREADY_PASSED:
        raise ValidationError(MSG_ALREADY_PASSED, params=params)
    if refusal is rules.StartRefusal.ATTEMPT_OPEN:
        raise ValidationError(MSG_ATTEMPT_OPEN, params=params)
    if refusal is rules.StartRefusal.ATTEMPTS_EXHAUSTED:
        raise ValidationError(MSG_ATTEMPTS_EXHAUSTED, params=params)
    assessed_on = assessed_on or timezone.localdate()
    _check_assessment_date(enrolment, assessed_on)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                enrolment=enrolment,
                template=template,
                number=counts["attempts_used"] + 1,
                assessor=assessor,
                assessed_on=assessed_on,
            )
    except IntegrityError as exc:  # the same attempt number was taken at the same moment
        raise ValidationError(MSG_ATTEMPT_OPEN, params=params) from exc
    CriterionResult.objects.bulk_create(
        [CriterionResult(attempt=attempt, criterion=criterion) for criterion in criteria]
    )
    log(instance=attempt, action="assessments.attempt.start", user=assessor)
    return attempt


def _check_editable(attempt: Attempt, by) -> None:
    if attempt.assessor_id != by.pk:
        raise ValidationError(MSG_NOT_ASSESSOR)
    if not attempt.is_editable:
        raise ValidationError(MSG_NOT_EDITABLE)


def _locked(attempt: Attempt) -> Attempt:
    return (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("enrolment__cohort", "template")
        .get(pk=attempt.pk)
    )


@transaction.atomic
def attempt_record(
    *,
    attempt: Attempt,
    by,
    marks: dict[int, Mark],
    feedback: str,
    assessed_on: datetime.date,
) -> Attempt:
    """Save what the assessor observed, criterion by criterion (a draft: nothing is final)."""
    attempt = _locked(attempt)
    _check_editable(attempt, by)
    _check_assessment_date(attempt.enrolment, assessed_on, field="assessed_on")
    results = list(attempt.results.all())
    for result in results:
        mark = marks.get(result.criterion_id)
        if mark is not None:
            result.met = mark.met
            result.comment = mark.comment.strip()
    CriterionResult.objects.bulk_update(results, ["met", "comment"])
    attempt.feedback = feedback.strip()
    attempt.assessed_on = assessed_on
    attempt.save(update_fields=["feedback", "assessed_on", "updated_at"])
    return attempt


def evidence_check(upload) -> str:
    """The content type of an uploaded file, judged by its content; raises on anything else."""
    name = getattr(upload, "name", "") or ""
    size = upload.size
    if size == 0:
        raise ValidationError(MSG_EVIDENCE_EMPTY, params={"name": name})
    if size > rules.EVIDENCE_MAX_BYTES:
        raise ValidationError(MSG_EVIDENCE_TOO_BIG, params={"name": name})
    upload.seek(0)
    content_type = rules.evidence_content_type(upload.read(16))
    upload.seek(0)
    if content_type is None:
        raise ValidationError(MSG_EVIDENCE_TYPE, params={"name": name})
    if content_type.startswith("image/"):
        from PIL import Image, UnidentifiedImageError

        try:
            with Image.open(upload) as image:
                image.verify()
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
            raise ValidationError(MSG_EVIDENCE_BROKEN, params={"name": name}) from exc
        finally:
            upload.seek(0)
    return content_type


@transaction.atomic
def evidence_add(*, attempt: Attempt, upload, by) -> Evidence:
    """Attach a photo or PDF to an attempt still being recorded."""
    attempt = _locked(attempt)
    _check_editable(attempt, by)
    content_type = evidence_check(upload)
    evidence = Evidence(
        attempt=attempt,
        original_name=(getattr(upload, "name", "") or "")[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by,
    )
    evidence.file.save("evidence", upload, save=False)
    try:
        evidence.save()
    except Exception:
        evidence.file.delete(save=False)
        raise
    return evidence


@transaction.atomic
def evidence_remove(*, evidence: Evidence, by) -> None:
    attempt = _locked(evidence.attempt)
    _check_editable(attempt, by)
    stored = evidence.file.name
    evidence.delete()
    # Remove the file only once the row is gone for good.
    transaction.on_commit(lambda: Evidence.file.field.storage.delete(stored))


@transaction.atomic
def attempt_discard(*, attempt: Attempt, by) -> None:
    """Throw away a draft started by mistake, so it does not use up one of the attempts.
    Anything submitted stays: it is part of the learner's record."""
    attempt = _locked(attempt)
    if attempt.assessor_id != by.pk:
        raise ValidationError(MSG_NOT_ASSESSOR)
    if attempt.status != Attempt.Status.DRAFT:
        raise ValidationError(MSG_ONLY_DRAFT_DISCARDED)
    stored = [evidence.file.name for evidence in attempt.evidence.all()]
    log(instance=attempt, action="assessments.attempt.discard", user=by)
    attempt.evidence.all().delete()
    attempt.results.all().delete()
    attempt.delete()
    storage = Evidence.file.field.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in stored])


@transaction.atomic
def attempt_submit(*, attempt: Attempt, by) -> Attempt:
    """Hand the attempt to a second person. The outcome is computed here from the criteria."""
    attempt = _locked(attempt)
    _check_editable(attempt, by)
    results = list(attempt.results.select_related("criterion"))
    marks = [rules.CriterionMark(mandatory=r.criterion.mandatory, met=r.met) for r in results]
    if not rules.marks_complete(marks):
        raise ValidationError(MSG_UNMARKED)
    passed = rules.practical_passed(marks=marks, min_share_met=attempt.template.min_share_met)
    attempt.outcome = Attempt.Outcome.PASS if passed else Attempt.Outcome.NOT_YET
    attempt.status = Attempt.Status.SUBMITTED
    attempt.submitted_at = timezone.now()
    attempt.save(update_fields=["outcome", "status", "submitted_at", "updated_at"])
    log(instance=attempt, action="assessments.attempt.submit", user=by)
    return attempt


def _check_reviewer(attempt: Attempt, reviewer) -> None:
    if reviewer.pk == attempt.assessor_id:
        raise ValidationError(MSG_REVIEWER_IS_ASSESSOR)
    staff = _staff_ids(attempt.enrolment)
    if reviewer.is_superuser:
        staff.add(reviewer.pk)
    if not rules.reviewer_allowed(
        reviewer_id=reviewer.pk, assessor_id=attempt.assessor_id, cohort_staff_ids=staff
    ):
        raise ValidationError(MSG_REVIEWER_NOT_STAFF)


@transaction.atomic
def attempt_confirm(*, attempt: Attempt, reviewer, comment: str = "") -> Review:
    """A second person confirms a submitted attempt: from now on its outcome counts."""
    attempt = _locked(attempt)
    _check_reviewer(attempt, reviewer)
    if attempt.status != Attempt.Status.SUBMITTED:
        raise ValidationError(MSG_NOT_SUBMITTED)
    review = Review.objects.create(
        attempt=attempt,
        reviewer=reviewer,
        decision=Review.Decision.CONFIRMED,
        comment=comment.strip(),
    )
    attempt.status = Attempt.Status.CONFIRMED
    attempt.save(update_fields=["status", "updated_at"])
    log(instance=attempt, action="assessments.attempt.review", user=reviewer)
    return review


@transaction.atomic
def attempt_return(*, attempt: Attempt, reviewer, reason: str) -> Review:
    """Send an attempt back to its assessor for correction, with the reason. Returning a
    confirmed attempt is a correction: the earlier confirmation stays on record, but the
    attempt no longer counts until it is corrected, submitted and confirmed again."""
    attempt = _locked(attempt)
    _check_reviewer(attempt, reviewer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"comment": MSG_RETURN_REASON})
    if attempt.status not in (Attempt.Status.SUBMITTED, Attempt.Status.CONFIRMED):
        raise ValidationError(MSG_CANNOT_RETURN)
    review = Review.objects.create(
        attempt=attempt,
        reviewer=reviewer,
        decision=Review.Decision.RETURNED,
        comment=reason,
        is_correction=attempt.status == Attempt.Status.CONFIRMED,
    )
    attempt.status = Attempt.Status.RETURNED
    attempt.save(update_fields=["status", "updated_at"])
    log(instance=attempt, action="assessments.attempt.return", user=reviewer)
    return review


# --- Attendance ---
# Writes for assessments. Views, commands and tasks all come through here.
MSG_SESSION_CANCELLED = _("This session is cancelled: there is no roll call to take.")
MSG_SESSION_NOT_YET = _("The roll call can be taken from the day of the session, not before.")
MSG_NOT_ON_ROLL_CALL = _("A learner in this request is not on this session's roll call.")
MSG_STATUS_INVALID = _("Choose Present, Late, Excused or Absent.")
MSG_NOTE_TOO_LONG = _("Keep the note under %(limit)s characters.")

NOTE_LIMIT = AttendanceRecord._meta.get_field("note").max_length


@dataclass(frozen=True)
class RollCallEntry:
    """One line of a submitted roll call. `version` is the record's version the form was built
    from, 0 if it showed no record."""

    enrolment_id: int
    status: str
    note: str = ""
    version: int = 0


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


def _check_entries(entries: list[RollCallEntry]) -> None:
    for entry in entries:
        if entry.status not in rules.STATUSES:
            raise ValidationError(MSG_STATUS_INVALID)
        if len(entry.note) > NOTE_LIMIT:
            raise ValidationError(MSG_NOTE_TOO_LONG, params={"limit": NOTE_LIMIT})


def _records_update(
    records: list[AttendanceRecord], *, notes_changed: list[AttendanceRecord], by, now
) -> None:
    """Write changed records in a few statements: one per status and one for the common fields,
    plus the changed notes (a CASE statement per field and row, as bulk_update builds, is slow
    for a roll call of hundreds)."""
    if not records:
        return
    pks = [r.pk for r in records]
    AttendanceRecord.objects.filter(pk__in=pks).update(
        recorded_by=by, recorded_at=now, version=F("version") + 1
    )
    for status in rules.STATUSES:
        same = [r.pk for r in records if r.status == status]
        if same:
            AttendanceRecord.objects.filter(pk__in=same).update(status=status)
    AttendanceRecord.objects.bulk_update(notes_changed, ["note"])


@transaction.atomic
def roll_call_save(
    *, session: Session, entries: list[RollCallEntry], by, today: datetime.date | None = None
) -> RollCallOutcome:
    """Save a roll call in one transaction: all of it, or, if anyone changed one of its records
    since the form was shown, none of it (RollCallConflictError says which, with both values),
    so that a second person never silently overwrites the first."""
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
    _check_entries(entries)
    on_roll = set(selectors.roll_call_enrolments(session=session).values_list("pk", flat=True))
    if any(entry.enrolment_id not in on_roll for entry in entries):
        raise ValidationError(MSG_NOT_ON_ROLL_CALL)

    existing = {
        r.enrolment_id: r
        for r in AttendanceRecord.objects.select_for_update().filter(session=session)
    }
    conflicts = []
    for entry in entries:
        current = existing.get(entry.enrolment_id)
        current_version = current.version if current else 0
        same_now = current is not None and (current.status, current.note) == (
            entry.status,
            entry.note,
        )
        if current_version != entry.version and not same_now:
            conflicts.append(RollCallConflict(entry, current))
    if conflicts:
        raise RollCallConflictError(conflicts)

    now = timezone.now()
    to_create, to_update, notes_changed, changes = [], [], [], []
    for entry in entries:
        record = existing.get(entry.enrolment_id)
        if record is None:
            to_create.append(
                AttendanceRecord(
                    session=session,
                    enrolment_id=entry.enrolment_id,
                    status=entry.status,
                    note=entry.note,
                    recorded_by=by,
                    recorded_at=now,
                )
            )
        elif (record.status, record.note) != (entry.status, entry.note):
            changes.append(
                AttendanceChange(
                    record=record,
                    old_status=record.status,
                    new_status=entry.status,
                    old_note=record.note,
                    new_note=entry.note,
                    changed_by=by,
                    changed_at=now,
                )
            )
            if record.note != entry.note:
                notes_changed.append(record)
            record.status, record.note = entry.status, entry.note
            record.recorded_by, record.recorded_at = by, now
            record.version += 1
            to_update.append(record)
    created = AttendanceRecord.objects.bulk_create(to_create)
    changes += [
        AttendanceChange(
            record=record,
            new_status=record.status,
            new_note=record.note,
            changed_by=by,
            changed_at=now,
        )
        for record in created
    ]
    _records_update(to_update, notes_changed=notes_changed, by=by, now=now)
    AttendanceChange.objects.bulk_create(changes)
    if created or to_update:
        attendance_tallies_refresh(
            enrolments=Enrolment.objects.filter(
                pk__in=[r.enrolment_id for r in (*created, *to_update)]
            )
        )

    outcome = RollCallOutcome(
        created=len(created),
        changed=len(to_update),
        unchanged=len(entries) - len(created) - len(to_update),
    )
    if created or to_update:
        log(
            instance=session,
            action="lms.attendance.roll_call",
            user=by,
            data={"created": outcome.created, "changed": outcome.changed},
        )
        attendance_risks_refresh(cohort=session.cohort, as_of=today)
    return outcome


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
    if newly_at_risk:
        transaction.on_commit(lambda: at_risk_notify.enqueue(enrolment_ids=newly_at_risk))
    return newly_at_risk


# No savepoint of its own: a roll call calls it in its transaction, and fails or succeeds whole.
@transaction.atomic(savepoint=False)
def attendance_tallies_refresh(*, enrolments: QuerySet[Enrolment]) -> dict[int, tuple[int, ...]]:
    """Recount the attendance tallies (`AttendanceTally`) of `enrolments` from their records, in
    the caller's transaction; returns the counts written, per enrolment id, in the order of
    `rules.STATUSES`. Whatever writes attendance records calls this after writing them: the roll
    call, and the paths that write a history in bulk (the demo, the benchmarks, `manage.py
    attendance_tallies_rebuild`).

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
