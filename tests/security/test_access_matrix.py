"""Who may open what: every URL of the project, for every persona, with real objects in the URL.

`MATRIX` has one entry per URL name: for each persona, what a GET must give. The URL's arguments
are filled with objects that belong to learner A and cohort X (`url_kwargs`), so "404" means
"exists, but outside this persona's scope". Endpoints that only accept POST give 405 to a GET and
have their POST outcomes in `POST_MATRIX`. Whenever a persona gets a 404 (out of scope), the same
URL is also POSTed and nothing in the database may change.

A URL added to the project without an entry here fails `test_every_url_has_a_matrix_entry`.
To add one: write its row below (the helpers `everyone`, `staff_only`, ... build common rows)
and, if it takes a new kind of argument, teach `url_kwargs` where to find the object.

Wagtail's own admin, documents and page serving are left out (Wagtail tests them); the project's
admin views and snippet viewsets are in.
"""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlencode, urlsafe_base64_encode

from assessments.attendance.calendar.services import calendar_feed_reset
from assessments.models import (
    AssessmentTemplate,
    Attempt,
    AttemptQuestion,
    AttendanceRecord,
    CalendarFeed,
    CheckInWindow,
    CriterionResult,
    Evidence,
    LearnerCard,
    QuizAttempt,
    ReminderPreference,
    Review,
    SelfCheckIn,
    SessionReminder,
)
from certificates.models import Certificate
from courses.models import Cohort, Enrolment, LessonCompletion, Session, Trade
from indicators.models import FollowUp
from lms.models import Notification, Profile, Region, User
from mentors.models import (
    Assignment,
    Meeting,
    MentorProfile,
    SharingConsent,
    Supervision,
    VolunteerRequest,
)
from tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

PROJECT_APPS = (
    "lms",
    "courses",
    "assessments",
    "certificates",
    "privacy",
    "workspace",
    "mentors",
    "indicators",
)
# Included URL modules whose patterns belong to Wagtail, except the project's own admin views.
WAGTAIL_URLCONFS = ("wagtail.admin.urls", "wagtail.documents.urls", "wagtail.urls")

PERSONAS = (
    "anonymous",
    "learner_a",
    "learner_b",
    "trainer_x",
    "trainer_y",
    "coordinator_x",
    "coordinator_y",
    "superuser",
)

STAFF_PERSONAS = ("trainer_x", "trainer_y", "coordinator_x", "coordinator_y", "superuser")

# Outcomes besides a status code.
LOGIN = "login"  # redirected to the site's login page
ADMIN_LOGIN = "admin_login"  # redirected to the admin's login page
REDIRECT = "redirect"  # redirected elsewhere (e.g. after a form, or to the right page)


def row(default, **overrides):
    unknown = set(overrides) - set(PERSONAS)
    assert not unknown, unknown
    return {persona: overrides.get(persona, default) for persona in PERSONAS}


def everyone(outcome=200, **overrides):
    """A page anyone may open."""
    return row(outcome, **overrides)


def logged_in(outcome=200, **overrides):
    """A page for every logged-in person; anonymous visitors go to the login page."""
    return row(outcome, anonymous=LOGIN, **overrides)


def post_only():
    """GET on an endpoint that accepts only POST."""
    return row(405)


def admin(staff, *, learners=ADMIN_LOGIN, **overrides):
    """An admin page: learners have no admin access; `staff` is what the others get."""
    return row(
        staff,
        anonymous=ADMIN_LOGIN,
        learner_a=learners,
        learner_b=learners,
        **overrides,
    )


# --- Rows that recur ----------------------------------------------------------------------------

# Wagtail sends someone without the model permission for a view back to the admin home.
DENIED = REDIRECT
# A chooser's JSON answer that lists nothing: ids outside the user's scope are ignored.
NONE_CHOSEN = "none_chosen"


def staff_of_x(outcome=200, **overrides):
    """A page about learner A or cohort X: for cohort X's trainer and coordinator only."""
    given = {"trainer_x": outcome, "coordinator_x": outcome, "superuser": outcome}
    return row(404, anonymous=LOGIN, **(given | overrides))


def coordinators(outcome=200, *, others=DENIED, **overrides):
    """An admin page for coordinators (of any cohort) and administrators."""
    given = {"coordinator_x": outcome, "coordinator_y": outcome, "superuser": outcome}
    return admin(others, **(given | overrides))


def coordinator_of_x(outcome=200, *, others=404, **overrides):
    """An admin page about an object of cohort X: its coordinator; anyone else's 404."""
    return admin(others, **({"coordinator_x": outcome, "superuser": outcome} | overrides))


def coordinator_pages(outcome=200):
    """A site page for coordinators of any cohort and administrators; others are refused."""
    given = {"coordinator_x": outcome, "coordinator_y": outcome, "superuser": outcome}
    return row(403, anonymous=LOGIN, **given)


