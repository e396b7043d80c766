"""Every role's pages fit every screen and pass axe-core: the page each person lands on after
logging in and every page of their main navigation (its groups and account menu included), with
no sideways scrolling from a small phone to a desktop, and no serious or critical accessibility
problem at a phone's width or a laptop's."""

import pytest

from tests.e2e.helpers import a11y_violations, log_in_only, sideways_overflow

WIDTHS = (360, 390, 1024, 1280, 1366, 1440)
AXE_WIDTHS = (390, 1366)


def nav_pages(page) -> list[str]:
    """The addresses of the main navigation's links on this page, hidden ones included (the
    groups' menus and the collapsed phone menu), in order and once each."""
    hrefs = page.eval_on_selector_all(
        "nav[aria-label] a[href]", "links => links.map(link => link.getAttribute('href'))"
    )
    return list(dict.fromkeys(href for href in hrefs if href.startswith("/") and href != "/"))


def cohort_pages(page, paths: list[str]) -> list[str]:
    """For staff: their first cohort's page and the attendance pages it links (the grid, a roll
    call), the widest pages of the site."""
    if "/learning/staff/cohorts/" not in paths:
        return []
    page.goto("/learning/staff/cohorts/")
    cohorts = page.eval_on_selector_all(
        "main a[href^='/learning/staff/cohorts/']",
        "links => links.map(l => l.getAttribute('href'))",
    )
    if not cohorts:
        return []
    page.goto(cohorts[0])
    hrefs = page.eval_on_selector_all(
        "main a[href^='/attendance/']", "links => links.map(l => l.getAttribute('href'))"
    )
    return [cohorts[0], *dict.fromkeys(hrefs[:3])]


@pytest.mark.parametrize("username", ["learner", "trainer", "coordinator", "admin"])
def test_every_roles_pages_fit_every_screen_and_pass_axe(browser, live_url, username):
    context = browser.new_context(
        base_url=live_url, viewport={"width": 1366, "height": 800}, bypass_csp=True
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        log_in_only(page, username)
        landing = page.url.removeprefix(live_url)
        wider, problems = {}, []
        paths = [landing, *(p for p in nav_pages(page) if p != landing)]
        paths += [p for p in cohort_pages(page, paths) if p not in paths]
        for path in paths:
            if path.startswith("/admin/"):
                continue  # Wagtail's admin: its own frame, tested by Wagtail
            page.goto(path)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": 800})
                if (overflow := sideways_overflow(page)) > 0:
                    wider[f"{path} at {width} px"] = overflow
                if width in AXE_WIDTHS:
                    problems += [f"{path} at {width} px: {v}" for v in a11y_violations(page)]
        assert not wider, f"{username}: pages wider than the screen (px): {wider}"
        assert not problems, f"{username}: axe found:\n" + "\n".join(problems)
    finally:
        context.close()
