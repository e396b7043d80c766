"""Django's `{# … #}` comment ends on its own line: one left open runs on as text, printed on
the page (a phone once showed "{# On a phone each trainee is a card … #}" above a table)."""

import re
from pathlib import Path

from django.conf import settings

OPEN_COMMENT = re.compile(r"\{#(?!.*#\})")


def test_no_template_leaves_a_one_line_comment_open():
    opened = []
    for template in sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            if OPEN_COMMENT.search(line):
                opened.append(f"{template.relative_to(settings.BASE_DIR)}:{number}")
    assert opened == []
