"""Writes for mentors: volunteering and its answer, capacity, assignments, refresher notices.
Views, commands and the demo all come through here, and each write goes to the audit log."""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses import selectors as course_selectors
from courses import services as course_services
from courses.models import Cohort, Enrolment
from lms.models import User
from lms.notifications import language_of
from mentors import rules, selectors
from mentors.models import Assignment, MentorProfile, RefresherNotice, VolunteerRequest

logger = logging.getLogger(__name__)

MSG_REFUSALS = {
    rules.NOT_CERTIFIED: _("You can volunteer once you hold a certificate of a vocational course."),
    rules.ALREADY_MENTOR: _("You are already a certified mentor."),
    rules.IN_TRAINING: _("You are already enrolled in a mentor training."),
    rules.PENDING: _("Your request is waiting for an answer from a coordinator."),
}
MSG_MOTIVATION = _("Write a few words about why you want to be a mentor.")
MSG_MOTIVATION_LONG = _("Keep it under 1000 characters.")
MSG_ALREADY_DECIDED = _("This request has already been answered.")
MSG_REASON_REQUIRED = _("Give a reason, so the person knows why.")
MSG_NOT_IN_SCOPE = _("This is outside the regions and cohorts you coordinate.")
MSG_COHORT_NOT_YOURS = _("Choose a mentor-training cohort you coordinate.")
MSG_NOT_A_MENTOR = _("%(mentor)s is not a mentor who may take mentees now.")
MSG_MENTOR_FULL = _("%(mentor)s has no free place (maximum %(max)s mentees).")
MSG_HAS_MENTOR = _("%(mentee)s already has a mentor. End that assignment first.")
MSG_OWN_MENTOR = _("A person cannot be their own mentor.")
MSG_NOT_TRAINEE = _("Only a trainee in an active vocational enrolment can be given a mentor.")
MSG_MAX_MENTEES = _("Enter a number from 0 to 50.")
MSG_ALREADY_ENDED = _("This assignment has already ended.")


def _email(*, person, template: str, context: dict) -> None:
    """Send a short email in the person's own language. A mail server being down must not undo
    the decision: the person also sees it on their dashboard."""
    if not person.email:
        return
    base = settings.SITE_URL
    try:
        with translation.override(language_of(person)):
            context = {"person": person, "mentors_url": base + reverse("mentors:home"), **context}
            subject = render_to_string(f"mentors/email_{template}_subject.txt", context).strip()
            body = render_to_string(f"mentors/email_{template}.txt", context)
        send_mail(subject, body, None, [person.email])
    except Exception:
        logger.exception("Could not email %s about %s", person.pk, template)


# --- Volunteering -----------------------------------------------------------------------------


@transaction.atomic
def volunteer_request_create(*, person, motivation: str) -> VolunteerRequest:
    # Lock the person's row so two clicks at once make one request (the database also keeps
    # one pending request per person).
    User.objects.select_for_update().get(pk=person.pk)
    refusal = selectors.volunteer_facts(person=person).refusal
    if refusal:
        raise ValidationError(MSG_REFUSALS[refusal])
    motivation = (motivation or "").strip()
    if not motivation:
        raise ValidationError({"motivation": MSG_MOTIVATION})
    if len(motivation) > 1000:
        raise ValidationError({"motivation": MSG_MOTIVATION_LONG})
    request = VolunteerRequest.objects.create(person=person, motivation=motivation)
    log(instance=request, action="mentors.volunteer.create", user=person)
    return request


def _scope_check(by, in_scope) -> None:
    """Before acting: `by` (None: the system) finds the object through the scoped selector
    that `in_scope()` asks, as the coordinator's pages do."""
    if by is not None and not in_scope():
        raise ValidationError(MSG_NOT_IN_SCOPE)


def _request_in_scope(request: VolunteerRequest, by):
    return lambda: selectors.volunteer_requests_visible_to(by).filter(pk=request.pk).exists()


def _pending(request: VolunteerRequest) -> VolunteerRequest:
    locked = VolunteerRequest.objects.select_for_update().get(pk=request.pk)
    if locked.status != VolunteerRequest.Status.PENDING:
        raise ValidationError(MSG_ALREADY_DECIDED)
    return locked


@transaction.atomic
def volunteer_request_accept(
    *, request: VolunteerRequest, cohort: Cohort, by, today: datetime.date | None = None
) -> VolunteerRequest:
    """Accept and enrol the person in a mentor-training cohort the coordinator coordinates."""
    _scope_check(by, _request_in_scope(request, by))
    request = _pending(request)
    if not selectors.mentor_training_cohorts_for(by, today=today).filter(pk=cohort.pk).exists():
        raise ValidationError({"cohort": MSG_COHORT_NOT_YOURS})
    enrolment = course_services.enrolment_create(
        learner=request.person, cohort=cohort, enrolled_on=today, by=by
    )
    request.status = VolunteerRequest.Status.ACCEPTED
    request.enrolment = enrolment
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "enrolment", "decided_by", "decided_at"])
    log(instance=request, action="mentors.volunteer.accept", user=by)
    person = request.person
    transaction.on_commit(
        lambda: _email(person=person, template="accepted", context={"cohort": cohort})
    )
    return request


