"""The site frame fits every screen: no role's pages scroll sideways on a laptop or a desktop,
where the staff navigation holds the most links (the phone width is checked by every journey)."""

import pytest

from tests.e2e.helpers import log_in_only, sideways_overflow

WIDTHS = (1024, 1280, 1366, 1440)


@pytest.mark.parametrize("username", ["learner", "trainer", "coordinator", "admin"])
def test_no_sideways_scrolling_on_wide_screens(browser, live_url, username):
    context = browser.new_context(base_url=live_url, viewport={"width": 1366, "height": 800})
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in_only(page, username)
        wider = {}
        for path in (page.url, "/learning/", "/courses/"):
            page.goto(path)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                if (overflow := sideways_overflow(page)) > 0:
                    wider[f"{path} at {width} px"] = overflow
        assert not wider, f"{username}: pages wider than the screen (px): {wider}"
    finally:
        context.close()