def administrators(outcome=200, *, others=DENIED):
    return admin(others, superuser=outcome)


def scoped_snippet(model, *, add, delete):
    """A snippet viewset scoped to the coordinator's cohorts (cohorts, enrolments, people)."""
    snippets, choosers = f"wagtailsnippets_{model}", f"wagtailsnippetchoosers_{model}"
    return {
        f"{snippets}:list": coordinators(),
        f"{snippets}:list_results": coordinators(),
        f"{snippets}:add": add,
        f"{snippets}:edit": coordinator_of_x(),
        f"{snippets}:delete": delete,
        f"{snippets}:usage": coordinator_of_x(),
        f"{snippets}:history": coordinator_of_x(),
        f"{snippets}:history_results": coordinator_of_x(),
        f"{snippets}:inspect": coordinator_of_x(),
        f"{choosers}:choose": admin(200),
        f"{choosers}:choose_results": admin(200),
        f"{choosers}:chosen": coordinator_of_x(),
        f"{choosers}:chosen_multiple": coordinator_of_x(others=NONE_CHOSEN),
        f"{choosers}:create": {persona: 404 if o == 200 else o for persona, o in add.items()},
    }


def reference_snippet(model):
    """Regions and trades: coordinators may look and name them in other languages (the edit
    form offers them the translations only), administrators add, delete and rename."""
    snippets, choosers = f"wagtailsnippets_{model}", f"wagtailsnippetchoosers_{model}"
    return {
        f"{snippets}:list": coordinators(),
        f"{snippets}:list_results": coordinators(),
        f"{snippets}:inspect": coordinators(),
        f"{snippets}:add": administrators(),
        f"{snippets}:edit": coordinators(),
        f"{snippets}:delete": administrators(),
        f"{snippets}:usage": administrators(),
        f"{snippets}:history": administrators(),
        f"{snippets}:history_results": administrators(),
        f"{choosers}:choose": admin(200),
        f"{choosers}:choose_results": admin(200),
        f"{choosers}:chosen": admin(200),
        f"{choosers}:chosen_multiple": admin(200),
        f"{choosers}:create": administrators(404),
    }


# --- GET outcomes, one entry per URL name -----------------------------------------------------

