"""Moodle's GIFT format, the subset the question bank holds: single choice (`=right ~wrong`),
multiple choice (`~%50%right ~%-100%wrong`), true/false (`{T}`, `{FALSE}`), feedback after `#`
(`####` for the whole question), categories (`$CATEGORY: name`), `::title::` and `//` comments.

GIFT has no way to say that a multiple-choice question scores all or nothing, so our export writes
a comment line before each multiple-choice question, `// lms:scoring=all-or-nothing` or
`// lms:scoring=partial-credit`, which other GIFT readers (Moodle's) skip as a comment and which
`parse` reads: the question is then multiple choice with that scoring, whatever its weights say.

Pure: text in, parsed questions and every problem with its line out. Written here rather than
taken from PyPI: pygiftparser (the one parser there, last released 2017) renders HTML with
markdown and yattag and reports no line numbers, which the preview needs."""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from assessments.quizzes.rules import MULTIPLE, SINGLE, TRUE_FALSE

MSG_NO_ANSWERS = _("No answers: a question needs its answers between { and }.")
MSG_UNCLOSED = _("The answers are not closed: a “}” is missing.")
MSG_UNSUPPORTED = _(
    "This kind of question cannot be imported: only single choice, multiple choice and true/false."
)
MSG_NO_RIGHT = _("No right answer: mark one with “=” or give it a positive weight.")
MSG_TOO_FEW = _("A choice question needs at least two options.")
MSG_BAD_WEIGHT = _("“%(weight)s” is not a weight: write a whole percent between -100 and 100.")
MSG_EMPTY_TEXT = _("The question has no text.")
MSG_EMPTY_OPTION = _("An option has no text.")
MSG_NO_CATEGORY = _("No category: start the file with a line “$CATEGORY: name”.")
MSG_BAD_SCORING = _(
    "“%(scoring)s” is not a scoring: write “// lms:scoring=all-or-nothing” or "
    "“// lms:scoring=partial-credit”."
)

ALL_OR_NOTHING = "all-or-nothing"
PARTIAL_CREDIT = "partial-credit"
_SCORING_COMMENT = "// lms:scoring="
_SCORING_LINE = re.compile(r"^//\s*lms:scoring\s*=\s*(\S*)\s*$", re.IGNORECASE)

_ESCAPED = {"\\~": "~", "\\=": "=", "\\#": "#", "\\{": "{", "\\}": "}", "\\:": ":", "\\n": "\n"}
_PLACEHOLDER = "\x00%d\x00"
_TRUE, _FALSE = {"T", "TRUE"}, {"F", "FALSE"}


@dataclass(frozen=True)
class ParsedOption:
    text: str
    correct: bool
    feedback: str = ""


@dataclass(frozen=True)
class ParsedQuestion:
    line: int
    category: str
    kind: str
    text: str
    feedback: str = ""
    partial_credit: bool = False
    true_is_correct: bool | None = None
    options: tuple[ParsedOption, ...] = ()


@dataclass(frozen=True)
class Problem:
    line: int
    message: str


