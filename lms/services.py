"""Writes for the shared base: roles and people."""

from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from lms import notifications, roles, rules
from lms.models import Notification, Profile, User

MSG_NOT_OWN_PROFILE = _("You can only change your own profile.")
MSG_ROLE_NOT_GRANTABLE = _("Only an administrator can give someone this role.")
PERSON_REFUSAL_MESSAGES = {
    rules.PersonRefusal.NOT_OWN_PROFILE: MSG_NOT_OWN_PROFILE,
    rules.PersonRefusal.ROLE_NOT_GRANTABLE: MSG_ROLE_NOT_GRANTABLE,
}
# Coordinators' images and documents live in this collection, never in the root: the root's
# other children (certificates' "Branding") stay with administrators.
STAFF_COLLECTION = "Course materials"


def _refuse(refusal: rules.PersonRefusal | None) -> None:
    if refusal is not None:
        raise ValidationError(PERSON_REFUSAL_MESSAGES[refusal])


@transaction.atomic
def roles_ensure() -> dict[str, Group]:
    """Create the role groups and give them their permissions. Safe to run again."""
    from wagtail.models import Collection, GroupCollectionPermission

    groups = {}
    for name, perms in roles.ROLE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        wanted = [
            Permission.objects.filter(
                content_type__app_label=app, content_type__model=model, codename=codename
            ).first()
            for app, model, codename in perms
        ]
        group.permissions.add(*[p for p in wanted if p is not None])
        groups[name] = group

    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        staff_collection = staff_collection_ensure()
        for name, perms in roles.COLLECTION_PERMISSIONS.items():
            # Granted on the root, a permission would reach every collection below it.
            GroupCollectionPermission.objects.filter(
                group=groups[name], collection=root_collection
            ).delete()
            for app, codename in perms:
                permission = Permission.objects.filter(
                    content_type__app_label=app, codename=codename
                ).first()
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=staff_collection, permission=permission
                    )

    for grant in roles.ROLE_GRANTS:  # what the apps above give the roles (their ready())
        grant(groups=groups)
    return groups


def staff_collection_ensure():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    found = root.get_children().filter(name=STAFF_COLLECTION).first()
    return found or root.add_child(name=STAFF_COLLECTION)


def locales_ensure() -> None:
    """A Wagtail locale for every language of the site, so any course can be translated."""
    from django.conf import settings
    from wagtail.models import Locale

    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def roles_ensure_after_migrate(sender, **kwargs):
    # Tables may be missing while a partial migrate runs (e.g. `migrate lms 0001`).
    from django.db import connection

    if "wagtailcore_groupcollectionpermission" not in connection.introspection.table_names():
        return
    # This runs on lms's post_migrate, before Django has made the permissions of the apps that
    # come after lms (courses, ...): make them now, or the roles would silently miss them.
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.contenttypes.management import create_contenttypes

    using = kwargs.get("using", "default")
    for app_config in global_apps.get_app_configs():
        create_contenttypes(app_config, verbosity=0, using=using)
        create_permissions(app_config, verbosity=0, using=using)
    locales_ensure()
    roles_ensure()


@transaction.atomic
def user_grant_role(*, user: User, role: str, by: User | None = None) -> None:
    """Give `user` a role. `by` is who asks (None: the system, e.g. a command or migrate):
    administrators give any role, coordinators make learners (lms.rules.role_grant_refusal)."""
    if by is not None:
        _refuse(
            rules.role_grant_refusal(
                role=role,
                by_is_superuser=by.is_superuser,
                by_is_coordinator=roles.is_coordinator(by),
            )
        )
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if role in roles.STAFF_ROLES and not user.is_staff:
        # Wagtail's admin login only needs the access_admin permission, but being staff marks
        # the account as an employee in Django's own tools too.
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    log(instance=user, action="lms.person.grant_role", user=by, data={"role": role})


@transaction.atomic
def person_create(
    *,
    username: str,
    email: str = "",
    printed_name: str,
    region=None,
    preferred_language: str = "en",
    role: str = roles.LEARNER,
    password: str | None = None,
    by: User | None = None,
) -> User:
    """Create an account and its profile. With no password the account must set one by email."""
    first, _sep, last = printed_name.partition(" ")
    user = User(username=username, email=email, first_name=first[:150], last_name=last[:150])
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    Profile.objects.create(
        user=user,
        printed_name=printed_name,
        region=region,
        preferred_language=preferred_language,
    )
    user_grant_role(user=user, role=role, by=by)
    return user


PROFILE_EDITABLE_FIELDS = (
    "printed_name",
    "preferred_language",
    "region",
    "phone",
    "gender",
    "gender_self_description",
    "birth_year",
)


