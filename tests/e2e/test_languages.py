"""A learner whose profile says Spanish reads the site, her course and a lesson in Spanish, and
downloads her certificate in Spanish; the language menu switches the site to Italian (and she
switches back, which her profile keeps, so that the journey holds in any order)."""

import re

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from demo.content import artisan_baking_es
from tests.e2e.helpers import Journey, log_in_only, menu_settled, open_menu_link

SPANISH_COURSE = "Panadería artesanal"
SPANISH_LESSONS = {lesson["title"] for lesson in artisan_baking_es.LESSONS}
SPANISH_RETAIL = "Dependiente de comercio"


def menu_links(page: Page, main: str, menu: str, links: list[str]) -> None:
    """Open the phone's menu, see these links in it, and close it again."""
    nav = page.get_by_role("navigation", name=main)
    toggler = nav.get_by_role("button", name=menu)
    toggler.click()
    expect(nav.locator(".navbar-collapse")).to_have_class(re.compile(r"\bshow\b"))
    for link in links:
        expect(nav.get_by_role("link", name=link, exact=True)).to_be_visible()
    toggler.click()
    expect(nav.locator(".navbar-collapse")).not_to_have_class(re.compile(r"\bshow\b"))
    menu_settled(nav)  # "show" goes when the menu starts closing, not when it has closed


def test_spanish_learner_reads_spanish_downloads_a_spanish_certificate_and_switches_to_italian(
    page: Page, journey: Journey
):
    log_in_only(page, "aprendiz")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi aprendizaje")
    menu_links(page, "Principal", "Menú", ["Mi aprendizaje", "Mis certificados", "Cursos"])
    baking = page.get_by_role("article").filter(
        has=page.get_by_role("heading", name=SPANISH_COURSE, exact=True)
    )
    expect(baking).to_be_visible()
    journey.arrive("mi-aprendizaje")

    with page.expect_navigation():
        baking.get_by_role("link", name=re.compile(r"^(Continuar|Empezar)\b")).click()
    lesson_title = page.get_by_role("heading", level=1).inner_text()
    assert lesson_title in SPANISH_LESSONS, lesson_title
    lesson_links = page.get_by_role("link", name=re.compile(r"^(← Anterior|Siguiente)"))
    expect(lesson_links.first).to_be_visible()
    journey.arrive("leccion")

    open_menu_link(page, "Mis certificados", main="Principal", menu="Menú")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mis certificados")
    certificate = page.get_by_role("listitem").filter(has_text=SPANISH_RETAIL)
    journey.arrive("mis-certificados")
    with page.expect_download() as download:
        certificate.get_by_role("link", name=re.compile(r"^Descargar certificado \(PDF\)")).click()
    text = " ".join(sheet.extract_text() for sheet in PdfReader(download.value.path()).pages)
    text = " ".join(text.split())
    assert SPANISH_RETAIL in text, text
    assert "Cobrar en efectivo y con tarjeta" in text, text  # a learning outcome, translated
    assert "Italia" in text, text  # the awarding body's country, named in Spanish
    assert "Directora de Formación" in text, text  # the signatory's title, given in Spanish

    switcher = page.locator("form").filter(has=page.get_by_label("Idioma"))
    switcher.get_by_label("Idioma").select_option(label="Italiano")
    with page.expect_navigation():
        switcher.get_by_role("button", name="Cambiar").click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.get_by_role("heading", level=1)).to_have_text("I miei attestati")
    menu_links(page, "Principale", "Menu", ["La mia formazione", "I miei attestati", "Corsi"])
    journey.arrive("i-miei-attestati")
    open_menu_link(page, "La mia formazione", main="Principale", menu="Menu")
    expect(page.get_by_role("heading", level=1)).to_have_text("La mia formazione")
    italian_course = page.get_by_role("heading", name="Panificazione artigianale", exact=True)
    expect(italian_course).to_be_visible()
    journey.arrive("la-mia-formazione")

    # Back to Spanish, as her profile had it.
    switcher = page.locator("form").filter(has=page.get_by_label("Lingua"))
    switcher.get_by_label("Lingua").select_option(label="Español")
    with page.expect_navigation():
        switcher.get_by_role("button", name="Cambia").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mi aprendizaje")
    journey.finish()