@dataclass
class Parsed:
    questions: list[ParsedQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _protect(text: str) -> tuple[str, list[str]]:
    """Replace escaped characters by placeholders, so splitting on ~ = # { } ignores them."""
    kept: list[str] = []

    def keep(match):
        kept.append(_ESCAPED[match.group(0)])
        return _PLACEHOLDER % (len(kept) - 1)

    return re.sub(r"\\[~=#{}:n]", keep, text), kept


def _restore(text: str, kept: list[str]) -> str:
    return re.sub("\x00(\\d+)\x00", lambda m: kept[int(m.group(1))], text).strip()


def _scoring(number: int, comment: str, problems: list[Problem]) -> str | None:
    """The scoring a `// lms:scoring=` comment gives (None for any other comment)."""
    match = _SCORING_LINE.match(comment)
    if not match:
        return None
    value = match.group(1).lower()
    if value not in (ALL_OR_NOTHING, PARTIAL_CREDIT):
        problems.append(Problem(number, str(MSG_BAD_SCORING) % {"scoring": match.group(1)}))
        return None
    return value


def _blocks(source: str, problems: list[Problem]):
    """(first line number, text, category, scoring) for each question, blank lines apart; the
    scoring from a `// lms:scoring=` comment before the question, else None."""
    category, lines, start, scoring, pending = "", [], 0, None, None
    for number, raw in enumerate(source.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if stripped.startswith("//"):
            pending = _scoring(number, stripped, problems) or pending
            continue
        if stripped.upper().startswith("$CATEGORY:"):
            if lines:
                yield start, "\n".join(lines), category, scoring
                lines = []
            category = stripped.split(":", 1)[1].strip().rstrip("/").split("/")[-1].strip()
            continue
        if not stripped:
            if lines:
                yield start, "\n".join(lines), category, scoring
                lines = []
            continue
        if not lines:
            start, scoring, pending = number, pending, None
        lines.append(line)
    if lines:
        yield start, "\n".join(lines), category, scoring


def _split_feedback(text: str) -> tuple[str, str]:
    head, _sep, feedback = text.partition("#")
    return head, feedback


def _weight(text: str) -> tuple[int | None, str]:
    match = re.match(r"%(-?[\d.]+)%", text)
    if not match:
        return None, text
    value = float(match.group(1))
    if not -100 <= value <= 100:
        raise ValueError(match.group(1))
    return round(value), text[match.end() :]


def _question(
    line: int, block: str, category: str, scoring: str | None
) -> ParsedQuestion | Problem:
    body, kept = _protect(block)
    body = re.sub(r"^::.*?::", "", body.strip(), flags=re.S)
    if "{" not in body:
        return Problem(line, str(MSG_NO_ANSWERS))
    before, _sep, rest = body.partition("{")
    if "}" not in rest:
        return Problem(line, str(MSG_UNCLOSED))
    answers, _sep, after = rest.partition("}")
    text = _restore(f"{before} {after}".strip(), kept)
    text = re.sub(r"^\[(html|moodle|plain|markdown)\]", "", text).strip()
    if not text:
        return Problem(line, str(MSG_EMPTY_TEXT))
    answers, _sep, general = answers.partition("####")
    general = _restore(general, kept)
    head = answers.strip()
    word, _sep, tf_feedback = head.partition("#")
    if word.strip().upper() in _TRUE | _FALSE and not re.search(r"[~=]", head):
        feedback = general or _restore(tf_feedback.split("#")[0], kept)
        return ParsedQuestion(
            line=line,
            category=category,
            kind=TRUE_FALSE,
            text=text,
            feedback=feedback,
            true_is_correct=word.strip().upper() in _TRUE,
        )
    parts = re.findall(r"([~=])([^~=]*)", head)
    if not parts:
        return Problem(line, str(MSG_UNSUPPORTED))
    if all(mark == "=" for mark, _ in parts) or any("->" in part for _, part in parts):
        return Problem(line, str(MSG_UNSUPPORTED))  # short answer or matching
    options, weighted, partial_weight = [], False, False
    for mark, part in parts:
        answer, feedback = _split_feedback(part)
        try:
            weight, answer = _weight(answer.strip())
        except ValueError as bad:
            return Problem(line, str(MSG_BAD_WEIGHT) % {"weight": bad.args[0]})
        weighted = weighted or weight is not None
        partial_weight = partial_weight or (weight is not None and 0 < weight < 100)
        correct = mark == "=" or (weight is not None and weight > 0)
        answer = _restore(answer, kept)
        if not answer:
            return Problem(line, str(MSG_EMPTY_OPTION))
        options.append(ParsedOption(answer, correct, _restore(feedback, kept)))
    right = sum(1 for option in options if option.correct)
    if len(options) < 2:
        return Problem(line, str(MSG_TOO_FEW))
    if not right:
        return Problem(line, str(MSG_NO_RIGHT))
    if scoring is not None:  # our own export's word for it, whatever the weights say
        kind, partial_credit = MULTIPLE, scoring == PARTIAL_CREDIT
    else:
        kind = MULTIPLE if right > 1 or partial_weight else SINGLE
        partial_credit = kind == MULTIPLE and weighted
    return ParsedQuestion(
        line=line,
        category=category,
        kind=kind,
        text=text,
        feedback=general,
        partial_credit=partial_credit,
        options=tuple(options),
    )


def parse(source: str) -> Parsed:
    """Every question of a GIFT file, or every problem with the line its question starts on."""
    parsed = Parsed()
    for line, block, category, scoring in _blocks(source, parsed.problems):
        result = _question(line, block, category, scoring)
        if isinstance(result, Problem):
            parsed.problems.append(result)
        elif not category:
            parsed.problems.append(Problem(line, str(MSG_NO_CATEGORY)))
        else:
            parsed.questions.append(result)
    return parsed


def _escape(text: str) -> str:
    for raw in "~=#{}:":
        text = text.replace(raw, "\\" + raw)
    return text.replace("\n", "\\n")


def export(questions) -> str:
    """A GIFT file of these questions (objects with category, kind, text, feedback,
    partial_credit, true_is_correct and options), grouped by category."""
    lines: list[str] = []
    category = None
    for question in questions:
        if question.category != category:
            category = question.category
            lines += [f"$CATEGORY: {category}", ""]
        feedback = f"####{_escape(question.feedback)}" if question.feedback else ""
        if question.kind == TRUE_FALSE:
            answers = ("T" if question.true_is_correct else "F") + feedback
            lines += [f"{_escape(question.text)} {{{answers}}}", ""]
            continue
        right = sum(1 for o in question.options if o.correct)
        # A multiple choice question is written with equal shares for the right options and a
        # full penalty for wrong ones (what Moodle reads), after our comment saying its scoring,
        # since all or nothing has no GIFT form of its own.
        share = f"{100 / max(right, 1):.5f}".rstrip("0").rstrip(".")
        if question.kind == MULTIPLE:
            scoring = PARTIAL_CREDIT if question.partial_credit else ALL_OR_NOTHING
            lines.append(f"{_SCORING_COMMENT}{scoring}")
        lines.append(f"{_escape(question.text)} {{")
        for option in question.options:
            note = f" #{_escape(option.feedback)}" if option.feedback else ""
            if question.kind == SINGLE:
                mark = "=" if option.correct else "~"
            else:
                mark = f"~%{share}%" if option.correct else "~%-100%"
            lines.append(f"\t{mark}{_escape(option.text)}{note}")
        if feedback:
            lines.append(f"\t{feedback}")
        lines += ["}", ""]
    return "\n".join(lines).rstrip() + "\n"
