"""A learner on a phone: log in, open a course, read a lesson, mark it done, see the progress."""

from playwright.sync_api import Page, expect

from tests.e2e.helpers import PROGRESS_TEXT, Journey, login, open_menu_link

COURSE = "Artisan Baking"


def course_card(page: Page):
    return page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=COURSE, exact=True)
    )


def progress_shown(page: Page, container) -> tuple[int, int, int, str]:
    """(done, required, percent) as the words say it, and the progress bar's aria-valuenow."""
    words = container.get_by_text(PROGRESS_TEXT)
    expect(words).to_be_visible()
    done, required, percent = (int(n) for n in PROGRESS_TEXT.search(words.inner_text()).groups())
    bar = container.get_by_role("progressbar", name="Required lessons done")
    expect(bar).to_be_visible()
    return done, required, percent, bar.get_attribute("aria-valuenow")


def test_learner_marks_a_lesson_done(page: Page, journey: Journey):
    page.goto("/accounts/login/")
    journey.arrive("login")

    login(page, "learner")
    open_menu_link(page, "My learning")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    journey.arrive("my-learning-before")
    done, required, percent, bar_before = progress_shown(page, course_card(page))
    assert done < required, "The demo learner should have required lessons left to do"
    assert bar_before == str(percent)

    course_card(page).get_by_role("link", name=COURSE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(COURSE)
    journey.arrive("course")

    # The first required lesson the learner has not done yet.
    lessons = page.get_by_role("region", name="Lessons").get_by_role("listitem")
    next_lesson = lessons.filter(has_not_text="✓ Done").filter(has_not_text="optional").first
    lesson_link = next_lesson.get_by_role("link")
    lesson_title = lesson_link.inner_text()
    lesson_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(lesson_title)
    journey.arrive("lesson")

    page.get_by_role("button", name="Mark as done", exact=True).click()
    expect(page.get_by_text("You have done this lesson.")).to_be_visible()
    expect(page.get_by_text(f"“{lesson_title}” is marked as done.")).to_be_visible()
    journey.arrive("lesson-done")

    open_menu_link(page, "My learning")
    expect(page.get_by_role("heading", level=1)).to_have_text("My learning")
    journey.arrive("my-learning-after")
    done_after, required_after, percent_after, bar_after = progress_shown(page, course_card(page))
    assert (done_after, required_after) == (done + 1, required)
    assert percent_after > percent
    assert bar_after == str(percent_after) != bar_before
    journey.finish()
