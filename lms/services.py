"""Writes for the shared base: roles and people."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from lms import roles
from lms.models import Profile, User

COLLECTION_PERMISSIONS = {
    roles.COORDINATOR: [
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ],
}


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
        for name, perms in COLLECTION_PERMISSIONS.items():
            for app, codename in perms:
                permission = Permission.objects.filter(
                    content_type__app_label=app, codename=codename
                ).first()
                if permission is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=root_collection, permission=permission
                    )

    for grant in roles.ROLE_GRANTS:  # what the apps above give the roles (their ready())
        grant(groups=groups)
    return groups


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


def user_grant_role(*, user: User, role: str) -> None:
    group, _created = Group.objects.get_or_create(name=role)
    user.groups.add(group)
    if role in (roles.TRAINER, roles.COORDINATOR) and not user.is_staff:
        # Wagtail's admin login only needs the access_admin permission, but being staff marks
        # the account as an employee in Django's own tools too.
        user.is_staff = True
        user.save(update_fields=["is_staff"])


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
    user_grant_role(user=user, role=role)
    return user


def profile_set_language(*, user, language: str) -> None:
    """Remember the language a person chose, so it follows them to any device at login."""
    from django.conf import settings

    if language not in dict(settings.LANGUAGES):
        raise ValueError(language)
    Profile.objects.filter(user=user).update(preferred_language=language)


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
