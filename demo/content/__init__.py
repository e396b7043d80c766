"""Course content for the demo, kept apart from the seeding code.

Each module describes one course: `COURSE` (the course page's fields) and `LESSONS` (title, slug,
minutes, whether the lesson is required, and the body). Bodies are written in StreamField's raw
format with the helpers below, using only text blocks so the demo works offline with no media.
"""


def heading(text: str) -> dict:
    return {"type": "heading", "value": text}


def paragraph(html: str) -> dict:
    return {"type": "paragraph", "value": html}


def tip(html: str) -> dict:
    return {"type": "callout", "value": {"kind": "tip", "text": html}}


def warning(html: str) -> dict:
    return {"type": "callout", "value": {"kind": "warning", "text": html}}


def steps(title: str, *items: str) -> dict:
    return {"type": "steps", "value": {"title": title, "steps": list(items)}}


def checklist(title: str, *items: str) -> dict:
    return {"type": "checklist", "value": {"title": title, "items": list(items)}}


def lesson(title: str, slug: str, *body: dict, minutes: int = 20, required: bool = True) -> dict:
    return {
        "title": title,
        "slug": slug,
        "estimated_minutes": minutes,
        "required_for_completion": required,
        "body": list(body),
    }
