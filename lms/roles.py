"""The roles people hold, as Django groups. Superusers administer everything."""

from django.utils.translation import gettext_lazy as _

LEARNER = "Learner"
TRAINER = "Trainer"
COORDINATOR = "Coordinator"

ROLE_LABELS = {LEARNER: _("Learner"), TRAINER: _("Trainer"), COORDINATOR: _("Coordinator")}
# Roles of employees: they open the Wagtail admin, and their accounts are marked staff.
STAFF_ROLES = (TRAINER, COORDINATOR)

# Model permissions each staff role holds in the Wagtail admin; what rows they see is scoped
# separately by the selectors (a coordinator edits only the cohorts they coordinate). Here those
# of lms and Wagtail; each app above adds its own in its AppConfig.ready() (permissions_register).
ROLE_PERMISSIONS = {
    LEARNER: [],
    TRAINER: [
        ("wagtailadmin", "admin", "access_admin"),
    ],
    COORDINATOR: [
        ("wagtailadmin", "admin", "access_admin"),
        # Translate course pages into the other languages (simple_translation).
        ("simple_translation", "simpletranslation", "submit_translation"),
        ("lms", "profile", "view_profile"),
        ("lms", "profile", "change_profile"),
        # Name regions and trades in the other languages (the original name and the code
        # stay with administrators: lms.models.NamedInLanguages.name_panels).
        ("lms", "region", "view_region"),
        ("lms", "region", "change_region"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
    ],
}

# Images and documents live in collections: the roles' permissions on them are granted on the
# staff collection too ("Course materials", lms.services.STAFF_COLLECTION), from the same list.
COLLECTION_APPS = ("wagtailimages", "wagtaildocs")
COLLECTION_PERMISSIONS = {
    role: [(app, codename) for app, _model, codename in perms if app in COLLECTION_APPS]
    for role, perms in ROLE_PERMISSIONS.items()
}

# Grants beyond model permissions that apps make when the roles are ensured after migrate (pages,
# collections): callables taking `groups` (role name -> Group), added by grants_register.
ROLE_GRANTS: list = []


def permissions_register(role: str, permissions: list[tuple[str, str, str]]) -> None:
    """An app gives `role` its model permissions: (app label, model, codename) triples."""
    held = ROLE_PERMISSIONS[role]
    held.extend(permission for permission in permissions if permission not in held)


def grants_register(grant) -> None:
    """An app's grant, run by `lms.services.roles_ensure` with the role groups."""
    if grant not in ROLE_GRANTS:
        ROLE_GRANTS.append(grant)


# The permission that marks a coordinator (trainers and learners lack it; superusers hold every
# permission): who sees "My caseload" and lands on it after logging in.
COORDINATOR_PERMISSION = "courses.change_cohort"


def is_coordinator(user) -> bool:
    """Coordinators (and administrators, who hold every permission)."""
    return user.is_authenticated and user.has_perm(COORDINATOR_PERMISSION)
