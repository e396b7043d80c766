"""Every learner-, trainer- and coordinator-facing string is translated into Spanish, Italian
and Portuguese (English is the source language: its msgids are the text).

The catalogues are checked against the source as it is now: the project is copied into a
temporary folder and `makemessages` (the same arguments as `make messages`) extracts its strings
there, so a string added to a template or a view without re-running `make messages` and
translating it fails here. Nothing in the working tree is written."""

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import polib
import pytest
from django.conf import settings

TRANSLATED = ("es", "it", "pt")
MSGFMT = shutil.which("msgfmt") or "/usr/bin/msgfmt"  # GNU gettext, from `make install`
ROOT = Path(settings.BASE_DIR)
# The same arguments as `make messages` (Makefile); --keep-pot leaves the extracted template.
MAKEMESSAGES = [
    "makemessages",
    *[arg for code in TRANSLATED for arg in ("-l", code)],
    "--no-location",
    "--no-obsolete",
    "--ignore=.venv/*",
    "--ignore=node_modules/*",
    "--ignore=static_collected/*",
    "--ignore=tests/*",
    "--ignore=bench/*",
    "--keep-pot",
]
# What the copy leaves out: everything makemessages ignores, and what it need not read.
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "static_collected",
    "tests",
    "bench",
    "locale",
    "media",
    "private_media",
    "e2e-artifacts",
    ".cluster",
    "__pycache__",
    "*.pyc",
    "*.sqlite3",
)


@dataclass
class Problems:
    missing: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    fuzzy: list[str] = field(default_factory=list)
    format_errors: list[str] = field(default_factory=list)

    def __bool__(self):
        return bool(self.missing or self.untranslated or self.fuzzy or self.format_errors)

    def report(self, code: str) -> str:
        lines = []
        for title, items in (
            ("missing from the catalogue (run `make messages`, then translate)", self.missing),
            ("untranslated", self.untranslated),
            ("fuzzy (check the translation, then remove the fuzzy flag)", self.fuzzy),
            ("placeholders differ from the source (msgfmt --check)", self.format_errors),
        ):
            if items:
                lines.append(f"{code}: {len(items)} {title}:")
                lines.extend(f"    {item}" for item in items)
        return "\n".join(lines)


def extract_source_template(workdir: Path) -> polib.POFile:
    """The strings of the current source, extracted by makemessages from a copy of it."""
    copy = workdir / "src"
    shutil.copytree(ROOT, copy, ignore=NOT_COPIED, symlinks=True)
    (copy / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", *MAKEMESSAGES],
        cwd=copy,
        check=True,
        capture_output=True,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lms.settings.test"},
    )
    return polib.pofile(str(copy / "locale" / "django.pot"))


def _key(entry) -> tuple[str, str]:
    return (entry.msgctxt or "", entry.msgid)


def _label(entry) -> str:
    context = f" [context: {entry.msgctxt}]" if entry.msgctxt else ""
    return repr(entry.msgid) + context


def catalogue_problems(*, po_path: Path, template: polib.POFile) -> Problems:
    problems = Problems()
    if not po_path.exists():
        problems.missing = [_label(entry) for entry in template]
        return problems
    catalogue = polib.pofile(str(po_path))
    present = {_key(entry) for entry in catalogue if not entry.obsolete}
    problems.missing = [_label(entry) for entry in template if _key(entry) not in present]
    for entry in catalogue:
        if entry.obsolete:
            continue
        if "fuzzy" in entry.flags:
            problems.fuzzy.append(_label(entry))
        elif not entry.translated():
            problems.untranslated.append(_label(entry))
    problems.format_errors = _format_errors(po_path, catalogue)
    return problems