@transaction.atomic
def volunteer_request_decline(*, request: VolunteerRequest, reason: str, by) -> VolunteerRequest:
    _scope_check(by, _request_in_scope(request, by))
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": MSG_REASON_REQUIRED})
    request = _pending(request)
    request.status = VolunteerRequest.Status.DECLINED
    request.decline_reason = reason[:500]
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "decline_reason", "decided_by", "decided_at"])
    log(instance=request, action="mentors.volunteer.decline", user=by)
    person = request.person
    transaction.on_commit(
        lambda: _email(person=person, template="declined", context={"reason": reason})
    )
    return request


# --- Capacity and assignments -----------------------------------------------------------------


def _locked_profile(mentor) -> MentorProfile:
    MentorProfile.objects.get_or_create(mentor=mentor)
    return MentorProfile.objects.select_for_update().get(mentor=mentor)


@transaction.atomic
def mentor_capacity_set(*, mentor, max_mentees, by) -> MentorProfile:
    _scope_check(by, lambda: selectors.mentor_visible(user=by, mentor_id=mentor.pk) is not None)
    try:
        max_mentees = int(max_mentees)
    except (TypeError, ValueError):
        raise ValidationError({"max_mentees": MSG_MAX_MENTEES}) from None
    if not 0 <= max_mentees <= 50:
        raise ValidationError({"max_mentees": MSG_MAX_MENTEES})
    profile = _locked_profile(mentor)
    profile.max_mentees = max_mentees
    profile.save(update_fields=["max_mentees", "updated_at"])
    log(instance=profile, action="mentors.capacity.set", user=by)
    return profile


@transaction.atomic
def assignment_create(
    *, enrolment: Enrolment, mentor, by, today: datetime.date | None = None
) -> Assignment:
    """Give a trainee a mentor. The mentor's profile row is locked while their mentees are
    counted, so two assignments at the same moment cannot go over their capacity; the database
    keeps one current mentor per trainee."""
    _scope_check(
        by,
        lambda: course_selectors.enrolments_coordinated_by(by).filter(pk=enrolment.pk).exists(),
    )
    today = today or timezone.localdate()
    if (
        enrolment.status != Enrolment.Status.ACTIVE
        or enrolment.cohort.course.kind != enrolment.cohort.course.Kind.VOCATIONAL
    ):
        raise ValidationError(MSG_NOT_TRAINEE)
    mentee = enrolment.learner
    if mentor.pk == mentee.pk:
        raise ValidationError(MSG_OWN_MENTOR)
    profile = _locked_profile(mentor)
    standing = selectors.standing_of(person=mentor, today=today)
    if standing is None or not standing.may_mentor or not mentor.is_active:
        raise ValidationError(MSG_NOT_A_MENTOR, params={"mentor": mentor.display_name})
    current = Assignment.objects.filter(mentor=mentor, ended_on__isnull=True).count()
    if not rules.may_assign(
        status=standing.status, max_mentees=profile.max_mentees, current=current
    ):
        raise ValidationError(
            MSG_MENTOR_FULL, params={"mentor": mentor.display_name, "max": profile.max_mentees}
        )
    if Assignment.objects.filter(mentee=mentee, ended_on__isnull=True).exists():
        raise ValidationError(MSG_HAS_MENTOR, params={"mentee": mentee.display_name})
    try:
        with transaction.atomic():
            assignment = Assignment.objects.create(
                mentor=mentor, mentee=mentee, enrolment=enrolment, assigned_by=by, started_on=today
            )
    except IntegrityError as exc:  # a concurrent request gave the trainee a mentor
        raise ValidationError(MSG_HAS_MENTOR, params={"mentee": mentee.display_name}) from exc
    log(instance=assignment, action="mentors.assignment.create", user=by)
    return assignment


@transaction.atomic
def assignment_end(*, assignment: Assignment, by, today: datetime.date | None = None) -> Assignment:
    _scope_check(by, lambda: selectors.assignments_visible_to(by).filter(pk=assignment.pk).exists())
    assignment = Assignment.objects.select_for_update().get(pk=assignment.pk)
    if assignment.ended_on is not None:
        raise ValidationError(MSG_ALREADY_ENDED)
    assignment.ended_on = max(today or timezone.localdate(), assignment.started_on)
    assignment.save(update_fields=["ended_on"])
    log(instance=assignment, action="mentors.assignment.end", user=by)
    return assignment


# --- Refresher notices ------------------------------------------------------------------------


def refresher_notices_send(*, today: datetime.date | None = None) -> int:
    """Tell each mentor whose refresher is due, once per validity period (a completed refresher
    gives a new last valid day, hence a new notice when that one comes near). Returns how many
    were told. Safe to run every day, and twice."""
    today = today or timezone.localdate()
    due = {
        pk: standing
        for pk, (standing, _cohorts) in selectors.standings(today=today).items()
        if standing.status == rules.REFRESHER_DUE
    }
    sent = 0
    for mentor in User.objects.filter(pk__in=list(due), is_active=True).select_related("profile"):
        standing = due[mentor.pk]
        with transaction.atomic():
            notice, created = RefresherNotice.objects.get_or_create(
                mentor=mentor, valid_until=standing.valid_until
            )
            if not created:
                continue
            log(instance=notice, action="mentors.refresher.notice", user=None)
            transaction.on_commit(
                lambda mentor=mentor, standing=standing: _email(
                    person=mentor, template="refresher", context={"standing": standing}
                )
            )
        sent += 1
    return sent
