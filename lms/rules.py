"""Who may change a person's account: pure rules over plain values, no ORM, no request."""

from enum import Enum

from lms import roles


class PersonRefusal(Enum):
    NOT_OWN_PROFILE = "not_own_profile"
    ROLE_NOT_GRANTABLE = "role_not_grantable"


def profile_edit_refusal(*, by_id: int, owner_id: int) -> PersonRefusal | None:
    """A person edits their own profile on the site (coordinators correct the people of their
    cohorts in the admin, through its own scoped views)."""
    return None if by_id == owner_id else PersonRefusal.NOT_OWN_PROFILE


def role_grant_refusal(
    *, role: str, by_is_superuser: bool, by_is_coordinator: bool
) -> PersonRefusal | None:
    """Administrators give any role; a coordinator only makes learners (the CSV import makes
    their accounts). Staff roles open the admin, so they stay with administrators."""
    if by_is_superuser:
        return None
    if role == roles.LEARNER and by_is_coordinator:
        return None
    return PersonRefusal.ROLE_NOT_GRANTABLE
