"""Factories for every model the tests need, in one place."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Page

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
from lms import roles
from lms.models import Profile, Region, User
from lms.services import user_grant_role

PASSWORD = "correct-horse-battery"


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    name = factory.Sequence(lambda n: f"Region {n}")
    code = factory.Sequence(lambda n: f"region-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def profile(obj, create, extracted, **kwargs):
        if create:
            Profile.objects.get_or_create(
                user=obj,
                defaults={
                    "printed_name": kwargs.get("printed_name", f"{obj.first_name} {obj.last_name}"),
                    "region": kwargs.get("region"),
                },
            )
            obj.save()

    @factory.post_generation
    def role(obj, create, extracted, **kwargs):
        if create and extracted:
            user_grant_role(user=obj, role=extracted)


def _role(default_role: str):
    def grant(obj, create, extracted, **kwargs):
        if create:
            user_grant_role(user=obj, role=extracted or default_role)

    return factory.PostGeneration(grant)


class LearnerFactory(UserFactory):
    role = _role(roles.LEARNER)


class TrainerFactory(UserFactory):
    role = _role(roles.TRAINER)


class CoordinatorFactory(UserFactory):
    role = _role(roles.COORDINATOR)


class TradeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Trade
        django_get_or_create = ("name",)

    name = "Baking"


def home_page() -> HomePage:
    return HomePage.objects.get(depth=2)


class CourseIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CourseIndexPage

    title = "Courses"
    slug = "courses"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Course {n}")
    slug = factory.Sequence(lambda n: f"course-{n}")
    summary = "Learn the trade."
    trade = factory.SubFactory(TradeFactory)
    notional_hours = 40
    eqf_level = 3


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lesson {n}")
    slug = factory.Sequence(lambda n: f"lesson-{n}")
    estimated_minutes = 20
    required_for_completion = True


def course_index() -> CourseIndexPage:
    index = CourseIndexPage.objects.first()
    if index is None:
        index = CourseIndexPageFactory(parent=home_page())
    return index


def make_course(*, lessons: int = 3, **fields) -> CoursePage:
    course = CoursePageFactory(parent=course_index(), **fields)
    for _ in range(lessons):
        LessonPageFactory(parent=course)
    return course


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort
        skip_postgeneration_save = True

    course = factory.LazyFunction(lambda: make_course())
    name = factory.Sequence(lambda n: f"Group {n}")
    region = factory.SubFactory(RegionFactory)
    location = "Training kitchen"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=14))
    end_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=60))
    capacity = 25

    @factory.post_generation
    def trainers(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.trainers.add(*extracted)

    @factory.post_generation
    def coordinators(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.coordinators.add(*extracted)


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    learner = factory.SubFactory(LearnerFactory)
    cohort = factory.SubFactory(CohortFactory)
    enrolled_on = factory.LazyAttribute(lambda e: e.cohort.start_date)


class LessonCompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LessonCompletion

    enrolment = factory.SubFactory(EnrolmentFactory)
    completed_at = factory.LazyFunction(timezone.now)


# --- certificates ---------------------------------------------------------------------------


def make_certifiable_course(**fields) -> CoursePage:
    """A course that awards a certificate and measures no attendance: with every required lesson
    done, its learners are eligible without attendance or practical data."""
    fields.setdefault("attendance_required", False)
    fields.setdefault("awards_certificate", True)
    fields.setdefault("learning_outcomes", [("outcome", "Prepare and bake bread safely")])
    fields.setdefault("assessment_type", "Practical observation with a checklist")
    return make_course(**fields)


def complete_required_lessons(enrolment) -> None:
    for lesson in enrolment.cohort.course.lessons().filter(required_for_completion=True):
        LessonCompletionFactory(enrolment=enrolment, lesson=lesson)


def certificate_issue_now(enrolment, *, by=None):
    from certificates.services import certificate_issue

    certificate, _created = certificate_issue(enrolment=enrolment, by=by)
    certificate.refresh_from_db()
    return certificate


__all__ = ["PASSWORD", "Page"]


# --- Practical assessments ---


def png_bytes(size: tuple[int, int] = (4, 4), colour: str = "tan") -> bytes:
    """A real, small PNG image, as a phone camera would send a photo."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


class AssessmentTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.AssessmentTemplate"

    course = factory.LazyFunction(lambda: make_course())
    name = factory.Sequence(lambda n: f"Practical task {n}")
    learner_instructions = "Show the assessor how you do the task."
    assessor_instructions = "Observe without helping."
    required_for_certification = True


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "assessments.Criterion"

    template = factory.SubFactory(AssessmentTemplateFactory)
    statement = factory.Sequence(lambda n: f"Criterion {n}")
    mandatory = True
    sort_order = factory.Sequence(lambda n: n)


def make_template(*, course, mandatory: int = 2, optional: int = 1, **fields):
    """A template with `mandatory` mandatory criteria followed by `optional` optional ones."""
    template = AssessmentTemplateFactory(course=course, **fields)
    for i in range(mandatory + optional):
        CriterionFactory(template=template, mandatory=i < mandatory, sort_order=i)
    return template


# --- Attendance (issue 3) ----------------------------------------------------------------------

from assessments.models import AttendanceRecord  # noqa: E402
from courses.models import Session  # noqa: E402


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    cohort = factory.SubFactory(CohortFactory)
    topic = factory.Sequence(lambda n: f"Topic {n}")
    kind = Session.Kind.THEORY
    date = factory.LazyFunction(timezone.localdate)
    start_time = datetime.time(9, 0)
    end_time = datetime.time(12, 0)


class AttendanceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AttendanceRecord

    session = factory.SubFactory(SessionFactory)
    enrolment = factory.SubFactory(
        EnrolmentFactory, cohort=factory.SelfAttribute("..session.cohort")
    )
    status = "present"
    recorded_at = factory.LazyFunction(timezone.now)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        """Written directly, not by a roll call: the enrolment's tally is recounted after, as the
        roll call does."""
        from assessments.attendance.services import attendance_tallies_refresh

        record = super()._create(model_class, *args, **kwargs)
        attendance_tallies_refresh(enrolments=Enrolment.objects.filter(pk=record.enrolment_id))
        return record


def fill_cohort(cohort, *, learners: int, sessions: int):
    """`learners` enrolled learners and `sessions` daily sessions ending today, every session but
    today's recorded (present, late, absent and excused in turn), written in bulk and the
    attendance tallies recounted, as after the roll calls. Returns (enrolments, sessions).
    For the query budgets and bench/attendance.py, which time the same data."""
    from assessments.attendance.services import attendance_records_write

    today = timezone.localdate()
    users = User.objects.bulk_create(
        User(username=f"bulk{cohort.pk}-{i}", first_name="L", last_name=str(i))
        for i in range(learners)
    )
    Profile.objects.bulk_create(
        Profile(user=u, printed_name=f"Learner {i:03}") for i, u in enumerate(users)
    )
    start = today - datetime.timedelta(days=sessions - 1)
    enrolments = Enrolment.objects.bulk_create(
        Enrolment(learner=u, cohort=cohort, enrolled_on=start) for u in users
    )
    session_list = Session.objects.bulk_create(
        Session(
            cohort=cohort,
            topic=f"Session {i}",
            date=start + datetime.timedelta(days=i),
            start_time=datetime.time(9),
            end_time=datetime.time(12),
        )
        for i in range(sessions)
    )
    statuses = ["present", "present", "present", "late", "absent", "excused"]
    attendance_records_write(
        records=[
            AttendanceRecord(
                session=s,
                enrolment=e,
                status=statuses[(i + j) % len(statuses)],
                recorded_at=timezone.now(),
            )
            for i, s in enumerate(session_list[:-1])  # today's roll call is not taken yet
            for j, e in enumerate(enrolments)
        ]
    )
    return enrolments, session_list
