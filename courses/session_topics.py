"""A session's topic in the reader's language.

The topic is what learners read in their reminders, calendars and course pages, so it is
translated like a trade's name (`lms.i18n`): `topic` is the original, as the trainer wrote it,
and `topic_es`, `topic_it`, `topic_pt` are optional translations beside it. A session stays one
row whatever the language (attendance, check-ins and reminders point at it); only the words
shown change, falling back to the original where no translation is given."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from lms.i18n import NAME_LANGUAGES, translated_field

# Said once under the translations on the session forms.
TOPIC_TRANSLATION_HELP = _("Leave empty to show the topic as written above.")

# The fields that hold the topic's translations, in the order the forms show them.
TOPIC_TRANSLATION_FIELDS = tuple(f"topic_{code}" for code in NAME_LANGUAGES)


class TopicInLanguages(models.Model):
    """The translations of a session's `topic` (defined on the session itself)."""

    topic_es = models.CharField(_("topic in Spanish"), max_length=200, blank=True)
    topic_it = models.CharField(_("topic in Italian"), max_length=200, blank=True)
    topic_pt = models.CharField(_("topic in Portuguese"), max_length=200, blank=True)

    class Meta:
        abstract = True

    def topic_in(self, language: str | None = None) -> str:
        """The topic in `language` (the active one by default), else the original. Reminders
        and calendar feeds pass the recipient's language; pages use `translated_topic`."""
        return translated_field(self, "topic", language)

    @property
    def translated_topic(self) -> str:
        """The topic in the active language (the reader's, on a page), else the original."""
        return self.topic_in()


def topic_translations(given: dict) -> dict[str, str]:
    """The translations among a service's keyword arguments, trimmed. Any other keyword is a
    mistake in the caller, refused as a `TypeError` like any unexpected keyword."""
    unknown = set(given) - set(TOPIC_TRANSLATION_FIELDS)
    if unknown:
        raise TypeError(f"Not a topic translation: {sorted(unknown)}")
    return {field: (value or "").strip() for field, value in given.items()}
