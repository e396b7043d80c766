from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Every PDF, ours included, starts with these bytes: a file without them is no copy of ours.
PDF_SIGNATURE = b"%PDF-"

# A digital credential (certificates/credentials) is a small text file: a JWT, or JSON.
CREDENTIAL_MAX_BYTES = 64 * 1024
MSG_NOT_A_FILE_OF_OURS = _(
    "This file is neither a PDF nor a digital credential. Upload the certificate's PDF or the "
    "credential file as you received it."
)


def is_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(len(PDF_SIGNATURE))
    upload.seek(0)
    return head == PDF_SIGNATURE


class LookupForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code or serial number"),
        max_length=80,
        help_text=_(
            "The code printed under the QR code (e.g. 7KQ4-M2XD-9PRA), or the serial number "
            "(e.g. 2026-000123)."
        ),
    )
    surname = forms.CharField(
        label=_("Holder's surname (with a serial number)"),
        max_length=150,
        required=False,
        help_text=_(
            "A serial number alone only tells whether the certificate is valid. With the "
            "holder's surname, the whole certificate is shown."
        ),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Certificate PDF or digital credential"),
        help_text=_(
            "We compare a PDF with the one we issued, and check a digital credential's "
            "signature and status; nothing is kept."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; it is not one of ours."))
        if not is_pdf(upload) and upload.size > CREDENTIAL_MAX_BYTES:
            raise forms.ValidationError(MSG_NOT_A_FILE_OF_OURS)
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log."),
    )
