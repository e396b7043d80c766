"""The main navigation's links, which the apps above lms give in their AppConfig.ready(): lms
draws the bar (templates/includes/navbar.html) and never imports the apps whose pages it links.

An app registers
- *links*: a label, a URL name, a group (or none: a link of its own in the bar), an order, and
  who sees it: a predicate taking the request;
- *facts*: what a predicate may ask about the person ("is enrolled somewhere", "trains a
  cohort"), each given as a queryset that is not empty when the fact holds.

A count (the unread notifications beside the account menu) is asked in that same query.

Every fact is answered in one query, the first time a predicate asks for one, and kept on the
request: the whole bar costs that query and the permissions query Django makes anyway (kept on the
user object by lms.auth_backends). Anonymous visitors cost nothing."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Exists, IntegerField, QuerySet, Subquery
from django.http import HttpRequest

# The groups of the bar. Links with no group stand on their own.
TEACHING = "teaching"
REPORTS = "reports"
# Where the bar's "Courses" link stands among the registered ones: the template draws it from
# the site frame's cache (it names the course index page, which costs a query to find).
COURSES_ORDER = 11
NOTIFICATIONS_UNREAD = "notifications_unread"


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    order: int


@dataclass(frozen=True)
class Link:
    name: str
    label: str
    url_name: str
    visible: Callable[[HttpRequest], bool]
    order: int
    group: str | None = None


@dataclass
class Entry:
    """What the bar shows in one place: a link of its own, or a group's menu of links."""

    order: int
    link: Link | None = None
    group: Group | None = None
    links: list[Link] = field(default_factory=list)


_groups: dict[str, Group] = {}
_links: dict[str, Link] = {}
_facts: dict[str, Callable[[object], QuerySet]] = {}
_counts: dict[str, Callable[[object], QuerySet]] = {}


class _RowCount(Subquery):
    """How many rows a queryset holds, as a scalar subquery of the facts' one query."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = IntegerField()


@dataclass(frozen=True)
class Landing:
    url_name: str
    label: str
    applies: Callable[[HttpRequest], bool]
    order: int


_landings: list[Landing] = []

FACTS_ATTRIBUTE = "_lms_nav_facts"


def group_register(*, key: str, label, order: int) -> None:
    _groups[key] = Group(key=key, label=label, order=order)


def link_register(*, name: str, label, url_name: str, visible, order: int, group=None) -> None:
    """Add a link (again under the same name: replace it)."""
    _links[name] = Link(
        name=name, label=label, url_name=url_name, visible=visible, order=order, group=group
    )


def fact_register(*, name: str, rows: Callable[[object], QuerySet]) -> None:
    """A fact about a logged-in person: true when `rows(user)` holds at least one row."""
    _facts[name] = rows


def count_register(*, name: str, rows: Callable[[object], QuerySet]) -> None:
    """A number about a logged-in person, answered with the facts: how many rows `rows(user)`
    holds."""
    _counts[name] = rows


def landing_register(*, url_name: str, label, applies, order: int) -> None:
    """Where a person for whom `applies(request)` holds lands after logging in without a `next`
    and is sent back to from a page for other roles (the first that applies, by order)."""
    _landings[:] = [landing for landing in _landings if landing.url_name != url_name]
    _landings.append(Landing(url_name=url_name, label=label, applies=applies, order=order))
    _landings.sort(key=lambda landing: landing.order)


def landing(request: HttpRequest) -> Landing | None:
    """The request's person's landing page, if an app gives one (else LOGIN_REDIRECT_URL)."""
    return next((landing for landing in _landings if landing.applies(request)), None)


def fact(request: HttpRequest, name: str) -> bool:
    """Whether the fact holds for the request's person: every registered fact in one query,
    asked once per request."""
    user = request.user
    if not user.is_authenticated:
        return False
    pk, facts = getattr(request, FACTS_ATTRIBUTE, (None, None))
    if facts is None or pk != user.pk:  # (logging in changes the request's person)
        facts = (
            get_user_model()
            .objects.filter(pk=user.pk)
            .values(
                **{key: Exists(rows(user)) for key, rows in _facts.items()},
                **{
                    key: _RowCount(rows(user).order_by().values("pk"))
                    for key, rows in _counts.items()
                },
            )
            .first()
        ) or {}
        setattr(request, FACTS_ATTRIBUTE, (user.pk, facts))
    return bool(facts.get(name))


def count(request: HttpRequest, name: str) -> int:
    """A registered count for the request's person, from the same one query as the facts."""
    fact(request, name)
    return getattr(request, FACTS_ATTRIBUTE, (None, {}))[1].get(name) or 0


def entries(request: HttpRequest) -> list[Entry]:
    """The bar for this request's person: what they may see, groups with no visible link left
    out, a group of one link shown as that link."""
    shown: list[Entry] = []
    by_group: dict[str, Entry] = {}
    for link in sorted(_links.values(), key=lambda link: link.order):
        if not link.visible(request):
            continue
        if link.group is None:
            shown.append(Entry(order=link.order, link=link))
            continue
        if link.group not in by_group:
            group = _groups[link.group]
            by_group[link.group] = Entry(order=group.order, group=group)
            shown.append(by_group[link.group])
        by_group[link.group].links.append(link)
    for entry in by_group.values():
        if len(entry.links) == 1:
            entry.link, entry.group, entry.links = entry.links[0], None, []
    return sorted(shown, key=lambda entry: entry.order)


def with_permission(permission: str) -> Callable[[HttpRequest], bool]:
    """A predicate: the person holds `permission` (superusers hold every one)."""
    return lambda request: request.user.is_authenticated and request.user.has_perm(permission)
