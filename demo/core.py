"""The core demo: page tree, courses and lessons, regions, people, cohorts, enrolments and
lesson progress. Idempotent: everything is looked up by its natural key (slug, username, cohort
name) before it is created, and existing objects are left as they are."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from courses.models import (
    Cohort,
    CourseIndexPage,
    CoursePage,
    Enrolment,
    HomePage,
    LessonCompletion,
    LessonPage,
    Trade,
)
from courses.services import enrolment_create, enrolment_withdraw, lesson_complete
from demo import learners, people
from demo.content import (
    artisan_baking,
    food_hygiene_basics,
    mentor_training,
    organic_farming,
    retail_sales_assistant,
)
from lms import roles
from lms.models import OrganisationSettings, Profile, Region, User
from lms.services import person_create, roles_ensure

COURSE_CONTENT = (
    artisan_baking,
    organic_farming,
    retail_sales_assistant,
    mentor_training,
    food_hygiene_basics,
)
# The title Wagtail's migration gave the home page; any other title means a person changed it.
UNTOUCHED_HOME_TITLE = "Home"
DEFAULT_ORGANISATION_NAME = OrganisationSettings._meta.get_field("organisation_name").default
ENROL_DAYS_BEFORE_START = 7


def demo_data_exists() -> bool:
    """True when the database already has courses or demo logins, demo or real."""
    return (
        CoursePage.objects.exists() or User.objects.filter(username__in=people.DEMO_LOGINS).exists()
    )


def seed(*, today: datetime.date, stdout) -> None:
    regions = _regions()
    staff = {spec["username"]: _person(spec, regions) for spec in people.STAFF}
    admin = staff["admin"]
    home = _home_page(by=admin)
    index = _course_index(home, by=admin)
    courses = {
        module.COURSE["title"]: _course(index, module, by=admin) for module in COURSE_CONTENT
    }
    # Coordinators get their page permissions on the course index, which now exists.
    roles_ensure()
    _organisation(home)
    cohorts = {
        spec["name"]: _cohort(spec, courses=courses, regions=regions, today=today)
        for spec in people.COHORTS
    }
    lessons = {course.pk: list(course.lessons()) for course in courses.values()}
    for spec in learners.LEARNERS:
        learner = _person({**spec, "role": roles.LEARNER}, regions)
        for enrol in spec["enrolments"]:
            _enrolment(learner, cohorts[enrol["cohort"]], enrol, lessons=lessons, today=today)
    stdout.write(
        f"Core demo: {len(courses)} courses, {len(cohorts)} cohorts, "
        f"{len(learners.LEARNERS)} learners, {len(people.STAFF)} staff."
    )


def _regions() -> dict[str, Region]:
    regions = {}
    for name, code in people.REGIONS:
        regions[code], _created = Region.objects.get_or_create(code=code, defaults={"name": name})
    return regions


def _person(spec: dict, regions: dict[str, Region]) -> User:
    user = User.objects.filter(username=spec["username"]).first()
    if user is not None:
        return user
    is_login = spec["username"] in people.DEMO_LOGINS
    user = person_create(
        username=spec["username"],
        email=f"{spec['username']}@example.org",
        printed_name=spec["printed_name"],
        region=regions[spec["region"]],
        preferred_language=spec["language"],
        role=spec["role"],
        password=people.DEMO_PASSWORD if is_login else None,
    )
    gender = spec.get("gender", "")
    Profile.objects.filter(user=user).update(
        gender=gender,
        gender_self_description="non-binary" if gender == Profile.Gender.SELF_DESCRIBED else "",
        birth_year=spec.get("birth_year"),
    )
    if spec.get("superuser"):
        user.is_superuser = user.is_staff = True
        user.save(update_fields=["is_superuser", "is_staff"])
    return user


def _publish(page, *, by) -> None:
    page.save_revision(user=by).publish(user=by)


def _home_page(*, by) -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("No home page: run `manage.py migrate` first.")
    if home.title == UNTOUCHED_HOME_TITLE:
        home.title = people.HOME_TITLE
        home.intro = people.HOME_INTRO
        _publish(home, by=by)
    return home


def _course_index(home: HomePage, *, by) -> CourseIndexPage:
    index = CourseIndexPage.objects.child_of(home).filter(slug="courses").first()
    if index is None:
        index = CourseIndexPage(title="Courses", slug="courses", intro=people.COURSE_INDEX_INTRO)
        home.add_child(instance=index)
        _publish(index, by=by)
    return index


def _course(index: CourseIndexPage, module, *, by) -> CoursePage:
    data = dict(module.COURSE)
    course = CoursePage.objects.child_of(index).filter(slug=data["slug"]).first()
    if course is None:
        trade, _created = Trade.objects.get_or_create(name=data.pop("trade"))
        outcomes = [{"type": "outcome", "value": text} for text in data.pop("outcomes")]
        course = CoursePage(trade=trade, learning_outcomes=outcomes, **data)
        index.add_child(instance=course)
        _publish(course, by=by)
    for spec in module.LESSONS:
        if not LessonPage.objects.child_of(course).filter(slug=spec["slug"]).exists():
            lesson = LessonPage(**spec)
            course.add_child(instance=lesson)
            _publish(lesson, by=by)
    return course


def _organisation(home: HomePage) -> None:
    site = Site.objects.filter(root_page=home).first() or Site.objects.get(is_default_site=True)
    settings = OrganisationSettings.for_site(site)
    if settings.organisation_name == DEFAULT_ORGANISATION_NAME:
        settings.organisation_name = people.ORGANISATION_NAME
        settings.save()


def _cohort(spec: dict, *, courses, regions, today: datetime.date) -> Cohort:
    cohort, _created = Cohort.objects.get_or_create(
        course=courses[spec["course"]],
        name=spec["name"],
        defaults={
            "region": regions[spec["region"]],
            "location": spec["location"],
            "start_date": today + datetime.timedelta(days=spec["start"]),
            "end_date": today + datetime.timedelta(days=spec["end"]),
            "capacity": spec["capacity"],
        },
    )
    cohort.trainers.add(*User.objects.filter(username__in=spec["trainers"]))
    cohort.coordinators.add(*User.objects.filter(username__in=spec["coordinators"]))
    return cohort


def _enrolment(learner, cohort: Cohort, spec: dict, *, lessons, today) -> None:
    coordinator = cohort.coordinators.order_by("pk").first()
    enrolment = Enrolment.objects.filter(learner=learner, cohort=cohort).first()
    if enrolment is None:
        if spec["joined_after"]:
            enrolled_on = cohort.start_date + datetime.timedelta(days=spec["joined_after"])
        else:
            before_start = cohort.start_date - datetime.timedelta(days=ENROL_DAYS_BEFORE_START)
            enrolled_on = min(before_start, today)
        enrolment = enrolment_create(
            learner=learner, cohort=cohort, enrolled_on=enrolled_on, by=coordinator
        )
    if enrolment.status == Enrolment.Status.WITHDRAWN:
        return
    withdrawn_on = None
    if spec["withdrawn"]:
        withdrawn_on = cohort.start_date + datetime.timedelta(days=spec["withdrawn"][0])
    _complete_lessons(
        enrolment,
        _lessons_done(lessons[cohort.course_id], spec["progress"]),
        until=min(today, cohort.end_date, withdrawn_on or today),
    )
    if spec["withdrawn"]:
        enrolment_withdraw(
            enrolment=enrolment, reason=spec["withdrawn"][1], on=withdrawn_on, by=coordinator
        )


def _lessons_done(course_lessons: list[LessonPage], progress: int | str) -> list[LessonPage]:
    if progress == "all":
        return course_lessons
    if progress == "required":
        return [lesson for lesson in course_lessons if lesson.required_for_completion]
    return course_lessons[:progress]


def _complete_lessons(enrolment: Enrolment, done: list[LessonPage], *, until) -> None:
    """Mark the lessons done through the service, then spread the new completions over the
    time the learner has been in the cohort, so a finished cohort does not look finished today."""
    already = set(enrolment.lesson_completions.values_list("lesson_id", flat=True))
    start = max(enrolment.enrolled_on, enrolment.cohort.start_date)
    days = max((until - start).days, 0)
    tz = timezone.get_current_timezone()
    for number, lesson in enumerate(done, start=1):
        if lesson.pk in already:
            continue
        completion = lesson_complete(enrolment=enrolment, lesson=lesson)
        day = start + datetime.timedelta(days=days * number // (len(done) + 1))
        completed_at = min(
            datetime.datetime.combine(day, datetime.time(10, 30), tzinfo=tz), timezone.now()
        )
        LessonCompletion.objects.filter(pk=completion.pk).update(completed_at=completed_at)
