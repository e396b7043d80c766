"""Rules of the spreadsheets the site writes. Pure: no database, no request."""

# Excel refuses these in a sheet's title, and a title longer than 31 characters.
SHEET_TITLE_FORBIDDEN = frozenset("\\/?*[]:")
SHEET_TITLE_MAX = 31
# Excel keeps this name for itself.
SHEET_TITLE_RESERVED = "history"


def sheet_title(title: str, *, taken=(), fallback: str = "Sheet") -> str:
    """`title` (a cohort's name, say) made into a sheet title Excel accepts: forbidden characters
    become spaces, no apostrophe at either end, at most 31 characters, and unlike every title in
    `taken` (Excel compares them without regard to case), numbered " (2)", " (3)"... if need be."""
    cleaned = "".join(" " if c in SHEET_TITLE_FORBIDDEN or ord(c) < 32 else c for c in str(title))
    cleaned = " ".join(cleaned.split())[:SHEET_TITLE_MAX].strip(" '") or fallback
    used = {t.casefold() for t in taken} | {SHEET_TITLE_RESERVED}
    candidate, number = cleaned, 2
    while candidate.casefold() in used:
        suffix = f" ({number})"
        candidate = cleaned[: SHEET_TITLE_MAX - len(suffix)].rstrip(" '") + suffix
        number += 1
    return candidate
