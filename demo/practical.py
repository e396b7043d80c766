"""Demo practical assessments: a checklist for every course and attempts in every state.

`seed(*, today, stdout)` runs after the core demo and finds its courses, cohorts and people by name.
Idempotent: templates are looked up by course and name, and an enrolment that already has attempts
at a template is left alone. Every write goes through assessments.practical.services, so the demo
follows the same rules (second reviewer, attempt limits) as the site.
"""

import datetime
import io

from django.core.files.base import ContentFile

from assessments.models import AssessmentTemplate, Attempt, Criterion
from assessments.practical import rules, services
from courses.models import Cohort, CoursePage, Enrolment
from demo.checklists import MISSED, NOT_YET_FEEDBACK, PASS_FEEDBACK, SPANISH, TEMPLATES
from demo.people import RETAIL_DONE_STORY
from lms.models import User

# What each learner of a running bakery cohort gets, in enrolment order after `learner`.
BAKERY_STATES = ["pass", "submitted", "draft", "returned", "submitted_by_coordinator", "resit"]
# Learners of other cohorts that have started: a few states each; the rest await a first attempt.
RUNNING_STATES = ["pass", "submitted", "not_yet", "draft"]
# A finished cohort: most passed, one not yet.
FINISHED_STATES = ["pass", "pass", "not_yet", "pass"]


def demo_photo(colour=(196, 148, 92)) -> bytes:
    """A small generated PNG standing in for a photo of the work."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (96, 64), (240, 232, 220))
    ImageDraw.Draw(image).ellipse((12, 14, 84, 54), fill=colour, outline=(120, 80, 40))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _template(course: CoursePage, spec: dict) -> AssessmentTemplate:
    spanish = SPANISH[course.title]
    template, created = AssessmentTemplate.objects.get_or_create(
        course=course,
        name=spec["name"],
        defaults={
            "name_es": spanish["name"],
            "learner_instructions": spec["learner_instructions"],
            "learner_instructions_es": spanish["learner_instructions"],
            "assessor_instructions_es": spanish["assessor_instructions"],
            "assessor_instructions": spec["assessor_instructions"],
            "min_share_met": spec["min_share_met"],
            "required_for_certification": True,
        },
    )
    if created:
        Criterion.objects.bulk_create(
            [
                Criterion(
                    template=template,
                    statement=statement,
                    statement_es=statement_es,
                    guidance=guidance,
                    guidance_es=guidance_es,
                    mandatory=mandatory,
                    sort_order=i,
                )
                for i, ((statement, guidance, mandatory), (statement_es, guidance_es)) in enumerate(
                    zip(spec["criteria"], spanish["criteria"], strict=True)
                )
            ]
        )
    return template


def _marks(template: AssessmentTemplate, *, passing: bool, course_title: str):
    criteria = list(template.criteria.order_by("sort_order"))
    missed = MISSED[course_title]
    marks = {}
    for i, criterion in enumerate(criteria):
        met = (not criterion.mandatory and i % 2 == 0) or criterion.mandatory
        if not passing and i == missed:
            met = False
        comment = "" if met else "Not seen this time."
        marks[criterion.pk] = services.Mark(met=met, comment=comment)
    return marks


def _attempt(enrolment, template, *, assessor, on, passing, course_title, photo) -> Attempt:
    attempt = services.attempt_start(
        enrolment=enrolment, template=template, assessor=assessor, assessed_on=on
    )
    feedback = (PASS_FEEDBACK if passing else NOT_YET_FEEDBACK)[course_title]
    services.attempt_record(
        attempt=attempt,
        by=assessor,
        marks=_marks(template, passing=passing, course_title=course_title),
        feedback=feedback,
        assessed_on=on,
    )
    if photo:
        services.evidence_add(
            attempt=attempt,
            upload=ContentFile(demo_photo(), name="demo-photo.png"),
            by=assessor,
        )
    return attempt


def _play(state, enrolment, template, *, assessor, reviewer, today, course_title) -> None:
    """Bring one learner's attempts at a template into the named state."""
    cohort = enrolment.cohort
    # Not before the cohort started, nor before a learner who joined late enrolled.
    first_day = rules.assessment_earliest_day(
        cohort_start=cohort.start_date, enrolled_on=enrolment.enrolled_on
    )
    last_day = min(today, cohort.end_date)
    on = max(first_day, last_day - datetime.timedelta(days=7))
    photo = course_title != "Mentor Training"  # no photos of people in a conversation
    common = {"template": template, "course_title": course_title, "photo": photo}

    def submitted(by, passing, day=on):
        attempt = _attempt(enrolment, assessor=by, on=day, passing=passing, **common)
        services.attempt_submit(attempt=attempt, by=by)
        return attempt

    if state == "draft":
        _attempt(enrolment, assessor=assessor, on=last_day, passing=True, **common)
    elif state == "submitted":
        submitted(assessor, True)
    elif state == "submitted_by_coordinator":
        submitted(reviewer, True)
    elif state in ("pass", "not_yet"):
        attempt = submitted(assessor, state == "pass")
        services.attempt_confirm(attempt=attempt, reviewer=reviewer)
    elif state == "returned":
        attempt = submitted(assessor, True)
        services.attempt_return(
            attempt=attempt,
            reviewer=reviewer,
            reason="Add a photo of a cut loaf so the crumb can be seen, then submit again.",
        )
    elif state == "resit":
        first = submitted(assessor, False, max(first_day, on - datetime.timedelta(days=14)))
        services.attempt_confirm(attempt=first, reviewer=reviewer)
        second = submitted(assessor, True)
        services.attempt_confirm(attempt=second, reviewer=reviewer)