MATRIX: dict[str, dict[str, object]] = {
    # Accounts
    "login": everyone(),
    "logout": post_only(),
    "password_reset": everyone(),
    "password_reset_done": everyone(),
    # A valid link goes on to the new-password form; logging in changes the account, which
    # invalidates the link, so the logged-in personas see the "link no longer valid" page.
    "password_reset_confirm": everyone(200, anonymous=REDIRECT),
    "password_reset_complete": everyone(),
    "profile": logged_in(),
    "password_change": logged_in(),
    "password_change_done": logged_in(),
    "set_language": post_only(),
    "privacy:my_data": logged_in(),
    # Notifications: each person's own list; following one or marking all read is a POST.
    "notifications:list": logged_in(),
    "notifications:read_all": post_only(),
    "notifications:open": post_only(),
    # Learning
    "courses:dashboard": logged_in(),
    "courses:lesson_done": post_only(),
    # Sessions and the cohort page (staff of the cohort)
    "courses:staff_cohorts": logged_in(),  # "My cohorts": empty for learners
    "courses:cohort": staff_of_x(),
    "courses:session_create": staff_of_x(),
    "courses:sessions_schedule": staff_of_x(),
    "courses:session_edit": staff_of_x(),
    "courses:session_cancel": staff_of_x(),
    # Attendance
    "attendance:roll_call": staff_of_x(),
    "attendance:grid": staff_of_x(),
    "attendance:export_csv": staff_of_x(),
    "attendance:export_xlsx": staff_of_x(),
    "attendance:history": staff_of_x(trainer_x=404),  # the history is for coordinators
    "attendance:at_risk": logged_in(),  # lists only the user's own cohorts' learners
    "attendance:mine": logged_in(),
    "attendance:mine_detail": row(404, anonymous=LOGIN, learner_a=200),  # A's own enrolment
    # Self check-in: the trainer's code, its fragment, the live list and the card scanner are
    # for cohort X's staff; the learner's check-in page for anyone logged in (their own).
    "attendance:checkin_code": staff_of_x(),
    "attendance:checkin_code_fragment": staff_of_x(),
    "attendance:checkin_open": post_only(),
    "attendance:checkin_close": post_only(),
    "attendance:self_checkins": staff_of_x(),
    "attendance:scan_cards": staff_of_x(),
    "attendance:scan_card": post_only(),
    "attendance:checkin": logged_in(),
    # A scanned code that is not one (here a password-reset token): refused, said in words.
    "attendance:checkin_scan": everyone(400),
    "attendance:card_pdf": logged_in(),  # one's own card only
    "attendance:card_reset": post_only(),
    # Reminders: each person's own choice; the statuses for coordinators (their cohorts only);
    # "Send again" and the calendar link's reset are POSTs.
    "attendance:reminder_choose": logged_in(),
    "attendance:reminders": coordinator_pages(),
    "attendance:reminder_retry": post_only(),
    "attendance:calendar_feed_reset": post_only(),
    # The feed's secret is its only key: learner A's address opens A's feed for whoever has it
    # (a calendar app is nobody's session); a wrong one is 404 (tests/assessments).
    "attendance:calendar_feed": everyone(),
    # Certificates
    "certificates:mine": logged_in(),
    "certificates:learning_record": logged_in(),  # each person's own record
    "certificates:cohorts": logged_in(),  # the cohorts the user coordinates: none for learners
    "certificates:queue": staff_of_x(trainer_x=404),  # certifying is for coordinators
    # The coordinator's caseload: trainers and learners have none; a count's people are 404
    # outside the cohorts one coordinates.
    "workspace:home": row(
        403, anonymous=LOGIN, coordinator_x=200, coordinator_y=200, superuser=200
    ),
    "workspace:people": staff_of_x(trainer_x=404),
    # "Today": for staff, each seeing the cohorts they train (none for coordinators who train
    # none); learners have "My learning".
    "workspace:today": row(403, anonymous=LOGIN, **dict.fromkeys(STAFF_PERSONAS, 200)),
    "certificates:batch": staff_of_x(trainer_x=404),
    "certificates:detail": staff_of_x(trainer_x=404),
    "certificates:download": staff_of_x(trainer_x=404, learner_a=200),
    # The confirmation page; the change itself needs its "Yes" (tests/certificates).
    "certificates:revoke": staff_of_x(trainer_x=404),
    "certificates:reissue": staff_of_x(trainer_x=404),
    "certificates:retry": post_only(),
    # The European Learning Model export: administrators only (the organisation's seal).
    "certificates:export_elm": row(404, anonymous=LOGIN, superuser=200),
    # Mentors: volunteering (everyone: the page says who may), a mentor's own mentees on the
    # home page; requests, the register, mentees and coverage for coordinators, scoped to the
    # regions of their cohorts (the mentor and learner A's request are in cohort X's region)
    "mentors:home": logged_in(),
    "mentors:volunteer": logged_in(),
    "mentors:requests": coordinator_pages(),
    "mentors:request": staff_of_x(trainer_x=404),
    "mentors:register": coordinator_pages(),
    "mentors:capacity": staff_of_x(trainer_x=404),
    "mentors:mentees": coordinator_pages(),
    "mentors:assign": staff_of_x(trainer_x=404),
    "mentors:assignment_end": post_only(),
    "mentors:coverage": coordinator_pages(),
    # Mentoring in practice (tests/mentors/test_practice_*.py): consent is each mentee's own
    # (a POST from "My profile"); the meeting log of mentor M with learner A is for M and A's
    # coordinators (A reads hers on her profile); only M logs or changes an entry, so every
    # persona is refused logging, and A's coordinator is sent back from a change to the log.
    "mentors:consent": post_only(),
    "mentors:meetings": staff_of_x(trainer_x=404),
    "mentors:meeting_new": row(404, anonymous=LOGIN),
    "mentors:meeting_edit": staff_of_x(REDIRECT, trainer_x=404),
    "mentors:supervision": staff_of_x(trainer_x=404),
    "mentors:meeting_dealt_with": post_only(),
    # Indicators: coordinators (figures of their own cohorts only) and administrators; trainers
    # and learners are refused.
    "indicators:page": logged_in(403, coordinator_x=200, coordinator_y=200, superuser=200),
    "indicators:export_csv": logged_in(403, coordinator_x=200, coordinator_y=200, superuser=200),
    "indicators:export_xlsx": logged_in(403, coordinator_x=200, coordinator_y=200, superuser=200),
    "indicators:follow_ups": logged_in(403, coordinator_x=200, coordinator_y=200, superuser=200),
    "indicators:follow_up": staff_of_x(trainer_x=404),  # recording is for the cohort's coordinator
    # Person-level: each coordinator gets only their own cohorts' learners.
    "indicators:follow_ups_csv": logged_in(
        403, coordinator_x=200, coordinator_y=200, superuser=200
    ),
    "indicators:follow_ups_xlsx": logged_in(
        403, coordinator_x=200, coordinator_y=200, superuser=200
    ),
    # Public: verification and the health check name nobody
    "verify:lookup": everyone(),
    "verify:detail": everyone(),
    # Open Badges credentials: the issuer's public documents, the status list, a credential its
    # holder lets anyone look up; the download and the lookup choice are the holder's alone.
    "did_document": everyone(),
    "credentials:issuer": everyone(),
    "credentials:jwks": everyone(),
    "credentials:status_list": everyone(),
    "credentials:hosted": everyone(),
    "credentials:download": row(404, anonymous=LOGIN, learner_a=200),
    "credentials:lookup": post_only(),
    "health": everyone(),
    "favicon": everyone(),  # the site's icon
    # Practical assessments
    "assessments:queue": logged_in(learner_a=REDIRECT, learner_b=REDIRECT),  # to "My results"
    "assessments:results": logged_in(),
    "assessments:start": post_only(),
    "assessments:attempt": staff_of_x(),
    "assessments:record": staff_of_x(REDIRECT),  # confirmed: back to the attempt, read-only
    "assessments:discard": post_only(),
    "assessments:evidence": staff_of_x(learner_a=200),  # A sees it once the attempt is reviewed
    "assessments:evidence_remove": post_only(),
    "assessments:cohort_overview": staff_of_x(),
    # Theory tests: each learner's own; A's attempt is handed in, so its question pages lead
    # to the result. Assisted attempts are started by staff for learners present today.
    "quizzes:mine": logged_in(),
    "quizzes:start": post_only(),
    "quizzes:attempt": row(404, anonymous=LOGIN, learner_a=REDIRECT),
    "quizzes:review": row(404, anonymous=LOGIN, learner_a=REDIRECT),
    "quizzes:submit": post_only(),
    "quizzes:result": row(404, anonymous=LOGIN, learner_a=200),
    "quizzes:assist": row(403, anonymous=LOGIN, **dict.fromkeys(STAFF_PERSONAS, 200)),
    "quizzes:assist_start": post_only(),
    # Admin: CSV enrolment import and erasure
    "courses_enrolment_import_choose": coordinators(),
    "courses_enrolment_import": coordinator_of_x(),
    "courses_enrolment_import_sample": admin(200),
    # The course chooser's modal (Wagtail's page chooser, opened at the course index).
    "courses_choose_course": admin(200),
    "courses_choose_course_child": admin(200),  # the blank sample file, no personal data
    "privacy_erase": administrators(others=404),
    # The audit log (Wagtail's site history, narrowed to administrators by the project)
    "site_history": administrators(others=404),
    "site_history_results": administrators(others=404),
    # Admin: snippet viewsets scoped to the coordinator's cohorts
    **scoped_snippet(
        "courses_cohort", add=administrators(), delete=coordinator_of_x(DENIED, superuser=200)
    ),
    **scoped_snippet(
        "courses_enrolment",
        add=coordinators(),
        delete=coordinator_of_x(DENIED, superuser=200),
    ),
    # People are created with their account and never deleted here (erasure is separate).
    **scoped_snippet(
        "lms_profile",
        add=administrators(DENIED),
        delete=coordinator_of_x(DENIED, superuser=DENIED),
    ),
    **reference_snippet("lms_region"),
    **reference_snippet("courses_trade"),
    # Admin: practical assessment templates, scoped by course (cohorts X and Y run the same one)
    "wagtailsnippets_assessments_assessmenttemplate:list": coordinators(),
    "wagtailsnippets_assessments_assessmenttemplate:list_results": coordinators(),
    "wagtailsnippets_assessments_assessmenttemplate:add": coordinators(),
    "wagtailsnippets_assessments_assessmenttemplate:edit": coordinators(others=404),
    "wagtailsnippets_assessments_assessmenttemplate:delete": coordinators(
        DENIED, others=404, superuser=200
    ),
    "wagtailsnippets_assessments_assessmenttemplate:usage": coordinators(others=404),
    "wagtailsnippets_assessments_assessmenttemplate:history": coordinators(others=404),
    "wagtailsnippets_assessments_assessmenttemplate:history_results": coordinators(others=404),
    "wagtailsnippetchoosers_assessments_assessmenttemplate:choose": admin(200),
    "wagtailsnippetchoosers_assessments_assessmenttemplate:choose_results": admin(200),
    "wagtailsnippetchoosers_assessments_assessmenttemplate:chosen": admin(200),
    "wagtailsnippetchoosers_assessments_assessmenttemplate:chosen_multiple": admin(200),
    "wagtailsnippetchoosers_assessments_assessmenttemplate:create": coordinators(404),
    # Admin: the theory test bank and tests, scoped by course like the practical templates
    "assessments_question_import": coordinators(),
    "assessments_question_import_sample": admin(200),  # the blank template, no personal data
    "assessments_question_export": coordinators(),  # of the course (X and Y run the same)
    "wagtailsnippets_assessments_quiz:list": coordinators(),
    "wagtailsnippets_assessments_quiz:list_results": coordinators(),
    "wagtailsnippets_assessments_quiz:add": coordinators(),
    "wagtailsnippets_assessments_quiz:edit": coordinators(others=404),
    "wagtailsnippets_assessments_quiz:delete": coordinators(DENIED, others=404, superuser=200),
    "wagtailsnippets_assessments_quiz:usage": coordinators(others=404),
    "wagtailsnippets_assessments_quiz:history": coordinators(others=404),
    "wagtailsnippets_assessments_quiz:history_results": coordinators(others=404),
    "wagtailsnippetchoosers_assessments_quiz:choose": admin(200),
    "wagtailsnippetchoosers_assessments_quiz:choose_results": admin(200),
    "wagtailsnippetchoosers_assessments_quiz:chosen": admin(200),
    "wagtailsnippetchoosers_assessments_quiz:chosen_multiple": admin(200),
    "wagtailsnippetchoosers_assessments_quiz:create": coordinators(404),
    "wagtailsnippets_assessments_question:list": coordinators(),
    "wagtailsnippets_assessments_question:list_results": coordinators(),
    "wagtailsnippets_assessments_question:add": coordinators(),
    "wagtailsnippets_assessments_question:edit": coordinators(others=404),
    "wagtailsnippets_assessments_question:delete": coordinators(DENIED, others=404, superuser=200),
    "wagtailsnippets_assessments_question:usage": coordinators(others=404),
    "wagtailsnippets_assessments_question:history": coordinators(others=404),
    "wagtailsnippets_assessments_question:history_results": coordinators(others=404),
    "wagtailsnippetchoosers_assessments_question:choose": admin(200),
    "wagtailsnippetchoosers_assessments_question:choose_results": admin(200),
    "wagtailsnippetchoosers_assessments_question:chosen": admin(200),
    "wagtailsnippetchoosers_assessments_question:chosen_multiple": admin(200),
    "wagtailsnippetchoosers_assessments_question:create": coordinators(404),
    "wagtailsnippets_assessments_questioncategory:list": coordinators(),
    "wagtailsnippets_assessments_questioncategory:list_results": coordinators(),
    "wagtailsnippets_assessments_questioncategory:add": coordinators(),
    "wagtailsnippets_assessments_questioncategory:edit": coordinators(others=404),
    "wagtailsnippets_assessments_questioncategory:delete": coordinators(
        DENIED, others=404, superuser=200
    ),
    "wagtailsnippets_assessments_questioncategory:usage": coordinators(others=404),
    "wagtailsnippets_assessments_questioncategory:history": coordinators(others=404),
    "wagtailsnippets_assessments_questioncategory:history_results": coordinators(others=404),
    "wagtailsnippetchoosers_assessments_questioncategory:choose": admin(200),
    "wagtailsnippetchoosers_assessments_questioncategory:choose_results": admin(200),
    "wagtailsnippetchoosers_assessments_questioncategory:chosen": admin(200),
    "wagtailsnippetchoosers_assessments_questioncategory:chosen_multiple": admin(200),
    "wagtailsnippetchoosers_assessments_questioncategory:create": coordinators(404),
    # Works without a signal (docs/offline.md): the app shell is public and names nobody; what
    # "Save for offline" stores of a course is for the people who may read its lessons.
    "service_worker": everyone(),
    "web_manifest": everyone(),
    "app_icon": everyone(),
    "offline_csrf": everyone(),
    "offline_help": everyone(),
    "offline_page": everyone(),
    "courses:course_offline": logged_in(),
}

