"""A practical assessment's checklist in the reader's language.

What a checklist says (its name, the instructions for the learner and the assessor, each
criterion's statement and guidance) is translated like a session's topic (`lms.i18n`): the
original as written, and optional Spanish, Italian and Portuguese beside it. One checklist
whatever the language, so attempts and their marks keep pointing at it; only the words shown
change, falling back to the original where no translation is given."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from lms.i18n import NAME_LANGUAGES, translated_field

# Said once under each group of translations in the admin.
CHECKLIST_TRANSLATION_HELP = _("Leave empty to show the words as written above.")


def translations_panel(field: str, heading) -> MultiFieldPanel:
    return MultiFieldPanel(
        [FieldPanel(f"{field}_{code}") for code in NAME_LANGUAGES],
        heading=heading,
        help_text=CHECKLIST_TRANSLATION_HELP,
        classname="collapsed",
    )


class ChecklistInLanguages(models.Model):
    """The words of a practical assessment (its name and both sets of instructions) in Spanish,
    Italian and Portuguese, beside the original (`lms.i18n`). One checklist whatever the
    language, so attempts and their marks keep pointing at it; only the words shown change,
    falling back to the original where no translation is given."""

    name_es = models.CharField(_("name in Spanish"), max_length=200, blank=True)
    name_it = models.CharField(_("name in Italian"), max_length=200, blank=True)
    name_pt = models.CharField(_("name in Portuguese"), max_length=200, blank=True)
    learner_instructions_es = models.TextField(
        _("instructions for the learner in Spanish"), blank=True
    )
    learner_instructions_it = models.TextField(
        _("instructions for the learner in Italian"), blank=True
    )
    learner_instructions_pt = models.TextField(
        _("instructions for the learner in Portuguese"), blank=True
    )
    assessor_instructions_es = models.TextField(
        _("instructions for the assessor in Spanish"), blank=True
    )
    assessor_instructions_it = models.TextField(
        _("instructions for the assessor in Italian"), blank=True
    )
    assessor_instructions_pt = models.TextField(
        _("instructions for the assessor in Portuguese"), blank=True
    )

    class Meta:
        abstract = True

    def name_in(self, language: str | None = None) -> str:
        """The name in `language` (the active one by default), else the original. Notifications
        pass the recipient's language; pages use `translated_name`."""
        return translated_field(self, "name", language)

    @property
    def translated_name(self) -> str:
        return self.name_in()

    def names_in_languages(self) -> dict[str, str]:
        """The name's translations by language, for words read later (a notification)."""
        return {code: getattr(self, f"name_{code}") for code in NAME_LANGUAGES}

    @property
    def translated_learner_instructions(self) -> str:
        return translated_field(self, "learner_instructions")

    @property
    def translated_assessor_instructions(self) -> str:
        return translated_field(self, "assessor_instructions")
