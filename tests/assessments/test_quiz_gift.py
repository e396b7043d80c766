"""The GIFT subset: parsing with the line of every problem, and export that reads back."""

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
