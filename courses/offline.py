"""What "Save for offline" stores of a course (docs/offline.md): the course page and its
published lessons in the reader's language, with the lessons' images, for a person who may
read them. Reads only; the phone does the storing (static/js/offline.js)."""

from dataclasses import dataclass

from django.db.models import Max

from courses.models import CoursePage, LessonPage
from courses.selectors import can_read_course, reading_enrolment
from lms.i18n import localized_pages, original_of

# The rendition that templates/blocks/image.html shows in a lesson.
LESSON_IMAGE_FILTER = "width-800"
# A lesson page's HTML around its body (navigation, footer, forms), measured on the demo's
# lessons: what a saved page weighs besides its text and images.
PAGE_FRAME_BYTES = 12_000


@dataclass(frozen=True)
class OfflinePack:
    course_id: int
    version: str  # changes when a lesson is published, changed or removed
    page_urls: list[str]
    image_urls: list[str]
    bytes: int


def course_version(course: CoursePage) -> str:
    """What tells the phone that its saved copy is out of date: the lessons' count and the
    latest publication among the course and its lessons, in every language."""
    course = original_of(course)
    lessons = LessonPage.objects.child_of(course).live()
    keys = [course.translation_key, *lessons.values_list("translation_key", flat=True)]
    # Max, not ordering: PostgreSQL sorts a never-published page's NULL first in descending order.
    latest = (
        LessonPage.objects.filter(translation_key__in=keys)
        .live()
        .aggregate(latest=Max("last_published_at"))["latest"]
    )
    course_published = (
        CoursePage.objects.filter(translation_key=course.translation_key)
        .live()
        .aggregate(latest=Max("last_published_at"))["latest"]
    )
    stamps = [s for s in (latest, course_published) if s is not None]
    return f"{lessons.count()}-{max(stamps).isoformat() if stamps else ''}"


def offline_pack(*, course: CoursePage, user) -> OfflinePack | None:
    """None for a person who may not read the course's lessons: nothing of it is stored."""
    course = original_of(course)
    if reading_enrolment(user=user, course=course) is None and not can_read_course(
        user=user, course=course
    ):
        return None
    lessons = localized_pages(course.lessons())
    shown_course = localized_pages([course])[0]
    image_urls, size = [], 0
    for lesson in lessons:
        size += PAGE_FRAME_BYTES
        for block in lesson.body:
            if block.block_type == "image" and block.value.get("image") is not None:
                rendition = block.value["image"].get_rendition(LESSON_IMAGE_FILTER)
                image_urls.append(rendition.url)
                size += rendition.file.size
            else:
                size += len(str(block.render_as_block()))
    return OfflinePack(
        course_id=course.pk,
        version=course_version(course),
        page_urls=[shown_course.url, *(lesson.url for lesson in lessons)],
        image_urls=list(dict.fromkeys(image_urls)),
        bytes=size + PAGE_FRAME_BYTES,
    )
