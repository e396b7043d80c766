"""The GIFT subset: parsing with the line of every problem, and export that reads back."""

import dataclasses
from types import SimpleNamespace

from assessments.quizzes import gift

SAMPLE = """// Food hygiene, Moodle export
$CATEGORY: $course$/top/Hygiene

::Q1:: Where do raw meats go in the fridge? {
    =On the bottom shelf #Juices cannot drip onto other food.
    ~On the top shelf #Juices would drip.
    ~Anywhere
    ####Raw below ready-to-eat.
}

Hands must be washed after handling raw eggs. {T####Eggs can carry salmonella.}

$CATEGORY: Temperatures
Which are safe fridge temperatures? {
    ~%50%3 °C
    ~%50%5 °C
    ~%-100%12 °C
}

Food at 70 \\{°C\\} for 2 minutes is cooked safely. {FALSE}
"""


def test_parse_the_subset():
    parsed = gift.parse(SAMPLE)
    assert parsed.problems == []
    first, second, third, fourth = parsed.questions
    assert (first.line, first.category, first.kind) == (4, "Hygiene", "single")
    assert first.text == "Where do raw meats go in the fridge?"
    assert first.feedback == "Raw below ready-to-eat."
    assert [o.correct for o in first.options] == [True, False, False]
    assert first.options[0].feedback == "Juices cannot drip onto other food."
    assert (second.kind, second.true_is_correct, second.feedback) == (
        "true_false",
        True,
        "Eggs can carry salmonella.",
    )
    assert (third.category, third.kind, third.partial_credit) == ("Temperatures", "multiple", True)
    assert [o.correct for o in third.options] == [True, True, False]
    assert fourth.text == "Food at 70 {°C} for 2 minutes is cooked safely."
    assert fourth.true_is_correct is False


def test_every_bad_question_named_by_its_line():
    source = """$CATEGORY: Hygiene
Good one {=yes ~no}

No answers at all

Unclosed {=yes ~no

Short answer {=fridge =refrigerator}

Matching {=a -> b =c -> d}

Nothing right {~a ~b}

Lonely {~%100%only}

Bad weight {~%150%a ~b}
"""
    parsed = gift.parse(source)
    assert len(parsed.questions) == 1
    assert [p.line for p in parsed.problems] == [4, 6, 8, 10, 12, 14, 16]
    assert "between { and }" in parsed.problems[0].message
    assert "not closed" in parsed.problems[1].message
    assert "cannot be imported" in parsed.problems[2].message
    assert "No right answer" in parsed.problems[4].message
    assert "at least two" in parsed.problems[5].message
    assert "150" in parsed.problems[6].message


def test_a_question_before_any_category_is_refused():
    parsed = gift.parse("Question {=a ~b}\n")
    assert parsed.problems[0].line == 1
    assert "CATEGORY" in parsed.problems[0].message


def test_export_reads_back():
    option = SimpleNamespace
    questions = [
        SimpleNamespace(
            category="Hygiene",
            kind="single",
            text="Where: the fridge = cold?",
            feedback="Because #1.",
            partial_credit=False,
            true_is_correct=None,
            options=[
                option(text="Bottom {shelf}", correct=True, feedback="Yes"),
                option(text="Top ~", correct=False, feedback=""),
            ],
        ),
        SimpleNamespace(
            category="Hygiene",
            kind="true_false",
            text="Wash hands.",
            feedback="",
            partial_credit=False,
            true_is_correct=True,
            options=[],
        ),
        SimpleNamespace(
            category="Temperatures",
            kind="multiple",
            text="Safe?",
            feedback="",
            partial_credit=True,
            true_is_correct=None,
            options=[
                option(text=t, correct=c, feedback="")
                for t, c in (("3", True), ("5", True), ("12", False))
            ],
        ),
    ]
    parsed = gift.parse(gift.export(questions))
    assert parsed.problems == []
    first, second, third = parsed.questions
    assert (first.text, first.feedback) == ("Where: the fridge = cold?", "Because #1.")
    assert [(o.text, o.correct, o.feedback) for o in first.options] == [
        ("Bottom {shelf}", True, "Yes"),
        ("Top ~", False, ""),
    ]
    assert second.true_is_correct is True
    assert (third.category, third.kind, third.partial_credit) == ("Temperatures", "multiple", True)
    assert [o.correct for o in third.options] == [True, True, False]


