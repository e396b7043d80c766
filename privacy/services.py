"""Writes for personal data: the learner's own export, erasure, and the retention rule."""

import datetime
import io
import json
import re
import zipfile

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from assessments.models import Attempt, Evidence
from courses.models import Enrolment
from lms.models import Profile
from privacy import selectors
from privacy.models import Erasure
from privacy.sections import SECTIONS

MSG_ERASE_SELF = _("You cannot erase your own account.")
MSG_ERASE_SUPERUSER = _("An administrator's account cannot be erased; remove the role first.")
MSG_ALREADY_ERASED = _("This person's data has already been erased.")


def person_export(*, user) -> bytes:
    """Everything held about `user`, as a ZIP: data.json and their files. Recorded in the log."""
    data = {
        "exported_at": timezone.now().isoformat(),
        **{section.name: section.export(user) for section in SECTIONS},
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, indent=2, ensure_ascii=False))
        for section in SECTIONS:
            for name, stored in section.files(user):
                try:
                    with stored.open("rb") as handle:
                        archive.writestr(name, handle.read())
                except FileNotFoundError:
                    continue
    log(instance=user, action="privacy.person.export", user=user)
    return buffer.getvalue()


def _names_of(user) -> set[str]:
    """What identifies `user` in free text, read before the erasure: printed name, full name,
    username and email. Single first or last names are left out: alone they name nobody, and
    replacing them would garble entries about other people who share them."""
    profile = getattr(user, "profile", None)
    names = {
        user.get_full_name(),
        user.username,
        user.email,
        getattr(profile, "printed_name", "") or "",
    }
    return {name.strip() for name in names if len(name.strip()) >= 3}


def _scrub(value, names: set[str], pseudonym: str):
    """`value` (a label, or log data of any shape) with every name replaced by the pseudonym."""
    if isinstance(value, str):
        for name in sorted(names, key=len, reverse=True):
            value = re.sub(re.escape(name), pseudonym, value, flags=re.IGNORECASE)
        return value
    if isinstance(value, dict):
        return {key: _scrub(item, names, pseudonym) for key, item in value.items()}
    if isinstance(value, list):
        return [_scrub(item, names, pseudonym) for item in value]
    return value


def _relabel_log_entries(user, names: set[str]) -> None:
    """Log entries keep the label an object had when it was logged: rewrite those naming the
    person, so the history still shows what happened and when, but not to whom.

    First the entries about the person's own objects get the objects' current (pseudonymised)
    labels, which also covers a name the person had before; then every entry of every log model
    (Wagtail's page and model logs, and any other registered) whose label or data holds one of
    the person's names has it replaced, whatever object the entry is about."""
    for model, ids in (
        (type(user), [user.pk]),
        (Profile, Profile.objects.filter(user=user).values_list("pk", flat=True)),
        (Enrolment, Enrolment.objects.filter(learner=user).values_list("pk", flat=True)),
        (Attempt, Attempt.objects.filter(enrolment__learner=user).values_list("pk", flat=True)),
    ):
        content_type = ContentType.objects.get_for_model(model)
        for obj in model._default_manager.filter(pk__in=ids):
            ModelLogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)).update(
                label=str(obj)
            )
    if not names:
        return
    pseudonym = str(user)
    mentions = Q()
    for name in names:
        # SQLite keeps JSON data as text with non-ASCII letters escaped (and case-folds only
        # ASCII), PostgreSQL keeps them as they are: narrow down on the name's longest ASCII
        # run, and let `_scrub` decide.
        spelling = max(re.findall(r"[\x20-\x7e]+", name), key=len, default="")
        if len(spelling) >= 3:
            mentions |= Q(label__icontains=spelling) | Q(data__icontains=spelling)
        mentions |= Q(label__icontains=name)
    for log_model in log_registry.get_log_entry_models():
        for entry in log_model.objects.filter(mentions).only("pk", "label", "data"):
            label, data = (
                _scrub(entry.label, names, pseudonym),
                _scrub(entry.data, names, pseudonym),
            )
            if (label, data) != (entry.label, entry.data):
                log_model.objects.filter(pk=entry.pk).update(label=label, data=data)


def _forget_login_records(username: str) -> None:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username=username).delete()


@transaction.atomic
def person_erase(*, user, by=None) -> Erasure:
    """Remove or pseudonymise everything that identifies `user`; keep what the figures count.

    `by` is the administrator, or None when the retention rule erases. Evidence files are deleted
    from storage once the transaction commits, so a failure leaves both rows and files."""
    if by is not None and by.pk == user.pk:
        raise ValidationError(MSG_ERASE_SELF)
    if user.is_superuser:
        raise ValidationError(MSG_ERASE_SUPERUSER)
    if Erasure.objects.filter(user=user).exists():
        raise ValidationError(MSG_ALREADY_ERASED)
    old_username = user.username
    names = _names_of(user)
    stored: list[str] = []
    for section in SECTIONS:
        stored.extend(section.erase(user))
    user = type(user).objects.select_related("profile").get(pk=user.pk)  # as now pseudonymised
    _relabel_log_entries(user, names)
    _forget_login_records(old_username)
    erasure = Erasure.objects.create(user=user, erased_by=by)
    log(
        instance=user,
        action="privacy.person.erase",
        user=by,
        data={"files_deleted": len(stored), "by_retention_rule": by is None},
    )
    storage = Evidence.file.field.storage
    transaction.on_commit(lambda: [storage.delete(name) for name in stored])
    return erasure


def retention_apply(*, today: datetime.date, days: int, apply: bool) -> list:
    """People inactive for more than `days` (see `selectors.people_past_retention`); erased
    only when `apply` is true. Returns the accounts concerned."""
    users = list(selectors.people_past_retention(today=today, days=days))
    if apply:
        for user in users:
            person_erase(user=user, by=None)
    return users