# --- POST outcomes of the endpoints that accept only POST ---------------------------------------

POST_MATRIX: dict[str, dict[str, object]] = {
    # A rendered PDF needs no retry. Others are not shown the certificate at all.
    "certificates:retry": staff_of_x(REDIRECT, trainer_x=404),
    # Coordinator X ends learner A's mentoring; for the administrator after that it has ended
    # already (a message). Others are not shown the assignment.
    "mentors:assignment_end": staff_of_x(REDIRECT, trainer_x=404),
    # Each person sets their own sharing (nothing for someone without a mentor to share with).
    "mentors:consent": logged_in(REDIRECT),
    # Mentor M's meeting with learner A, not flagged: cohort X's coordinator (and the
    # administrator) are told there is nothing to deal with; nobody else is shown it.
    "mentors:meeting_dealt_with": row(
        404, anonymous=LOGIN, coordinator_x=REDIRECT, superuser=REDIRECT
    ),
    "logout": everyone(REDIRECT),
    # Everyone marks their own read; learner A's notification is nobody else's to open.
    "notifications:read_all": logged_in(REDIRECT),
    "notifications:open": row(404, anonymous=LOGIN, learner_a=REDIRECT),
    "set_language": everyone(REDIRECT),
    "credentials:lookup": row(404, anonymous=LOGIN, learner_a=REDIRECT),
    # Learners of the course (A in X, B in Y) mark a lesson done; for others it says why not.
    "courses:lesson_done": logged_in(REDIRECT),
    # A has passed already: in scope, the start is refused with a message.
    "assessments:start": staff_of_x(REDIRECT),
    # Confirmed attempt: in scope, discarding and removing evidence are refused with a message.
    "assessments:discard": staff_of_x(REDIRECT),
    "assessments:evidence_remove": staff_of_x(REDIRECT, learner_a=REDIRECT),
    # The fixture's session ended at noon: staff of X are told so on the roll call.
    "attendance:checkin_open": staff_of_x(REDIRECT),
    # No window named: nothing to close, for anyone.
    "attendance:checkin_close": row(404, anonymous=LOGIN),
    # No card scanned: staff of X are told it is not a card (JSON, 400); others not shown it.
    "attendance:scan_card": staff_of_x(400),
    # Everyone resets their own card only.
    "attendance:card_reset": logged_in(REDIRECT),
    # Learner A's failed reminder: cohort X's coordinator sends it again (the administrator then
    # finds it waiting: a message); others are not shown it.
    "attendance:reminder_retry": row(
        404, anonymous=LOGIN, coordinator_x=REDIRECT, superuser=REDIRECT
    ),
    # Everyone resets their own calendar link.
    "attendance:calendar_feed_reset": logged_in(REDIRECT),
    # A passed already (and is certified): starting again or handing in again is refused with a
    # message; nobody else is shown A's enrolment or attempt.
    "quizzes:start": row(404, anonymous=LOGIN, learner_a=REDIRECT),
    "quizzes:submit": row(404, anonymous=LOGIN, learner_a=REDIRECT),
    "quizzes:assist_start": staff_of_x(REDIRECT),
}

