"""What every browser journey does: log in through the form, and check each page it visits."""

import json
import re
from pathlib import Path

from playwright.sync_api import Page, expect

REPO_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS_DIR = REPO_DIR / "e2e-artifacts"
AXE_SCRIPT = REPO_DIR / "node_modules" / "axe-core" / "axe.min.js"
DEMO_PASSWORD = "lms-demo"
FAILING_IMPACTS = {"serious", "critical"}


LANDS_ON = {"trainer": "Today", "coordinator": "My caseload", "admin": "My caseload"}


def login(page: Page, username: str, *, lands_on: str | None = None) -> None:
    """Log in through the login form, as a person does, and land on `lands_on` in English
    (by default where the demo person lands: trainers on "Today", coordinators on "My caseload",
    learners on "My learning").

    Logging in switches the site to the person's preferred language, and most demo people prefer
    another one; the journeys read English words, so they switch back with the footer's language
    form (found by its field name, which does not depend on the language shown). That choice is
    kept in the person's profile: a journey that needs the person's own language back restores it
    with `choose_language`."""
    log_in_only(page, username)
    choose_language(page, "en")
    expected = lands_on or LANDS_ON.get(username, "My learning")
    expect(page.get_by_role("heading", level=1)).to_have_text(expected)


def log_in_only(page: Page, username: str) -> None:
    """Log in through the form and stay in the language the person's profile gives."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form").filter(has=page.locator("input[name=password]")).locator(
            "[type=submit]"
        ).click()


def choose_language(page: Page, code: str) -> None:
    """Choose a language with the footer's language form, as a person does."""
    language_form = page.locator("form").filter(has=page.locator("select[name=language]"))
    language_form.locator("select[name=language]").select_option(code)
    with page.expect_navigation():
        language_form.locator("[type=submit]").click()


def open_menu_link(page: Page, name: str, *, main: str = "Main", menu: str = "Menu") -> None:
    """Follow a link in the main navigation, opening the collapsed menu first on a phone and
    the link's group (Teaching, Reports, the account menu) if it is in one.
    `main` and `menu` name the navigation and its button in the language shown."""
    nav = open_main_menu(page, main=main, menu=menu)
    link = nav.get_by_role("link", name=name, exact=True, include_hidden=True)
    open_group_of(nav, link)
    with page.expect_navigation():
        link.click()


def open_main_menu(page: Page, *, main: str = "Main", menu: str = "Menu"):
    """The main navigation, its phone menu opened if it is collapsed."""
    nav = page.get_by_role("navigation", name=main)
    toggler = nav.get_by_role("button", name=menu)
    if toggler.is_visible():
        menu_settled(nav)
        toggler.click()
        # Bootstrap gives the menu its "show" class when it has finished opening.
        expect(nav.locator(".navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
    return nav


def open_group_of(nav, item) -> None:
    """Open the dropdown that holds `item` (a link or a button), if it is in a closed one."""
    if item.is_visible():
        return
    group = item.locator("xpath=ancestor::li[contains(concat(' ', @class, ' '), ' dropdown ')]")
    group.locator("[data-bs-toggle=dropdown]").click()
    expect(item).to_be_visible()


def menu_settled(nav) -> None:
    """Wait until the phone's menu has finished opening or closing: Bootstrap ignores the menu
    button while the menu slides (a click then would be lost, as a person's quick second tap is)."""
    expect(nav.locator(".navbar-collapse")).not_to_have_class(re.compile(r"\bcollapsing\b"))


def a11y_violations(page: Page) -> list[str]:
    """axe-core's serious and critical violations on the page as it is now, one line each."""
    page.add_script_tag(path=AXE_SCRIPT)
    result = page.evaluate("() => axe.run()")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} {v['helpUrl']}\n    on "
        + "\n    on ".join(
            f"{json.dumps(node['target'])}: {node['failureSummary']}".replace("\n", " ")
            for node in v["nodes"]
        )
        for v in result["violations"]
        if v["impact"] in FAILING_IMPACTS
    ]


def assert_no_serious_axe(page: Page) -> None:
    """Fail on any serious or critical accessibility violation that axe-core (served from
    node_modules, never a CDN) finds on the page as it is now."""
    violations = a11y_violations(page)
    assert not violations, f"Accessibility violations on {page.url}:\n" + "\n".join(violations)


def sideways_overflow(page: Page) -> int:
    """How many pixels the page is wider than the phone's screen (0: no sideways scrolling)."""
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


class Journey:
    """The pages one journey visits. `arrive(step)` on each: a full-page screenshot in
    e2e-artifacts/<test>/<nn>-<step>.png, the accessibility check and the phone-width check.
    Problems are gathered rather than raised, so that one run reports every page's, and
    `finish()` fails the test if there were any."""

    def __init__(self, page: Page, folder: Path):
        self.page = page
        self.folder = folder
        self.steps = 0
        self.problems: list[str] = []

    def shot(self, step: str) -> Path:
        self.steps += 1
        path = self.folder / f"{self.steps:02d}-{step}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def arrive(self, step: str) -> None:
        path = self.shot(step)
        where = f"{self.page.url} ({path.name})"
        self.problems += [f"{where}: {violation}" for violation in a11y_violations(self.page)]
        if (overflow := sideways_overflow(self.page)) > 0:
            self.problems.append(f"{where}: {overflow} px wider than the screen")

    def finish(self) -> None:
        assert not self.problems, "Problems on the pages of this journey:\n" + "\n".join(
            f"- {problem}" for problem in self.problems
        )


PROGRESS_TEXT = re.compile(r"(\d+) of (\d+) required lessons done \((\d+)%\)")


def logout(page: Page) -> None:
    """Log out with the button in the account menu, so the next person can log in."""
    nav = open_main_menu(page)
    button = nav.get_by_role("button", name="Log out", include_hidden=True)
    open_group_of(nav, button)
    with page.expect_navigation():
        button.click()
    expect(page.get_by_role("link", name="Log in", exact=True).first).to_be_attached()


ATTENDANCE_TEXT = re.compile(r"([\d.]+)% \((\d+) of (\d+) sessions\)")
