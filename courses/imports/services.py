"""Writes of the enrolment import: the audited preview and the import itself."""

import secrets

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from courses.imports.checking import ImportPreview, ImportResult, validate_rows
from courses.imports.parsing import MSG_FILE_HAS_ERRORS
from courses.models import Cohort
from courses.services import enrolment_create
from lms import roles
from lms.i18n import localized_page
from lms.models import User
from lms.services import person_create

MSG_WELCOME_SUBJECT = _("Your account for %(course)s: choose a password")


def enrolments_import_preview(
    *, cohort: Cohort, records: list[dict[str, str]], by
) -> ImportPreview:
    """Check a file as `by` would import it, and record that they looked (counts only: what
    the file says about people stays out of the log)."""
    preview = validate_rows(cohort=cohort, records=records, by=by)
    log(
        instance=cohort,
        action="courses.enrolment.import_preview",
        user=by,
        data={
            "rows": len(preview.rows),
            "existing": len(preview.rows) - preview.new_count,
            "rows_with_errors": preview.error_row_count,
        },
    )
    return preview


def username_generate(*, email: str) -> str:
    """A new learner's username: the email's local part and a random suffix, always, so the
    username a coordinator later reads says nothing about which names were already taken."""
    local = "".join(c for c in email.split("@")[0].lower() if c.isalnum() or c in "._-")[:30]
    while True:
        username = f"{local or 'learner'}-{secrets.token_hex(3)}"
        if not User.objects.filter(username__iexact=username).exists():
            return username


@transaction.atomic
def enrolments_import_csv(*, cohort: Cohort, rows: list[dict[str, str]], by) -> ImportResult:
    """Enrol every row of a checked file, creating accounts for new learners. All or nothing.

    `rows` are the records from `parse_csv`. They are checked again here, with the cohort locked,
    because the database may have changed since the preview. New learners are emailed a link to
    choose their password once the transaction has committed."""
    cohort = Cohort.objects.select_for_update().select_related("course").get(pk=cohort.pk)
    preview = validate_rows(cohort=cohort, records=rows, by=by)
    if not preview.is_valid:
        raise ValidationError(MSG_FILE_HAS_ERRORS)

    enrolments, new_learners = [], []
    for row in preview.rows:
        learner = row.learner
        if learner is None:
            learner = person_create(
                username=row.new_username or username_generate(email=row.email),
                email=row.email,
                printed_name=row.printed_name,
                region=row.region,
                preferred_language=row.preferred_language or settings.LANGUAGE_CODE,
                role=roles.LEARNER,
            )
            log(instance=learner, action="lms.person.create", user=by)
            new_learners.append(learner)
        enrolments.append(
            enrolment_create(learner=learner, cohort=cohort, enrolled_on=row.enrolled_on, by=by)
        )
    log(
        instance=cohort,
        action="courses.enrolment.import",
        user=by,
        data={"enrolled": len(enrolments), "new_accounts": len(new_learners)},
    )
    learner_ids = [u.pk for u in new_learners]
    transaction.on_commit(lambda: welcome_emails_send(learner_ids=learner_ids, cohort_id=cohort.pk))
    return ImportResult(enrolments=enrolments, new_learners=new_learners)


def welcome_emails_send(*, learner_ids: list[int], cohort_id: int) -> int:
    """Email each new learner a link to choose a password, in their preferred language."""
    cohort = Cohort.objects.select_related("course").get(pk=cohort_id)
    base_url = settings.SITE_URL
    sent = 0
    for user in User.objects.filter(pk__in=learner_ids).select_related("profile"):
        if not user.email:
            continue
        language = getattr(getattr(user, "profile", None), "preferred_language", "") or "en"
        with translation.override(language):
            link = base_url + reverse(
                "password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            # The course as the learner will read it: its translation in their language, if any.
            course = localized_page(cohort.course, language=language)
            context = {"user": user, "cohort": cohort, "course": course, "link": link}
            subject = str(MSG_WELCOME_SUBJECT % {"course": course.title})
            body = render_to_string("courses/admin/enrolment_welcome_email.txt", context)
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent
