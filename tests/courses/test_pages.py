"""Where each page type may be created: the hierarchy is locked."""

import pytest
from wagtail.models import Page
from wagtail.test.utils import WagtailTestUtils  # noqa: F401  (ensures wagtail test utils import)

from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage


@pytest.mark.parametrize(
    ("child", "parent", "allowed"),
    [
        (CourseIndexPage, HomePage, True),
        (CoursePage, CourseIndexPage, True),
        (LessonPage, CoursePage, True),
        (CoursePage, HomePage, False),
        (LessonPage, CourseIndexPage, False),
        (LessonPage, HomePage, False),
        (LessonPage, LessonPage, False),
        (CourseIndexPage, CoursePage, False),
        (HomePage, CourseIndexPage, False),
        (CoursePage, CoursePage, False),
    ],
)
def test_page_hierarchy(child, parent, allowed):
    assert child.can_create_at(parent()) is allowed


@pytest.mark.django_db
def test_only_one_home_page():
    root = Page.get_first_root_node()
    assert HomePage.objects.count() == 1
    assert not HomePage.can_create_at(root)


@pytest.mark.django_db
def test_course_index_lists_live_courses(client, world):
    response = client.get("/courses/")
    assert response.status_code == 200
    assert "Artisan Baking" in response.text
    assert "EQF level 3" in response.text
