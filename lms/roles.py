"""The roles people hold, as Django groups. Superusers administer everything."""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TRAINER = "Trainer"
COORDINATOR = "Coordinator"

ROLE_LABELS = {LEARNER: _("Learner"), TRAINER: _("Trainer"), COORDINATOR: _("Coordinator")}
# Roles of employees: they open the Wagtail admin, and their accounts are marked staff.
STAFF_ROLES = (TRAINER, COORDINATOR)

# Model permissions each staff role holds in the Wagtail admin; what rows they see is scoped
# separately by the selectors (a coordinator edits only the cohorts they coordinate).
ROLE_PERMISSIONS = {
    LEARNER: [],
    TRAINER: [
        ("wagtailadmin", "admin", "access_admin"),
    ],
    COORDINATOR: [
        ("wagtailadmin", "admin", "access_admin"),
        # Translate course pages into the other languages (simple_translation).
        ("simple_translation", "simpletranslation", "submit_translation"),
        ("courses", "cohort", "view_cohort"),
        ("courses", "cohort", "change_cohort"),
        ("courses", "enrolment", "view_enrolment"),
        ("courses", "enrolment", "add_enrolment"),
        ("courses", "enrolment", "change_enrolment"),
        ("lms", "profile", "view_profile"),
        ("lms", "profile", "change_profile"),
        # Name regions and trades in the other languages (the original name and the code
        # stay with administrators: lms.models.NamedInLanguages.name_panels).
        ("lms", "region", "view_region"),
        ("lms", "region", "change_region"),
        ("courses", "trade", "view_trade"),
        ("courses", "trade", "change_trade"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
        # Practical assessment checklists of the courses they coordinate (scoped in
        # assessments.practical.selectors.templates_editable_by).
        ("assessments", "assessmenttemplate", "view_assessmenttemplate"),
        ("assessments", "assessmenttemplate", "add_assessmenttemplate"),
        ("assessments", "assessmenttemplate", "change_assessmenttemplate"),
    ],
}

# Images and documents live in collections: the roles' permissions on them are granted on the
# root collection too, from the same list.
COLLECTION_APPS = ("wagtailimages", "wagtaildocs")
COLLECTION_PERMISSIONS = {
    role: [(app, codename) for app, _model, codename in perms if app in COLLECTION_APPS]
    for role, perms in ROLE_PERMISSIONS.items()
}
# Coordinators edit and publish course content under the course index.
PAGE_PERMISSIONS = {COORDINATOR: ["add_page", "change_page", "publish_page"]}

# The permission that marks a coordinator (trainers and learners lack it; superusers hold every
# permission): who sees "My caseload" and lands on it after logging in.
COORDINATOR_PERMISSION = "courses.change_cohort"


def is_coordinator(user) -> bool:
    """Coordinators (and administrators, who hold every permission)."""
    return user.is_authenticated and user.has_perm(COORDINATOR_PERMISSION)
