from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessments.models import Attempt
from assessments.practical import rules, services

MET = "met"
NOT_YET = "not_yet"


class EvidenceInput(forms.ClearableFileInput):
    """Several files at once. The size and number limits ride along as data attributes, so the
    page's script can say "too large" before anything is sent (the server still decides)."""

    allow_multiple_selected = True

    def __init__(self, attrs=None):
        base = {
            "data-evidence-input": "",
            "data-max-bytes": str(rules.EVIDENCE_MAX_BYTES),
            "data-max-files": str(settings.UPLOAD_MAX_FILES),
        }
        super().__init__({**base, **(attrs or {})})


class EvidenceField(forms.FileField):
    widget = EvidenceInput

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class AttemptRecordForm(forms.Form):
    """The assessor's record of one attempt: each criterion met or not yet met, with comments."""

    assessed_on = forms.DateField(
        label=_("Date of the assessment"),
        # The browser's date picker reads and sends ISO dates, whatever the language.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    feedback = forms.CharField(
        label=_("Feedback for the learner"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The learner reads this once the attempt is reviewed."),
    )
    # Two controls: on Android a field that may open the camera offers nothing else, so a PDF or
    # an older photo needs a field of its own.
    photo = EvidenceField(
        label=_("Take a photo"),
        required=False,
        widget=EvidenceInput(attrs={"accept": "image/*", "capture": "environment"}),
        help_text=_("Opens the camera on a phone."),
    )
    evidence = EvidenceField(
        label=_("Choose a file"),
        required=False,
        widget=EvidenceInput(attrs={"accept": "image/*,application/pdf"}),
        help_text=_("Photos already taken, or PDF documents: JPEG, PNG or PDF, up to 10 MB each."),
    )

    def __init__(self, *args, attempt: Attempt, **kwargs):
        super().__init__(*args, **kwargs)
        self.attempt = attempt
        self.criteria = [result.criterion for result in attempt.results.all()]
        enrolment = attempt.enrolment
        earliest = rules.assessment_earliest_day(
            cohort_start=enrolment.cohort.start_date, enrolled_on=enrolment.enrolled_on
        )
        latest = rules.assessment_latest_day(
            today=timezone.localdate(), withdrawn_on=enrolment.withdrawn_on
        )
        # The date picker offers only the days the service accepts; the service still decides.
        self.fields["assessed_on"].widget.attrs.update(
            min=earliest.isoformat(), max=latest.isoformat()
        )
        if not self.is_bound:
            self.initial.setdefault("assessed_on", attempt.assessed_on)
            self.initial.setdefault("feedback", attempt.feedback)
        for result in attempt.results.all():
            cid = result.criterion_id
            self.fields[f"met_{cid}"] = forms.ChoiceField(
                label=result.criterion.translated_statement,
                choices=[(MET, _("Met")), (NOT_YET, _("Not yet met"))],
                widget=forms.RadioSelect(attrs={"class": "btn-check"}),
                required=False,
                initial={True: MET, False: NOT_YET}.get(result.met),
            )
            self.fields[f"comment_{cid}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                initial=result.comment,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean_photo(self):
        return self._checked_files("photo")

    def clean_evidence(self):
        return self._checked_files("evidence")

    def uploads(self) -> list:
        """Every file chosen, photos first."""
        return [*self.cleaned_data.get("photo", []), *self.cleaned_data.get("evidence", [])]

    def error_summary(self) -> list[tuple[str, str]]:
        """Each problem as (the id of the field to go to, or "", what to say), in page order,
        for the summary at the top of the page."""
        problems = [("", str(message)) for message in self.non_field_errors()]
        criteria = [f"{kind}_{c.pk}" for c in self.criteria for kind in ("met", "comment")]
        for name in ["assessed_on", *criteria, "feedback", "photo", "evidence"]:
            field = self.fields[name]
            for message in self.errors.get(name, []):
                bound = self[name]
                # A radio group is reached by its first button.
                anchor = f"{bound.auto_id}_0" if name.startswith("met_") else bound.auto_id
                problems.append((anchor, f"{field.label}: {message}"))
        return problems

    def _checked_files(self, name):
        files = self.cleaned_data.get(name) or []
        errors = []
        for upload in files:
            try:
                services.evidence_check(upload)
            except ValidationError as error:
                errors.extend(error.messages)
        if errors:
            raise ValidationError(errors)
        return files

    def rows(self):
        """Each criterion with its two bound fields, for the template."""
        return [
            (criterion, self[f"met_{criterion.pk}"], self[f"comment_{criterion.pk}"])
            for criterion in self.criteria
        ]

    def marks(self) -> dict[int, services.Mark]:
        marks = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"met_{criterion.pk}")
            met = {MET: True, NOT_YET: False}.get(value)
            marks[criterion.pk] = services.Mark(
                met=met, comment=self.cleaned_data.get(f"comment_{criterion.pk}", "")
            )
        return marks


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you return the attempt: say what must be corrected."),
    )
