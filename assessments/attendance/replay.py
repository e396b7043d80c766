"""A roll call saved on a phone without a signal and sent later (docs/offline.md): the same
form, the same service and the same version check as the online page; the answer is what the
phone's queue reads (lms/offline/replay.py)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from assessments.attendance import services
from assessments.attendance.forms import RollCallForm, named_enrolment_ids
from lms.offline.replay import conflict_answer, refused_answer, replay_answer
from lms.offline.services import offline_write_replay


def roll_call_replay(request, *, session, rows, data, key: str):
    if named_enrolment_ids(data) - {row.enrolment.pk for row in rows}:
        return refused_answer(
            _("Not sent: a learner in this roll call is no longer enrolled in the cohort.")
        )
    form = RollCallForm(data, rows=rows)
    if not form.is_valid():
        errors = [message for messages in form.errors.values() for message in messages]
        return refused_answer(" ".join(errors))

    def perform():
        outcome = services.roll_call_save(session=session, entries=form.entries(), by=request.user)
        return _("Roll call saved: %(created)s new, %(changed)s changed.") % {
            "created": outcome.created,
            "changed": outcome.changed,
        }

    try:
        result = offline_write_replay(
            user=request.user, key=key, action="attendance.roll_call.save", perform=perform
        )
    except services.RollCallConflictError as error:
        count = len(error.conflicts)
        return conflict_answer(
            ngettext(
                "Not sent: someone else changed one of these records meanwhile. "
                "Open the roll call to see both and choose.",
                "Not sent: someone else changed %(count)s of these records meanwhile. "
                "Open the roll call to see both and choose.",
                count,
            )
            % {"count": count}
        )
    except ValidationError as error:
        return refused_answer(" ".join(error.messages))
    return replay_answer(result)
