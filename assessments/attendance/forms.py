import re

from django import forms
from django.utils.translation import gettext_lazy as _

from assessments.attendance.services import NOTE_LIMIT, RollCallEntry
from assessments.models import AttendanceStatus

# The fields of one roll-call row: status-<enrolment id>, note-<id>, version-<id>.
ROW_FIELD = re.compile(r"^(status|note|version)-(\d+)$")


def named_enrolment_ids(data) -> set[int]:
    """Every enrolment id a submitted roll call names, whether or not it is on the roll call."""
    return {int(match.group(2)) for key in data if (match := ROW_FIELD.match(key))}


class StatusField(forms.CharField):
    """One of the four statuses, or empty. Lighter than a ChoiceField, which normalises its
    choices anew for each of the hundreds of rows of a large roll call."""

    def validate(self, value):
        super().validate(value)
        if value and value not in AttendanceStatus.values:
            raise forms.ValidationError(_("Choose Present, Late, Excused or Absent."))


MSG_NOTE_WITHOUT_STATUS = _(
    "%(name)s: choose Present, Late, Excused or Absent, or the note you wrote is not kept."
)


class RollCallForm(forms.Form):
    """One row per learner on the roll call: a status (none chosen leaves the row untouched),
    a note, and the version of the record the page showed."""

    def __init__(self, *args, rows, **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for row in rows:
            pk = row.enrolment.pk
            learner = row.enrolment.learner
            profile = getattr(learner, "profile", None)
            name = profile.printed_name if profile else learner.get_username()
            self.fields[f"status-{pk}"] = StatusField(label=name, required=False)
            self.fields[f"note-{pk}"] = forms.CharField(
                label=_("Note for %(name)s") % {"name": name},
                max_length=NOTE_LIMIT,
                required=False,
                initial=row.record.note if row.record else "",
            )
            self.fields[f"version-{pk}"] = forms.IntegerField(
                min_value=0, required=False, widget=forms.HiddenInput, initial=row.version
            )

    def clean(self):
        """A note is kept with a status: one typed for a learner left without a choice would be
        dropped without a word, so nothing is saved and the person is asked to choose."""
        cleaned = super().clean()
        for row in self.rows:
            pk = row.enrolment.pk
            note = (cleaned.get(f"note-{pk}") or "").strip()
            saved_note = row.record.note if row.record else ""
            if not cleaned.get(f"status-{pk}") and note and note != saved_note:
                message = MSG_NOTE_WITHOUT_STATUS % {"name": self.fields[f"status-{pk}"].label}
                self.add_error(f"status-{pk}", message)
                self.add_error(None, message)  # at the top too: the row may be far down
        return cleaned

    def entries(self) -> list[RollCallEntry]:
        entries = []
        for row in self.rows:
            pk = row.enrolment.pk
            status = self.cleaned_data.get(f"status-{pk}")
            if status:
                entries.append(
                    RollCallEntry(
                        enrolment_id=pk,
                        status=status,
                        note=self.cleaned_data.get(f"note-{pk}", ""),
                        version=self.cleaned_data.get(f"version-{pk}") or 0,
                    )
                )
        return entries
