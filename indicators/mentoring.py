"""Mentoring indicators, next to the others on the indicators page (docs/indicators.md): hours
and contacts of mentoring per region and month, the share of mentees with a contact in the last
3 weeks, and active mentors per 10 mentees, by region of the mentee's cohort. The same
suppression as every other figure (`indicators.rules.suppressed_rows`, counting mentees), on
the page and in the exports. A fixed number of queries whatever the number of meetings."""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from babel.numbers import format_decimal
from django.db.models import Count, Max, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from indicators import rules
from indicators.selectors import Filters, cohorts_in_scope
from indicators.tables import Shown, Table, month_label
from lms.formats import babel_locale
from lms.i18n import names_told_apart, translated_name_expression
from lms.models import Region, User
from mentors import rules as mentor_rules
from mentors.models import Assignment, Meeting
from mentors.selectors import standings

# "A contact in the last 3 weeks": the indicator's fixed window, whatever the alert setting.
RECENT_WEEKS = 3


class Figure(Shown):
    """A cell whose value is a Decimal shown the reader's way ("12,5" in Spanish)."""

    def __str__(self) -> str:
        if self.suppressed or self.value is None or self.percent:
            return super().__str__()
        return format_decimal(self.value, locale=babel_locale(get_language() or "en"))


def _tenths(value: Fraction) -> Decimal:
    """One decimal, cut (as every rate on the site)."""
    return Decimal(int(value * 10)).scaleb(-1)


@dataclass(frozen=True)
class MonthRow:
    region: str
    month: datetime.date
    minutes: int
    contacts: int
    mentees: int


@dataclass(frozen=True)
class RegionRow:
    region: str
    mentees: int
    recent: int
    mentors: int


def _region_names(region_ids) -> dict:
    rows = Region.objects.filter(pk__in=[r for r in region_ids if r is not None]).values_list(
        "pk", translated_name_expression(), "name"
    )
    return names_told_apart({pk: (shown, original) for pk, shown, original in rows})


def figures(*, user, filters: Filters, today: datetime.date):
    """The month rows and region rows of the cohorts in the user's scope: seven queries."""
    as_of = min(filters.end, today)
    cohorts = cohorts_in_scope(user=user, filters=filters).values("pk")
    months = list(
        Meeting.objects.filter(
            assignment__enrolment__cohort__in=cohorts,
            met_on__gte=filters.start,
            met_on__lte=as_of,
        )
        .annotate(month=TruncMonth("met_on"))
        .values("assignment__enrolment__cohort__region_id", "month")
        .annotate(
            minutes=Sum("minutes"),
            contacts=Count("pk"),
            mentees=Count("assignment__mentee", distinct=True),
        )
        .order_by("month", "assignment__enrolment__cohort__region_id")
    )
    current = list(
        Assignment.objects.filter(
            enrolment__cohort__in=cohorts, started_on__lte=as_of, ended_on__isnull=True
        )
        .annotate(last=Max("meetings__met_on"))
        .values_list("mentee_id", "enrolment__cohort__region_id", "last")
    )
    regions_of_mentees = {r for _m, r, _l in current}
    active = [pk for pk, (s, _c) in standings(today=as_of).items() if s.may_mentor]
    mentors_by_region: dict = defaultdict(int)
    for region_id in User.objects.filter(
        pk__in=active, is_active=True, profile__region__in=list(regions_of_mentees)
    ).values_list("profile__region_id", flat=True):
        mentors_by_region[region_id] += 1
    names = _region_names(
        regions_of_mentees | {m["assignment__enrolment__cohort__region_id"] for m in months}
    )
    mentees: dict = defaultdict(set)
    recent: dict = defaultdict(set)
    for mentee_id, region_id, last in current:
        mentees[region_id].add(mentee_id)
        contacted = last is not None and last <= as_of
        if contacted and mentor_rules.contact_recent(
            last_contact=last, since=last, today=as_of, weeks=RECENT_WEEKS
        ):
            recent[region_id].add(mentee_id)
    month_rows = [
        MonthRow(
            region=names.get(m["assignment__enrolment__cohort__region_id"], ""),
            month=m["month"],
            minutes=m["minutes"],
            contacts=m["contacts"],
            mentees=m["mentees"],
        )
        for m in months
    ]
    region_rows = sorted(
        (
            RegionRow(
                region=names.get(region_id, ""),
                mentees=len(people),
                recent=len(recent[region_id]),
                mentors=mentors_by_region[region_id],
            )
            for region_id, people in mentees.items()
        ),
        key=lambda r: r.region.casefold(),
    )
    return month_rows, region_rows


def _hours(minutes: int) -> Decimal:
    return _tenths(Fraction(minutes, 60))


def tables(*, user, filters: Filters, today: datetime.date) -> dict[str, Table]:
    month_rows, region_rows = figures(user=user, filters=filters, today=today)
    hidden = rules.suppressed_rows([r.mentees for r in month_rows])
    all_people = sum(r.mentees for r in month_rows)
    total_hidden = rules.is_suppressed(all_people) if month_rows else False

    def month_cells(i, row):
        if i in hidden:
            return [Figure(None, suppressed=True), Figure(None, suppressed=True)]
        return [Figure(_hours(row.minutes)), Figure(row.contacts)]

    hours = Table(
        key="mentoring_by_month",
        title=str(_("Mentoring hours and contacts by region and month")),
        caption=str(_("Logged mentoring meetings, by region of the mentee's cohort")),
        header=[_("Region and month"), _("Hours"), _("Contacts")],
        rows=[
            (month_label(row.month, prefix=f"{row.region} · "), month_cells(i, row))
            for i, row in enumerate(month_rows)
        ],
        total=(
            str(_("All")),
            [Figure(None, suppressed=True)] * 2
            if total_hidden
            else [
                Figure(_hours(sum(r.minutes for r in month_rows))),
                Figure(sum(r.contacts for r in month_rows)),
            ],
        ),
    )
    hidden = rules.suppressed_rows([r.mentees for r in region_rows])

    def region_cells(i, row):
        if i in hidden:
            return [Figure(None, suppressed=True)] * 3
        per_ten = mentor_rules.mentors_per_ten(mentors=row.mentors, mentees=row.mentees)
        return [
            Figure(row.mentees),
            Figure(rules.percent(row.recent, row.mentees), percent=True),
            Figure(None if per_ten is None else _tenths(per_ten)),
        ]

    coverage = Table(
        key="mentoring_by_region",
        title=str(_("Mentoring by region")),
        caption=str(
            _("Mentees, the share with a contact in the last 3 weeks, and mentors per 10 mentees")
        ),
        header=[
            _("Region"),
            _("Mentees"),
            _("Contact in the last 3 weeks"),
            _("Mentors per 10 mentees"),
        ],
        rows=[(row.region, region_cells(i, row)) for i, row in enumerate(region_rows)],
    )
    return {hours.key: hours, coverage.key: coverage}
