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
from demo.people import RETAIL_DONE_STORY
from lms.models import User

MANDATORY, OPTIONAL = True, False

TEMPLATES = {
    "Artisan Baking": {
        "name": "Bake a batch of bread",
        "learner_instructions": (
            "Make six white loaves from the recipe on your bench: weigh, mix, knead, prove, "
            "shape and bake them. You have three hours. Keep your bench clean as you go, and "
            "tell the assessor when the loaves are out of the oven."
        ),
        "assessor_instructions": (
            "Set out the recipe, ingredients and a clean bench. Observe from weighing to cooling "
            "without helping; step in only for safety. Photograph the shaped dough and the "
            "finished loaves, including one cut open."
        ),
        "min_share_met": None,
        "criteria": [
            (
                "Follows food hygiene: hands washed, hair covered, bench and tools clean",
                "Hands washed before starting and after touching waste; no jewellery; surfaces "
                "cleaned before and after.",
                MANDATORY,
            ),
            (
                "Weighs every ingredient accurately to the recipe",
                "Within 2% of each quantity; uses the tare on the scales.",
                MANDATORY,
            ),
            (
                "Develops the dough to a good gluten structure",
                "Smooth, elastic dough that passes the windowpane test.",
                MANDATORY,
            ),
            (
                "Shapes even loaves with good surface tension",
                "Loaves within 10% of each other's weight; tight skin, seam underneath.",
                MANDATORY,
            ),
            (
                "Proves and bakes the loaves to the right colour and core temperature",
                "Even golden crust, hollow sound when tapped, core at least 92 °C.",
                MANDATORY,
            ),
            (
                "Uses the oven and hot trays safely",
                "Dry oven gloves; trays never left on edges.",
                MANDATORY,
            ),
            (
                "Keeps to time and cleans down the workstation",
                "Finishes within three hours; bench, tools and floor left clean.",
                OPTIONAL,
            ),
        ],
    },
    "Organic Farming": {
        "name": "Prepare and plant a vegetable bed",
        "learner_instructions": (
            "Prepare one bed of the market garden and plant it with the seedlings you are given. "
            "Explain to the assessor what you check and why as you work."
        ),
        "assessor_instructions": (
            "Give the learner a bed, compost, seedlings and hand tools. Ask why at each step. "
            "Photograph the finished bed. At least 80% of all criteria must be met."
        ),
        "min_share_met": 80,
        "criteria": [
            (
                "Checks soil moisture and structure before working the bed",
                "Squeeze test or spade test; does not dig waterlogged soil.",
                MANDATORY,
            ),
            (
                "Uses hand tools safely and correctly",
                "Straight back, tools carried safely.",
                MANDATORY,
            ),
            (
                "Works in compost at the right rate",
                "About one full wheelbarrow for a 10 m² bed, mixed into the top layer.",
                MANDATORY,
            ),
            (
                "Plants at the correct spacing and depth",
                "As on the seed chart; seedlings firmed in, not buried above the leaves.",
                MANDATORY,
            ),
            (
                "Waters in and mulches the bed",
                "Gentle watering at the base; even mulch.",
                MANDATORY,
            ),
            ("Records the planting in the field log", "Date, bed, crop and variety.", OPTIONAL),
            ("Cleans and puts away the tools", "", OPTIONAL),
        ],
    },
    "Retail Sales Assistant": {
        "name": "Serve a customer from greeting to payment",
        "learner_instructions": (
            "In the training shop, serve a customer (played by a volunteer) who needs help to "
            "choose a product, then take the payment."
        ),
        "assessor_instructions": (
            "Brief the volunteer with one of the customer cards. Observe from the greeting to "
            "the goodbye. If the card includes a return, check the returns policy is followed."
        ),
        "min_share_met": None,
        "criteria": [
            (
                "Greets the customer promptly and offers help",
                "Within about a minute; friendly, eye contact.",
                MANDATORY,
            ),
            (
                "Asks questions to find out what the customer needs",
                "At least two open questions before suggesting a product.",
                MANDATORY,
            ),
            (
                "Gives accurate information about the products",
                "Price, size, care, stock.",
                MANDATORY,
            ),
            (
                "Takes the payment correctly and gives the right change",
                "Till used correctly; change counted back; receipt offered.",
                MANDATORY,
            ),
            ("Follows the returns policy when asked", "", OPTIONAL),
            ("Closes the sale politely and invites the customer back", "", OPTIONAL),
        ],
    },
    "Mentor Training": {
        "name": "Supervised mentoring conversation",
        "learner_instructions": (
            "Hold a first 30-minute conversation with a volunteer playing a new mentee. Your "
            "trainer observes and does not take part."
        ),
        "assessor_instructions": (
            "Use one of the practice scenarios. Sit where you can hear but are not part of the "
            "conversation. Do not photograph the participants; a PDF of your notes may be added."
        ),
        "min_share_met": None,
        "criteria": [
            (
                "Agrees boundaries and explains confidentiality and its limits",
                "Says what stays between them and when they would have to share information.",
                MANDATORY,
            ),
            (
                "Listens actively: reflects back and summarises",
                "Lets the mentee finish; checks understanding with a summary.",
                MANDATORY,
            ),
            (
                "Asks open questions and lets the mentee set their own goals",
                "Does not tell the mentee what to do.",
                MANDATORY,
            ),
            ("Stays respectful and non-judgemental throughout", "", MANDATORY),
            (
                "Recognises when to refer and names the right local services",
                "Knows the referral routes for housing, work, health and legal advice.",
                MANDATORY,
            ),
            ("Agrees the next meeting and notes it", "", OPTIONAL),
            ("Keeps notes factual and stores them securely", "", OPTIONAL),
        ],
    },
}

PASS_FEEDBACK = {
    "Artisan Baking": "Clean, well-organised work and an even crumb. Well done.",
    "Organic Farming": "Careful soil checks and neat planting. Remember the field log next time.",
    "Retail Sales Assistant": "Friendly and accurate service; the customer felt listened to.",
    "Mentor Training": "Clear boundaries from the start and good summaries. Ready to mentor.",
}
NOT_YET_FEEDBACK = {
    "Artisan Baking": (
        "Good hygiene and weighing. The loaves were uneven: practise pre-shaping and use the "
        "scales to divide the dough, then we will assess again."
    ),
    "Organic Farming": "Seedlings were planted too deep. Check the seed chart and try again.",
    "Retail Sales Assistant": "The change was counted wrongly. Practise counting back.",
    "Mentor Training": (
        "Warm and respectful, but confidentiality and its limits were not explained. Practise "
        "the opening with your trainer before the next attempt."
    ),
}
# The first mandatory criterion that a 'not yet' attempt misses, by course.
MISSED = {
    "Artisan Baking": 3,
    "Organic Farming": 3,
    "Retail Sales Assistant": 3,
    "Mentor Training": 0,
}

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
    template, created = AssessmentTemplate.objects.get_or_create(
        course=course,
        name=spec["name"],
        defaults={
            "learner_instructions": spec["learner_instructions"],
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
                    guidance=guidance,
                    mandatory=mandatory,
                    sort_order=i,
                )
                for i, (statement, guidance, mandatory) in enumerate(spec["criteria"])
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
