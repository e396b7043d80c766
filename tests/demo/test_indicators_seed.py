"""The indicators demo: past cohorts with follow-ups that make the indicators meaningful."""

import datetime
import io

import pytest

from demo import indicators as demo_indicators
from indicators import selectors
from indicators.models import FollowUp
from lms.models import Region
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture
def base(db):
    for name in ("North", "Centre", "South", "East", "Islands"):
        factories.RegionFactory(name=name, code=name.lower())
    for title in ("Artisan Baking", "Organic Farming", "Retail Sales Assistant"):
        factories.make_course(title=title, lessons=1)
    return factories.CoordinatorFactory(username="coordinator")


def test_seed_gives_the_coordinator_meaningful_indicators_and_is_idempotent(base):
    out = io.StringIO()
    demo_indicators.seed(today=TODAY, stdout=out)
    assert "past cohorts" in out.getvalue()
    follow_ups = FollowUp.objects.count()
    assert follow_ups > 30
    assert set(FollowUp.objects.values_list("months", flat=True)) == {3, 6, 12}

    data = selectors.indicators(
        user=base,
        filters=selectors.Filters(start=datetime.date(2025, 1, 1), end=TODAY),
        today=TODAY,
    )
    assert data.total.enrolments.value >= 50
    assert data.total.cells["completion"].value is not None
    assert data.total.cells["in_work_12"].value is not None
    shown = [r for r in data.by_region.rows if not r.suppressed]
    hidden = [r for r in data.by_region.rows if r.suppressed]
    assert len(shown) >= 3  # most regions show figures...
    assert hidden  # ...and the small cohort on the islands shows what suppression looks like
    assert not [r for r in data.by_gender.rows if r.key == "woman" and r.suppressed]

    demo_indicators.seed(today=TODAY, stdout=io.StringIO())
    assert FollowUp.objects.count() == follow_ups


def test_no_follow_up_before_it_falls_due(base):
    demo_indicators.seed(today=TODAY, stdout=io.StringIO())
    for follow_up in FollowUp.objects.select_related("enrolment__cohort"):
        due = demo_indicators.rules.follow_up_due_on(
            end_date=follow_up.enrolment.cohort.end_date, months=follow_up.months
        )
        assert due <= TODAY
        assert follow_up.recorded_at.date() >= due


def test_without_the_coordinator_it_skips(db):
    out = io.StringIO()
    demo_indicators.seed(today=TODAY, stdout=out)
    assert "skipped" in out.getvalue()
    assert not Region.objects.exists()