def _format_errors(po_path: Path, catalogue: polib.POFile) -> list[str]:
    """msgfmt's check of python-format placeholders, each error named by its msgid."""
    checked = subprocess.run(
        [MSGFMT, "--check-format", "--check-domain", "-o", "/dev/null", str(po_path)],
        capture_output=True,
        text=True,
    )
    if checked.returncode == 0:
        return []
    starts = sorted((entry.linenum, entry) for entry in catalogue if entry.linenum)
    errors = []
    for line in checked.stderr.splitlines():
        found = re.match(r".*?:(\d+): (.*)", line)
        if not found:
            continue
        number = int(found[1])
        entry = max((e for n, e in starts if n <= number), key=lambda e: e.linenum, default=None)
        errors.append(f"{_label(entry) if entry else ''}: {found[2]}")
    return errors


@pytest.fixture(scope="module")
def source_template(tmp_path_factory):
    return extract_source_template(tmp_path_factory.mktemp("messages"))


def test_every_string_is_translated_in_every_language(source_template):
    assert len(source_template) > 100, "makemessages found almost nothing to translate"
    locale_dir = Path(settings.LOCALE_PATHS[0])
    reports = []
    for code in TRANSLATED:
        problems = catalogue_problems(
            po_path=locale_dir / code / "LC_MESSAGES" / "django.po", template=source_template
        )
        if problems:
            reports.append(problems.report(code))
    assert not reports, "Translations are incomplete:\n" + "\n".join(reports)


# The check itself, against throwaway catalogues made from the same extracted template.


def _write_catalogue(path: Path, template: polib.POFile, *, translate) -> Path:
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "es"}
    for entry in template:
        translated = polib.POEntry(
            msgid=entry.msgid,
            msgctxt=entry.msgctxt,
            msgid_plural=entry.msgid_plural,
            flags=list(entry.flags),
        )
        translate(translated)
        catalogue.append(translated)
    path.parent.mkdir(parents=True, exist_ok=True)
    catalogue.save(str(path))
    return path


def _complete(entry):
    # A stand-in translation that keeps every placeholder, as a real one must.
    if entry.msgid_plural:
        entry.msgstr_plural = {0: "ES " + entry.msgid, 1: "ES " + entry.msgid_plural}
    else:
        entry.msgstr = "ES " + entry.msgid


def test_check_passes_a_complete_catalogue(source_template, tmp_path):
    path = _write_catalogue(tmp_path / "es.po", source_template, translate=_complete)
    assert not catalogue_problems(po_path=path, template=source_template)


def test_check_names_each_kind_of_problem(source_template, tmp_path):
    singular = [e for e in source_template if not e.msgid_plural and not e.msgctxt]
    dropped = next(e for e in singular if "%(" not in e.msgid)
    left_empty = next(e for e in singular if e is not dropped and "%(" not in e.msgid)
    fuzzy = next(e for e in singular if e not in (dropped, left_empty) and "%(" not in e.msgid)
    formatted = next(e for e in singular if "%(" in e.msgid and "python-format" in e.flags)

    def translate(entry):
        _complete(entry)
        if entry.msgid == left_empty.msgid:
            entry.msgstr = ""
        elif entry.msgid == fuzzy.msgid:
            entry.flags.append("fuzzy")
        elif entry.msgid == formatted.msgid:
            entry.msgstr = "ES %(nombre)s"

    kept = polib.POFile()
    for entry in source_template:
        if entry.msgid != dropped.msgid:
            kept.append(entry)
    path = _write_catalogue(tmp_path / "es.po", kept, translate=translate)

    problems = catalogue_problems(po_path=path, template=source_template)

    assert repr(dropped.msgid) in problems.missing
    assert problems.untranslated == [_label(left_empty)]
    assert problems.fuzzy == [_label(fuzzy)]
    assert len(problems.format_errors) == 1
    assert problems.format_errors[0].startswith(_label(formatted))
    report = problems.report("es")
    assert report.startswith("es: 1 missing from the catalogue")
    assert repr(left_empty.msgid) in report


def test_check_reports_a_missing_catalogue(source_template, tmp_path):
    problems = catalogue_problems(po_path=tmp_path / "none.po", template=source_template)
    assert len(problems.missing) == len(source_template)
