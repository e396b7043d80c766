"""Run by bench/peer.py in the peer's virtualenv: a course with one lesson holding the given text
(the same text as the project's benchmarked lesson), and a learner enrolled in it. Idempotent.

    python bench/peer/setup_peer.py <lesson text JSON file>
"""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peer_site.settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.utils.html import escape  # noqa: E402
from wagtail.models import Page, Site  # noqa: E402
from wagtail_lms.models import CourseEnrollment, CoursePage, H5PLessonPage  # noqa: E402


def main() -> None:
    paragraphs = json.loads(Path(sys.argv[1]).read_text())["paragraphs"]
    user = get_user_model().objects.filter(username="learner").first()
    if user is None:
        user = get_user_model().objects.create_user("learner", password="lms-demo")  # noqa: S106
    home = Site.objects.get(is_default_site=True).root_page
    course = CoursePage.objects.filter(slug="artisan-baking").first()
    if course is None:
        course = home.add_child(
            instance=CoursePage(title="Artisan Baking", slug="artisan-baking", description="")
        )
    body = [("paragraph", f"<p>{escape(text)}</p>") for text in paragraphs]
    lesson = H5PLessonPage.objects.child_of(course).first()
    if lesson is None:
        lesson = course.add_child(
            instance=H5PLessonPage(title="Safety and hygiene", slug="safety-and-hygiene", body=body)
        )
    else:
        lesson.body = body
        lesson.save_revision().publish()
    CourseEnrollment.objects.get_or_create(user=user, course=course)
    text = sum(len(p) for p in paragraphs)
    print(json.dumps({"url": lesson.get_url(), "text_chars": text, "pages": Page.objects.count()}))


if __name__ == "__main__":
    main()