def test_csv_template_reads_and_names_bad_lines():
    from assessments.quizzes import csv_template

    parsed = csv_template.parse(csv_template.SAMPLE_CSV.encode("utf-8-sig"))
    assert parsed.problems == []
    single, multiple, true_false = parsed.questions
    assert [o.correct for o in single.options] == [True, False, False]
    assert (multiple.kind, multiple.partial_credit) == ("multiple", True)
    assert true_false.true_is_correct is True
    bad = csv_template.SAMPLE_CSV + 'Hygiene,single,Two right?,a,b,,,,,"1,2",,\r\n'
    bad += "Hygiene,essay,Tell me,,,,,,,,,\r\n"
    problems = csv_template.parse(bad.encode()).problems
    assert [(p.line, p.message[:20]) for p in problems] == [
        (5, "A single choice ques"),
        (6, "“essay” is not a typ"),
    ]
    assert csv_template.parse(b"name,email\r\n").problems[0].line == 1


def _q(kind, text, *, partial_credit=False, true_is_correct=None, options=(), feedback=""):
    return gift.ParsedQuestion(
        line=0,
        category="Round trip",
        kind=kind,
        text=text,
        feedback=feedback,
        partial_credit=partial_credit,
        true_is_correct=true_is_correct,
        options=tuple(gift.ParsedOption(t, c, f) for t, c, f in options),
    )


ABC = (("a = 1", True, "Yes #1"), ("b {2}", True, ""), ("c ~3", False, "No: 3"))
ONE_RIGHT = (("right", True, ""), ("wrong", False, ""), ("also wrong", False, ""))
EVERY_KIND = [
    _q("single", "Single?", options=ONE_RIGHT, feedback="Because."),
    _q("multiple", "All or nothing, two right?", options=ABC),
    _q("multiple", "Partial credit, two right?", partial_credit=True, options=ABC),
    # One right option: without the scoring comment these would read back as single choice.
    _q("multiple", "All or nothing, one right?", options=ONE_RIGHT),
    _q("multiple", "Partial credit, one right?", partial_credit=True, options=ONE_RIGHT),
    _q("true_false", "True statement.", true_is_correct=True, feedback="It is."),
    _q("true_false", "False statement.", true_is_correct=False),
]


def test_every_kind_and_both_scorings_read_back_exactly():
    exported = gift.export(EVERY_KIND)
    assert exported.count("// lms:scoring=all-or-nothing\n") == 2
    assert exported.count("// lms:scoring=partial-credit\n") == 2
    parsed = gift.parse(exported)
    assert parsed.problems == []
    assert [dataclasses.replace(q, line=0) for q in parsed.questions] == EVERY_KIND


def test_the_scoring_comment_is_read_before_a_question():
    source = """$CATEGORY: Temperatures
// lms:scoring=all-or-nothing
Which are safe? {
    ~%50%3 °C
    ~%50%5 °C
    ~%-100%12 °C
}

// Any other comment leaves the weights to decide.
Which are safe again? {~%50%3 °C ~%50%5 °C ~%-100%12 °C}

// LMS:Scoring = Partial-Credit
One right, partial credit? {=3 °C ~12 °C}
"""
    parsed = gift.parse(source)
    assert parsed.problems == []
    assert [(q.kind, q.partial_credit) for q in parsed.questions] == [
        ("multiple", False),
        ("multiple", True),
        ("multiple", True),
    ]


def test_a_misspelt_scoring_is_named_by_its_line():
    parsed = gift.parse("$CATEGORY: C\n\n// lms:scoring=all-or-none\nQ? {=a =b ~c}\n")
    assert [(p.line, p.message) for p in parsed.problems] == [
        (
            3,
            "“all-or-none” is not a scoring: write “// lms:scoring=all-or-nothing” or "
            "“// lms:scoring=partial-credit”.",
        )
    ]
