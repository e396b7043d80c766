"""The question bank's CSV template: one question a row. Pure: text in, the same parsed
questions and problems (with their line) as the GIFT parser out."""

import csv
import io

from django.utils.translation import gettext_lazy as _

from assessments.quizzes.gift import Parsed, ParsedOption, ParsedQuestion, Problem
from assessments.quizzes.rules import MULTIPLE, SINGLE, TRUE_FALSE

OPTIONS = 6
COLUMNS = (
    "category",
    "type",
    "question",
    *(f"option_{n}" for n in range(1, OPTIONS + 1)),
    "right",
    "partial_credit",
    "feedback",
)
KINDS = {"single": SINGLE, "multiple": MULTIPLE, "true_false": TRUE_FALSE}
YES = {"yes", "y", "true", "1", "sí", "si", "sì", "sim"}
SAMPLE_CSV = (
    ",".join(COLUMNS)
    + "\r\n"
    + "Hygiene,single,Where do raw meats go in the fridge?,On the bottom shelf,On the top shelf,"
    + "Anywhere,,,,1,,Raw below ready-to-eat.\r\n"
    + 'Temperatures,multiple,Which are safe fridge temperatures?,3 °C,5 °C,12 °C,,,,"1,2",'
    + "yes,Below 5 °C.\r\n"
    + "Hygiene,true_false,Hands must be washed after handling raw eggs.,,,,,,,true,,"
    + "Eggs can carry salmonella.\r\n"
)

MSG_COLUMNS = _("The first line must name the columns: %(columns)s.")
MSG_NO_TEXT = _("The question is empty.")
MSG_NO_CATEGORY = _("The category is empty.")
MSG_KIND = _("“%(value)s” is not a type: write single, multiple or true_false.")
MSG_TRUE_FALSE = _("For a true/false question, write true or false under “right”.")
MSG_RIGHT = _("Under “right”, write the numbers of the right options, such as 1 or 1,3.")
MSG_ONE_RIGHT = _("A single choice question has exactly one right option.")
MSG_TWO_OPTIONS = _("A choice question needs at least two options.")
MSG_NOT_TEXT = _("The file is not a text (CSV) file saved as UTF-8.")


def _row(line: int, row: dict) -> ParsedQuestion | Problem:
    category = (row.get("category") or "").strip()
    text = (row.get("question") or "").strip()
    kind = KINDS.get((row.get("type") or "").strip().lower())
    right = (row.get("right") or "").strip().lower()
    feedback = (row.get("feedback") or "").strip()
    if not category:
        return Problem(line, str(MSG_NO_CATEGORY))
    if not text:
        return Problem(line, str(MSG_NO_TEXT))
    if kind is None:
        return Problem(line, str(MSG_KIND) % {"value": row.get("type") or ""})
    if kind == TRUE_FALSE:
        if right not in ("true", "false"):
            return Problem(line, str(MSG_TRUE_FALSE))
        return ParsedQuestion(line, category, kind, text, feedback, true_is_correct=right == "true")
    texts = [(row.get(f"option_{n}") or "").strip() for n in range(1, OPTIONS + 1)]
    texts = [t for t in texts if t]
    if len(texts) < 2:
        return Problem(line, str(MSG_TWO_OPTIONS))
    try:
        numbers = {int(n) for n in right.replace(";", ",").split(",") if n.strip()}
    except ValueError:
        return Problem(line, str(MSG_RIGHT))
    if not numbers or not numbers <= set(range(1, len(texts) + 1)):
        return Problem(line, str(MSG_RIGHT))
    if kind == SINGLE and len(numbers) != 1:
        return Problem(line, str(MSG_ONE_RIGHT))
    options = tuple(ParsedOption(t, n in numbers) for n, t in enumerate(texts, start=1))
    partial = kind == MULTIPLE and (row.get("partial_credit") or "").strip().lower() in YES
    return ParsedQuestion(line, category, kind, text, feedback, partial, None, options)


def parse(data: bytes) -> Parsed:
    parsed = Parsed()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        parsed.problems.append(Problem(1, str(MSG_NOT_TEXT)))
        return parsed
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not {"category", "type", "question", "right"} <= {
        (name or "").strip() for name in reader.fieldnames
    }:
        parsed.problems.append(Problem(1, str(MSG_COLUMNS) % {"columns": ", ".join(COLUMNS)}))
        return parsed
    for row in reader:
        row = {(k or "").strip(): v for k, v in row.items()}
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue
        result = _row(reader.line_num, row)
        target = parsed.problems if isinstance(result, Problem) else parsed.questions
        target.append(result)
    return parsed
