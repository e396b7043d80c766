"""Forms for the coordinators' admin: they scope their choices to the user's cohorts and leave
every write to `courses.services`."""

from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from courses import selectors, services
from courses.imports.parsing import MAX_BYTES, MSG_FILE_TOO_LARGE
from courses.models import Enrolment
from courses.services import MSG_WITHDRAW_REASON
from lms import roles
from lms.forms import form_add_service_errors
from lms.models import User

MSG_NO_ACCOUNT = _(
    "No learner of your cohorts has this username or email. To enrol new learners, use "
    "“Enrol from CSV”."
)
MSG_SHARED_EMAIL = _("Several accounts use this email address: give the username instead.")
MSG_NOT_REOPENED = _(
    "A withdrawn or completed enrolment cannot be changed here. Ask an administrator."
)
MSG_COMPLETED_BY_CERTIFICATION = _("Completion is recorded when the learner is certified.")


def _staff_with_role(role: str):
    return User.objects.filter(groups__in=Group.objects.filter(name=role)).select_related("profile")


class CohortAdminForm(WagtailAdminModelForm):
    """Trainers and coordinators are chosen among staff with that role, never among learners.
    A cohort runs an original course, never one of its translations (lms/i18n.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "course" in self.fields:
            self.fields["course"].queryset = self.fields["course"].queryset.filter(
                locale__language_code=settings.LANGUAGE_CODE
            )
        if "trainers" in self.fields:
            self.fields["trainers"].queryset = _staff_with_role(roles.TRAINER)
        if "coordinators" in self.fields:
            self.fields["coordinators"].queryset = _staff_with_role(roles.COORDINATOR)

    def clean(self):
        cleaned = super().clean()
        start_date, end_date = cleaned.get("start_date"), cleaned.get("end_date")
        dates_changed = {"start_date", "end_date"} & set(self.changed_data)
        if self.instance.pk and start_date and end_date and dates_changed:
            try:
                services.cohort_dates_check(
                    cohort=self.instance, start_date=start_date, end_date=end_date
                )
            except forms.ValidationError as error:
                form_add_service_errors(self, error)
        return cleaned


class EnrolmentCreateForm(WagtailAdminModelForm):
    learner_identifier = forms.CharField(
        label=_("Learner's username or email"),
        max_length=254,
        help_text=_("A learner already enrolled in one of your cohorts."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = selectors.cohorts_coordinated_by(
            self.for_user
        ).select_related("course")
        self.fields["enrolled_on"].required = False
        self.fields["enrolled_on"].help_text = _("Leave empty for today.")

    def clean_learner_identifier(self):
        value = self.cleaned_data["learner_identifier"].strip()
        # Only accounts this user may enrol: the answer is the same for an account outside
        # their cohorts as for one that does not exist.
        accounts = selectors.learners_enrollable_by(self.for_user)
        matches = list(accounts.filter(Q(username__iexact=value) | Q(email__iexact=value))[:3])
        by_username = [u for u in matches if u.username.lower() == value.lower()]
        if by_username:
            return by_username[0]
        if not matches:
            raise forms.ValidationError(MSG_NO_ACCOUNT)
        if len(matches) > 1:
            raise forms.ValidationError(MSG_SHARED_EMAIL)
        return matches[0]


class EnrolmentEditForm(WagtailAdminModelForm):
    """Withdraw an active enrolment, with a reason. Completion comes from certification."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial_status = self.instance.status
        choices = [(Enrolment.Status.ACTIVE, Enrolment.Status.ACTIVE.label)]
        choices.append((Enrolment.Status.WITHDRAWN, Enrolment.Status.WITHDRAWN.label))
        if self.initial_status == Enrolment.Status.COMPLETED:
            choices.append((Enrolment.Status.COMPLETED, Enrolment.Status.COMPLETED.label))
        self.fields["status"].choices = choices
        self.fields["withdrawn_on"].help_text = _("Leave empty for today.")

    @property
    def withdraws(self) -> bool:
        return (
            self.initial_status == Enrolment.Status.ACTIVE
            and self.cleaned_data.get("status") == Enrolment.Status.WITHDRAWN
        )

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if self.initial_status != Enrolment.Status.ACTIVE and self.has_changed():
            raise forms.ValidationError(MSG_NOT_REOPENED)
        if status == Enrolment.Status.COMPLETED and self.initial_status != status:
            self.add_error("status", MSG_COMPLETED_BY_CERTIFICATION)
        if self.withdraws:
            if not (cleaned.get("withdrawal_reason") or "").strip():
                self.add_error("withdrawal_reason", MSG_WITHDRAW_REASON)
            if not cleaned.get("withdrawn_on"):
                cleaned["withdrawn_on"] = timezone.localdate()
        elif status == Enrolment.Status.ACTIVE:
            # An active enrolment has no withdrawal details; ignore anything typed there.
            cleaned["withdrawal_reason"] = ""
            cleaned["withdrawn_on"] = None
        return cleaned


class EnrolmentImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Saved from a spreadsheet as “CSV UTF-8”. At most 1000 learners and 1 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(MSG_FILE_TOO_LARGE)
        return upload
