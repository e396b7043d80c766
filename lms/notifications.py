"""What people are told, and in which words: the kinds of notification. Each app above lms
registers the kinds it sends in its AppConfig.ready() (`kind_register`), so lms stores and lists
notifications without importing those apps. A notification keeps its kind and parameters; the
words are made when it is read (in the reader's current language) or emailed (in the
recipient's preferred language). A title of a page (a course) is kept as the page's id under
"page_titles" beside the words it had when sent: it is read in the reader's language too. Words
that are data with translations of their own (a checklist's name) are kept in every language
under "words_in_languages", and read in the reader's."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from wagtail.models import Page

from lms.i18n import language_code, localized_pages


@dataclass(frozen=True)
class NotificationKind:
    name: str
    # One or two sentences, in the active language, from the notification's parameters.
    text: Callable[[dict], str]
    # The email's subject line, in the active language.
    subject: Callable[[dict], str]
    # Where the notification leads (a path on this site), from its parameters.
    link: Callable[[dict], str]
    # The words on that link, in the active language.
    link_label: Callable[[dict], str]


_kinds: dict[str, NotificationKind] = {}


def kind_register(kind: NotificationKind) -> None:
    _kinds[kind.name] = kind


def kind_of(name: str) -> NotificationKind:
    """The registered kind; a kind no app registers any more (retired) reads as a general one."""
    return _kinds.get(name) or NotificationKind(
        name=name,
        text=lambda params: str(params.get("text", "")),
        subject=lambda params: str(params.get("text", "")),
        link=lambda params: "",
        link_label=lambda params: "",
    )


def kind_names() -> list[str]:
    return sorted(_kinds)


@dataclass(frozen=True)
class NotificationItem:
    """A notification as its reader sees it, in the active language."""

    notification: object
    text: str
    link: str
    link_label: str

    @property
    def unread(self) -> bool:
        return self.notification.read_at is None


# The parameter naming the pages whose titles a notification shows: {"course": page id}.
PAGE_TITLES = "page_titles"


def page_titles(**pages) -> dict:
    """Parameters that show each page's title in the reader's language when read or emailed:
    `**page_titles(course=course)` beside `"course": course.title` (the words kept in case the
    page is gone, and read by notifications stored before titles were)."""
    return {PAGE_TITLES: {name: page.pk for name, page in pages.items()}}


# The parameter holding words given in other languages: {"assessment": {"es": "...", ...}}.
WORDS_IN_LANGUAGES = "words_in_languages"


def words_in_languages(**words: dict) -> dict:
    """Parameters read in the reader's language: `**words_in_languages(assessment={"es": ...})`
    beside `"assessment": original`. A language without words of its own reads the original."""
    return {
        WORDS_IN_LANGUAGES: {
            name: {code: text for code, text in texts.items() if text}
            for name, texts in words.items()
        }
    }


def _words_for_reader(params: dict, code: str) -> dict:
    words = params.get(WORDS_IN_LANGUAGES) or {}
    chosen = {name: texts[code] for name, texts in words.items() if texts.get(code)}
    return {**params, **chosen} if chosen else params


def params_for_reader(params_list: list[dict], *, language: str | None = None) -> list[dict]:
    """Each notification's parameters in `language` (the active one by default): the words kept
    in that language, and the titles of the pages it names (the live translation's title, else
    the page's own; the words stored where the page is gone). Three queries at most, however
    many notifications."""
    code = language_code(language)
    params_list = [_words_for_reader(params, code) for params in params_list]
    ids = {pk for params in params_list for pk in (params.get(PAGE_TITLES) or {}).values()}
    if not ids:
        return params_list
    pages = list(Page.objects.filter(pk__in=ids))
    shown = localized_pages(pages, queryset=Page.objects.all(), language=language)
    titles = {page.pk: translated.title for page, translated in zip(pages, shown, strict=True)}
    return [
        {
            **params,
            **{
                name: titles[pk]
                for name, pk in (params.get(PAGE_TITLES) or {}).items()
                if pk in titles
            },
        }
        for params in params_list
    ]


def items(notifications) -> list[NotificationItem]:
    """The notifications as their reader sees them, in the active language."""
    notifications = list(notifications)
    read = params_for_reader([notification.params for notification in notifications])
    result = []
    for notification, params in zip(notifications, read, strict=True):
        kind = kind_of(notification.kind)
        result.append(
            NotificationItem(
                notification, kind.text(params), kind.link(params), kind.link_label(params)
            )
        )
    return result


def language_of(user) -> str:
    """The language a person reads: their profile's, else the site's."""
    profile = getattr(user, "profile", None)
    return getattr(profile, "preferred_language", None) or settings.LANGUAGE_CODE
