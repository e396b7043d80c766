"""What people are told, and in which words: the kinds of notification. Each app above lms
registers the kinds it sends in its AppConfig.ready() (`kind_register`), so lms stores and lists
notifications without importing those apps. A notification keeps its kind and parameters; the
words are made when it is read (in the reader's current language) or emailed (in the
recipient's preferred language)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings


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


def items(notifications) -> list[NotificationItem]:
    result = []
    for notification in notifications:
        kind = kind_of(notification.kind)
        params = notification.params
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
