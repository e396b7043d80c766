"""The learner's learning record as a PDF: every course they took, certified or not, in their
language. A read (selectors and the renderer), not a write, so it lives apart from services."""

from django.utils import timezone

from certificates import pdf, selectors
from certificates.services import language_of


def learning_record_pdf(*, learner) -> bytes:
    language = language_of(learner)
    entries = selectors.learning_record(learner=learner, language=language)
    return pdf.learning_record_pdf(
        context={
            "learner": learner,
            "entries": entries,
            "branding": selectors.branding(),
            "today": timezone.localdate(),
        },
        language=language,
    )