def _staff(cohort: Cohort) -> tuple[User | None, User | None]:
    """An assessor (a trainer if there is one) and a different person to review."""
    trainers = list(cohort.trainers.order_by("pk"))
    coordinators = list(cohort.coordinators.order_by("pk"))
    assessor = (trainers or coordinators or [None])[0]
    reviewer = next((p for p in coordinators + trainers if p != assessor), None)
    return assessor, reviewer


def _states_for(cohort: Cohort, enrolments: list[Enrolment], *, today) -> list[str | None]:
    if cohort.course.title == "Artisan Baking" and any(
        e.learner.username == "learner" for e in enrolments
    ):
        # `learner` has a reviewed 'not yet' and awaits a re-sit, so the demo shows the whole
        # journey: the trainer records the re-sit with a photo, the coordinator confirms it.
        others = iter(BAKERY_STATES)
        return [
            "not_yet" if e.learner.username == "learner" else next(others, None) for e in enrolments
        ]
    if cohort.name == RETAIL_DONE_STORY["cohort"] and cohort.end_date < today:
        # The finished cohort `coordinator` certifies: everyone passed, bar the named 'not yet'.
        not_yet = RETAIL_DONE_STORY["practical_not_yet"]
        return ["not_yet" if e.learner.username in not_yet else "pass" for e in enrolments]
    states = FINISHED_STATES if cohort.end_date < today else RUNNING_STATES
    return [states[i] if i < len(states) else None for i in range(len(enrolments))]


def seed(*, today: datetime.date, stdout) -> None:
    templates = 0
    attempts_before = Attempt.objects.count()
    for title, spec in TEMPLATES.items():
        course = CoursePage.objects.filter(title=title).first()
        if course is None:
            stdout.write(f"Practical assessments: no course '{title}', skipped.")
            continue
        template = _template(course, spec)
        templates += 1
        for cohort in Cohort.objects.filter(course=course, start_date__lte=today).order_by("pk"):
            assessor, reviewer = _staff(cohort)
            if assessor is None or reviewer is None:
                continue  # a review needs a second person
            # Completed (certified) enrolments too, so that a re-run deals the same states.
            enrolments = list(
                cohort.enrolments.exclude(status=Enrolment.Status.WITHDRAWN)
                .select_related("learner", "cohort__course")
                .order_by("enrolled_on", "pk")
            )
            for enrolment, state in zip(
                enrolments, _states_for(cohort, enrolments, today=today), strict=True
            ):
                if state is None or enrolment.attempts.filter(template=template).exists():
                    continue
                _play(
                    state,
                    enrolment,
                    template,
                    assessor=assessor,
                    reviewer=reviewer,
                    today=today,
                    course_title=title,
                )
    stdout.write(
        f"Practical assessments: {templates} checklists, "
        f"{Attempt.objects.count() - attempts_before} new attempts."
    )
