"""A practical record (a draft, perhaps with photos) kept on the phone without a signal and sent
later (docs/offline.md): the same form, with the same size and content checks and the same
messages as the online page, and the same services; the answer is what the phone's queue reads
(lms/offline/replay.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assessments.practical import services
from assessments.practical.forms import AttemptRecordForm
from lms.offline.replay import refused_answer, replay_answer
from lms.offline.services import offline_write_replay


def attempt_record_replay(request, *, attempt, key: str):
    if attempt.assessor_id != request.user.pk or not attempt.is_editable:
        return refused_answer(_("Not sent: this attempt can no longer be changed."))
    form = AttemptRecordForm(request.POST, request.FILES, attempt=attempt)
    if not form.is_valid():
        return refused_answer(" ".join(message for _anchor, message in form.error_summary()))

    def perform():
        services.attempt_record(
            attempt=attempt,
            by=request.user,
            marks=form.marks(),
            feedback=form.cleaned_data["feedback"],
            assessed_on=form.cleaned_data["assessed_on"],
            uploads=form.uploads(),
        )
        if "submit" not in request.POST:
            return _("The draft is saved.")
        # As online: a draft that cannot be submitted yet is still saved, and the person told.
        try:
            with transaction.atomic():
                services.attempt_submit(attempt=attempt, by=request.user)
        except ValidationError as error:
            return _("The draft is saved but not submitted: %(error)s") % {
                "error": " ".join(error.messages)
            }
        return _("Submitted. A second person will now review it.")

    try:
        result = offline_write_replay(
            user=request.user, key=key, action="assessments.attempt.record", perform=perform
        )
    except ValidationError as error:
        return refused_answer(" ".join(error.messages))
    return replay_answer(result)