# Who may change data with the POST above; for everyone else the database must stay the same.
POST_MAY_CHANGE = {
    "courses:lesson_done": {"learner_a", "learner_b"},
    "mentors:assignment_end": {"coordinator_x"},
    "mentors:consent": {
        "learner_a",
        "learner_b",
        "trainer_x",
        "trainer_y",
        "coordinator_x",
        "coordinator_y",
        "superuser",
    },
    "notifications:read_all": {"learner_a"},
    "notifications:open": {"learner_a"},
    "attendance:card_reset": set(PERSONAS) - {"anonymous"},
    "attendance:reminder_retry": {"coordinator_x", "superuser"},
    "attendance:calendar_feed_reset": set(PERSONAS) - {"anonymous"},
}

# Query strings some URLs need to name an object: the chooser's "chosen" of several ids.
QUERY = {
    f"wagtailsnippetchoosers_{model}:chosen_multiple": lambda w, p, model=model: {
        "id": SNIPPET_OBJECTS[model](w, p)
    }
    for model in (
        "courses_cohort",
        "courses_enrolment",
        "lms_profile",
        "lms_region",
        "courses_trade",
        "assessments_assessmenttemplate",
        "assessments_quiz",
        "assessments_question",
        "assessments_questioncategory",
    )
}


# --- The database as a person could change it ---------------------------------------------------


def db_state():
    """Everything an out-of-scope request could alter, as comparable values."""
    return {
        "cohorts": list(Cohort.objects.order_by("pk").values_list("pk", "name", "capacity")),
        "enrolments": list(
            Enrolment.objects.order_by("pk").values_list("pk", "status", "withdrawal_reason")
        ),
        "completions": list(LessonCompletion.objects.order_by("pk").values_list("pk")),
        "notifications": list(Notification.objects.order_by("pk").values_list("pk", "read_at")),
        "attempts": list(
            Attempt.objects.order_by("pk").values_list("pk", "status", "outcome", "feedback")
        ),
        "results": list(CriterionResult.objects.order_by("pk").values_list("pk", "met")),
        "reviews": list(Review.objects.order_by("pk").values_list("pk", "decision")),
        "evidence": list(Evidence.objects.order_by("pk").values_list("pk", "file")),
        "templates": list(AssessmentTemplate.objects.order_by("pk").values_list("pk", "name")),
        "profiles": list(Profile.objects.order_by("pk").values_list("pk", "printed_name")),
        "users": list(User.objects.order_by("pk").values_list("pk", "username", "is_active")),
        "regions": list(Region.objects.order_by("pk").values_list("pk", "name")),
        "trades": list(Trade.objects.order_by("pk").values_list("pk", "name")),
        "sessions": list(
            Session.objects.order_by("pk").values_list("pk", "topic", "date", "cancelled")
        ),
        "attendance": list(
            AttendanceRecord.objects.order_by("pk").values_list("pk", "status", "note")
        ),
        "checkin_windows": list(
            CheckInWindow.objects.order_by("pk").values_list("pk", "closed_early_at")
        ),
        "self_checkins": list(SelfCheckIn.objects.order_by("pk").values_list("pk")),
        "cards": list(LearnerCard.objects.order_by("pk").values_list("pk", "revoked_at")),
        "certificates": list(
            Certificate.objects.order_by("pk").values_list("pk", "status", "status_reason")
        ),
        "volunteer_requests": list(
            VolunteerRequest.objects.order_by("pk").values_list("pk", "status", "enrolment")
        ),
        "mentor_assignments": list(
            Assignment.objects.order_by("pk").values_list("pk", "mentor", "ended_on")
        ),
        "mentor_profiles": list(
            MentorProfile.objects.order_by("pk").values_list("pk", "max_mentees")
        ),
        "meetings": list(
            Meeting.objects.order_by("pk").values_list(
                "pk", "met_on", "next_step", "private_note", "needs_attention"
            )
        ),
        "supervisions": list(Supervision.objects.order_by("pk").values_list("pk", "notes")),
        "sharing": list(
            SharingConsent.objects.order_by("pk").values_list(
                "pk", "course_progress", "attendance", "next_session"
            )
        ),
        "quiz_attempts": list(
            QuizAttempt.objects.order_by("pk").values_list("pk", "status", "score")
        ),
        "quiz_answers": list(AttemptQuestion.objects.order_by("pk").values_list("pk", "answer")),
        "follow_ups": list(
            FollowUp.objects.order_by("pk").values_list("pk", "months", "outcome", "note")
        ),
        "reminders": list(SessionReminder.objects.order_by("pk").values_list("pk", "status")),
        "reminder_choices": list(
            ReminderPreference.objects.order_by("pk").values_list("pk", "by_email", "by_sms")
        ),
        "calendar_feeds": list(CalendarFeed.objects.order_by("pk").values_list("pk", "token_hash")),
    }


