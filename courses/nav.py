"""What courses adds to the main navigation (lms/nav.py): the facts the other apps' links ask
about (is the person enrolled, do they train or coordinate a cohort), "My learning" and
"My cohorts"."""

from django.utils.translation import gettext_lazy as _

from courses.models import Cohort, Enrolment
from lms import nav

ENROLLED = "enrolled"
TRAINS = "trains"
COORDINATES = "coordinates"


def is_enrolled(request) -> bool:
    return nav.fact(request, ENROLLED)


def trains(request) -> bool:
    return nav.fact(request, TRAINS)


def works_with_cohorts(request) -> bool:
    """Trains or coordinates a cohort; administrators work with every cohort."""
    user = request.user
    return user.is_authenticated and (
        user.is_superuser or nav.fact(request, TRAINS) or nav.fact(request, COORDINATES)
    )


def register() -> None:
    nav.fact_register(name=ENROLLED, rows=lambda user: Enrolment.objects.filter(learner=user))
    nav.fact_register(name=TRAINS, rows=lambda user: Cohort.objects.filter(trainers=user))
    nav.fact_register(name=COORDINATES, rows=lambda user: Cohort.objects.filter(coordinators=user))
    nav.link_register(
        name="my_learning",
        label=_("My learning"),
        url_name="courses:dashboard",
        visible=is_enrolled,
        order=10,
    )
    nav.link_register(
        name="my_cohorts",
        label=_("My cohorts"),
        url_name="courses:staff_cohorts",
        visible=works_with_cohorts,
        order=22,
        group=nav.TEACHING,
    )
