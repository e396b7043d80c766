"""The learner's learning record as a PDF: every course they took, certified or not, in their
language. A read (selectors and the renderer), not a write, so it lives apart from services."""

from django.utils import timezone

from certificates import selectors
from certificates.services import language_of


def learning_record_pdf(*, learner) -> bytes:
    # Not at the top: WeasyPrint loads in about a second, which a web worker would otherwise
    # pay with the URLconf on its first request (certificates.services.certificate_render).
    from certificates import pdf

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