# --- Walking the URLconf ----------------------------------------------------------------------


def _module(callback) -> str:
    return getattr(callback, "view_class", callback).__module__


def _is_project_admin(name: str, callback) -> bool:
    """Inside Wagtail's admin: the project's views and the snippet viewsets of its models."""
    if _module(callback).split(".")[0] in PROJECT_APPS:
        return True
    namespace = name.split(":")[0]
    return any(
        namespace.startswith(f"{prefix}_{app}_")
        for prefix in ("wagtailsnippets", "wagtailsnippetchoosers")
        for app in PROJECT_APPS
    )


def project_urls() -> dict[str, URLPattern]:
    found: dict[str, URLPattern] = {}

    def walk(patterns, namespaces, inside):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                urlconf = getattr(pattern.urlconf_module, "__name__", "")
                walk(
                    pattern.url_patterns,
                    [*namespaces, pattern.namespace] if pattern.namespace else namespaces,
                    urlconf if urlconf in WAGTAIL_URLCONFS else inside,
                )
                continue
            name = ":".join([*namespaces, pattern.name or ""])
            if inside == "wagtail.admin.urls":
                if not _is_project_admin(name, pattern.callback):
                    continue
            elif inside:
                continue
            assert pattern.name, f"URL pattern {pattern.pattern} has no name"
            found[name] = pattern

    walk(get_resolver().url_patterns, [], None)
    return found


# --- Filling the URLs with learner A's and cohort X's objects ------------------------------------

SNIPPET_OBJECTS = {
    "courses_cohort": lambda w, p: w.cohort_x.pk,
    "courses_enrolment": lambda w, p: w.enrolment_a.pk,
    "lms_profile": lambda w, p: w.learner_a.profile.pk,
    "lms_region": lambda w, p: w.cohort_x.region_id,
    "courses_trade": lambda w, p: w.course.trade_id,
    "assessments_assessmenttemplate": lambda w, p: p.template.pk,
    "assessments_quiz": lambda w, p: p.quiz.pk,
    "assessments_question": lambda w, p: p.quiz_attempt.questions.first().question_id,
    "assessments_questioncategory": lambda w, p: p.quiz.draws.first().category_id,
}


def learner_a_notification(world) -> Notification:
    found = Notification.objects.filter(recipient=world.learner_a).first()
    return found or Notification.objects.create(
        recipient=world.learner_a,
        kind="certificate_issued",
        params={"course": "Artisan Baking", "serial": "2026-000001", "certificate_id": 1},
    )


def learner_a_failed_reminder(world, practical) -> SessionReminder:
    session = SessionFactory(cohort=world.cohort_x, date=timezone.localdate())
    return SessionReminder.objects.create(
        session=session, enrolment=world.enrolment_a, channel="email", status="failed"
    )


