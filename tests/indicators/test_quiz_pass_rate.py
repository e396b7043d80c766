"""The pass rate per theory test, suppressed below five people as every other figure."""

import pytest
from django.urls import reverse

from indicators import rules
from tests import factories
from tests.assessments.quizzes import make_quiz, taken

pytestmark = pytest.mark.django_db


def test_pass_rates_by_hand():
    # Test "a": 6 people, 4 passed: 66.6% (cut, not rounded). With test "b" (3 people,
    # suppressed), "a" goes too: secondary suppression, as in every breakdown.
    outcomes = [("a", n, n < 4) for n in range(6)] + [("b", 10 + n, True) for n in range(3)]
    rows = rules.pass_rates(outcomes, ["a", "b"])
    assert [r.cells["pass_rate"].suppressed for r in rows] == [True, True]
    rows = rules.pass_rates([o for o in outcomes if o[0] == "a"], ["a", "b"])
    assert len(rows) == 1
    assert str(rows[0].cells["pass_rate"].value) == "66.6"
    assert rows[0].enrolments.value == 6


def test_indicators_page_shows_the_pass_rate(client, world):
    quiz = make_quiz(world.course, questions=2, cooldown_hours=None)
    for n in range(5):
        enrolment = factories.EnrolmentFactory(cohort=world.cohort_x)
        taken(enrolment, quiz, right=2 if n < 3 else 0)
    client.force_login(world.coordinator_x)
    page = client.get(reverse("indicators:page")).text
    assert "Artisan Baking: Food hygiene theory" in page
    assert "60%" in page or "60.0%" in page