@transaction.atomic
def profile_update(*, user: User, by: User, **fields) -> Profile:
    """A person saves their own profile (the fields the form validated). The first save
    creates the profile of an account made without one."""
    _refuse(rules.profile_edit_refusal(by_id=by.pk, owner_id=user.pk))
    unknown = set(fields) - set(PROFILE_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"Not editable: {sorted(unknown)}")
    profile = Profile.objects.filter(user=user).first() or Profile(
        user=user, printed_name=user.get_full_name()
    )
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.full_clean()
    profile.save()
    log(instance=profile, action="lms.profile.update", user=by, data={"fields": sorted(fields)})
    return profile


@transaction.atomic
def profile_set_language(*, user, language: str) -> None:
    """Remember the language a person chose, so it follows them to any device at login."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    profile = Profile.objects.filter(user=user).first()
    if profile is None or profile.preferred_language == language:
        return
    Profile.objects.filter(pk=profile.pk).update(preferred_language=language)
    log(
        instance=profile,
        action="lms.profile.update",
        user=user,
        data={"fields": ["preferred_language"]},
    )


@transaction.atomic
def page_translation_publish(*, page, language: str, fields: dict | None = None, by=None):
    """Publish `page` in `language`: its existing translation, or a copy made for translation,
    with `fields` (title, summary, body...) set. Parents missing in that language are copied
    and published too, since readers reach a translation through its parents. What the
    admin's 'Translate' action does, for the demo and for tests."""
    from wagtail.models import Locale

    locale = Locale.objects.get(language_code=language)
    page = page.specific
    translation = page.get_translation_or_none(locale)
    if translation is None:
        translation = page.copy_for_translation(locale, copy_parents=True)
    translation = translation.specific
    for name, value in (fields or {}).items():
        setattr(translation, name, value)
    translation.save_revision(user=by, log_action=True).publish(user=by)
    for ancestor in translation.get_ancestors().filter(depth__gt=1).specific():
        if not ancestor.live:
            ancestor.save_revision(user=by, log_action=True).publish(user=by)
    # Publishing wrote to a copy of the page made from the revision: read back what is live.
    return type(translation).objects.get(pk=translation.pk)


@transaction.atomic
def password_change(*, user: User, by: User, new_password: str) -> None:
    """A logged-in person chooses a new password (the form has checked the old one and the
    validators). The change is logged, without the password."""
    _refuse(rules.profile_edit_refusal(by_id=by.pk, owner_id=user.pk))
    user.set_password(new_password)
    user.save(update_fields=["password"])
    log(instance=user, action="lms.person.change_password", user=by)


# --- Notifications (lms/notifications.py has the kinds and their words) ------------------------

MSG_NOT_YOURS = _("This notification is not yours.")


def notification_send(
    *, recipient: User, kind: str, params: dict, by: User | None = None, email: bool = True
):
    """Tell a person something: stored for their list of notifications now, emailed in their
    preferred language once the surrounding transaction commits (through the task queue, so a
    mail server being down never undoes what they are told about). `params` are plain JSON
    values; `by` is whoever caused it (None: the system). `email=False` when the sending app
    writes its own email (the certificate's, with its verification address)."""
    from lms.tasks import notification_email

    with transaction.atomic():
        notification = Notification.objects.create(recipient=recipient, kind=kind, params=params)
        log(instance=notification, action="lms.notification.send", user=by, data={"kind": kind})
        if email and recipient.email:
            transaction.on_commit(
                lambda: notification_email.enqueue(notification_id=notification.pk), robust=True
            )
    return notification


def notifications_send(*, kind: str, sent: list[tuple[User, dict]]) -> list[Notification]:
    """`notification_send` from the system to many people at once (a roll call can put a whole
    cohort at risk): one insert whatever their number; each email queued after commit."""
    from lms.tasks import notification_email

    made = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, params=params) for user, params in sent]
    )
    for notification in made:
        pk = notification.pk
        if notification.recipient.email:
            transaction.on_commit(lambda pk=pk: notification_email.enqueue(notification_id=pk))
    return made


def notifications_mark_read(*, user: User, notification_ids=None) -> int:
    """Mark the person's own unread notifications read (all, or those of `notification_ids`);
    anyone else's are never touched. Returns how many changed."""
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if notification_ids is not None:
        unread = unread.filter(pk__in=notification_ids)
    with transaction.atomic():
        changed = unread.update(read_at=timezone.now())
        if changed:
            log(instance=user, action="lms.notification.read", user=user, data={"count": changed})
    return changed


def notification_open(*, user: User, notification: Notification) -> str:
    """Mark one notification read for its recipient and return where it leads."""
    if notification.recipient_id != user.pk:
        raise ValidationError(MSG_NOT_YOURS)
    notifications_mark_read(user=user, notification_ids=[notification.pk])
    return notifications.kind_of(notification.kind).link(notification.params)
