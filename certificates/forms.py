from django import forms
from django.utils.translation import gettext_lazy as _

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Every PDF, ours included, starts with these bytes: a file without them is no copy of ours.
PDF_SIGNATURE = b"%PDF-"

MSG_NOT_A_PDF = _("This file is not a PDF. Upload the certificate's PDF file as you received it.")


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
        label=_("Certificate PDF"),
        help_text=_("We compare the file with the one we issued; nothing is kept."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; it is not one of ours."))
        upload.seek(0)
        head = upload.read(len(PDF_SIGNATURE))
        upload.seek(0)
        if head != PDF_SIGNATURE:
            raise forms.ValidationError(MSG_NOT_A_PDF)
        return upload


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept in the audit log."),
    )