ARGUMENTS = {
    "parent_page_id": lambda w, p: w.course.get_parent().pk,
    "session_id": lambda w, p: p.session.pk,
    "batch_id": lambda w, p: p.certificate.batch_id,
    "code": lambda w, p: p.certificate.verification_code,
    "number": lambda w, p: 0,
    "uuid": lambda w, p: p.certificate.credential.uuid,
    "cohort_id": lambda w, p: w.cohort_x.pk,
    "count": lambda w, p: "at-risk",
    "enrolment_id": lambda w, p: w.enrolment_a.pk,
    "template_id": lambda w, p: p.template.pk,
    "attempt_id": lambda w, p: p.attempt.pk,
    "evidence_id": lambda w, p: p.evidence.pk,
    "lesson_id": lambda w, p: w.course.lessons().first().pk,
    "user_id": lambda w, p: w.learner_a.pk,
    "request_id": lambda w, p: p.volunteer_request.pk,
    "mentor_id": lambda w, p: p.mentor.pk,
    "assignment_id": lambda w, p: p.assignment.pk,
    "meeting_id": lambda w, p: mentor_meeting(p).pk,
    "table": lambda w, p: "by_region",
    "uidb64": lambda w, p: urlsafe_base64_encode(force_bytes(w.learner_a.pk)),
    "token": lambda w, p: default_token_generator.make_token(w.learner_a),
    "notification_id": lambda w, p: learner_a_notification(w).pk,
    "reminder_id": lambda w, p: learner_a_failed_reminder(w, p).pk,
    "feed_token": lambda w, p: calendar_feed_reset(user=w.learner_a, by=w.learner_a),
    "quiz_id": lambda w, p: p.quiz.pk,
    "course_id": lambda w, p: w.course.pk,
    "size": lambda w, p: 192,
    "language": lambda w, p: "es",
}


def mentor_meeting(practical) -> Meeting:
    """Mentor M's meeting with learner A, logged today (so M could still change it)."""
    found = Meeting.objects.filter(assignment=practical.assignment).first()
    return found or Meeting.objects.create(
        assignment=practical.assignment,
        author=practical.mentor,
        met_on=practical.assignment.started_on,
        next_step="Call on Monday",
        private_note="Private words.",
    )


def url_kwargs(name: str, pattern: URLPattern, world, practical) -> dict:
    kwargs = {}
    for key in pattern.pattern.converters:
        if key == "attempt_id" and name.startswith("quizzes:"):
            kwargs[key] = practical.quiz_attempt.pk
        elif key == "enrolment_id" and name == "mentors:assign":
            kwargs[key] = practical.trainee_enrolment.pk
        elif key == "pk" and name.startswith(("certificates:", "credentials:")):
            kwargs[key] = practical.certificate.pk
        elif key == "pk":
            model = name.split(":")[0].split("_", 1)[1]
            kwargs[key] = SNIPPET_OBJECTS[model](world, practical)
        else:
            kwargs[key] = ARGUMENTS[key](world, practical)
    return kwargs


def outcome(response):
    if response.get("Content-Type", "").startswith("application/json"):
        data = response.json()
        if data.get("step") == "chosen" and data.get("result") == []:
            return NONE_CHOSEN
    if response.status_code in (301, 302):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


def client_for(persona, world) -> Client:
    client = Client()
    if persona != "anonymous":
        client.force_login(getattr(world, persona))
    return client


# --- The tests --------------------------------------------------------------------------------


def test_every_url_has_a_matrix_entry():
    missing = sorted(set(project_urls()) - set(MATRIX))
    assert not missing, f"URLs with no entry in the access matrix: {missing}"
    stale = sorted(set(MATRIX) - set(project_urls()))
    assert not stale, f"Matrix entries for URLs that no longer exist: {stale}"


def test_every_post_only_url_has_a_post_entry():
    post_only_urls = {name for name, expected in MATRIX.items() if expected == post_only()}
    assert post_only_urls == set(POST_MATRIX)


def url_for(name, world, practical) -> str:
    url = reverse(name, kwargs=url_kwargs(name, project_urls()[name], world, practical))
    if name in QUERY:
        url += "?" + urlencode(QUERY[name](world, practical), doseq=True)
    return url


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_access(name, world, practical):
    url = url_for(name, world, practical)
    wrong = []
    for persona in PERSONAS:
        client = client_for(persona, world)
        got = outcome(client.get(url))
        if got != MATRIX[name][persona]:
            wrong.append(f"{persona}: expected {MATRIX[name][persona]}, got {got}")
        if got == 404:
            before = db_state()
            posted = outcome(client.post(url, {}))
            if posted not in (404, 405) or db_state() != before:
                wrong.append(f"{persona}: POST out of scope gave {posted} or changed data")
    assert not wrong, f"GET {url} ({name}):\n" + "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(POST_MATRIX))
def test_post_access(name, world, practical):
    url = url_for(name, world, practical)
    wrong = []
    for persona in PERSONAS:
        before = db_state()
        got = outcome(client_for(persona, world).post(url, {}))
        expected = POST_MATRIX[name][persona]
        if got != expected:
            wrong.append(f"{persona}: expected {expected}, got {got}")
        if persona not in POST_MAY_CHANGE.get(name, ()) and db_state() != before:
            wrong.append(f"{persona}: changed data")
    assert not wrong, f"POST {url} ({name}):\n" + "\n".join(wrong)
