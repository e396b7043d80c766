"""Demo translations: the home page, the course index and Artisan Baking (the course and every
lesson) in Spanish and Italian, and the Retail Sales Assistant course page in Spanish (its
lessons are left in English, to show the fallback). Published as Wagtail translations of the
English pages, through the same service as any other translation. Idempotent: a page that
already has a translation in a language is left as it is.

The trades and regions get their names in Spanish, Italian and Portuguese; a name someone has
already given in a language is left as it is.

Runs before the certificates step, so that `aprendiz` (Spanish) is certified in Spanish."""

import datetime

from courses.models import CourseIndexPage, CoursePage, HomePage, LessonPage, Trade
from demo.content import artisan_baking_es, artisan_baking_it
from lms.i18n import NAME_LANGUAGES, original_of
from lms.models import Region, User
from lms.services import page_translation_publish, roles_ensure

HOME = {
    "es": {
        "title": "Bienvenida al Riverside Training Centre",
        "intro": (
            "<p>Ofrecemos cursos prácticos que llevan al trabajo: panadería artesanal, "
            "agricultura ecológica y comercio, en grupos pequeños, en nuestra panadería de "
            "formación, en granjas asociadas y en nuestra tienda de formación. También formamos "
            "a mentores voluntarios que acompañan a las personas en su camino hacia el "
            "empleo.</p>"
            "<p>Cada curso está pensado para tu móvil: lecciones cortas, pasos claros y tu "
            "progreso siempre a la vista. Inicia sesión para seguir donde lo dejaste.</p>"
        ),
    },
    "it": {
        "title": "Benvenuti al Riverside Training Centre",
        "intro": (
            "<p>Offriamo corsi pratici che portano al lavoro: panificazione artigianale, "
            "agricoltura biologica e vendita, in piccoli gruppi, nel nostro panificio "
            "didattico, in aziende agricole partner e nel nostro negozio didattico. Formiamo "
            "anche mentori volontari che accompagnano le persone verso il lavoro.</p>"
            "<p>Ogni corso è pensato per il telefono: lezioni brevi, passi chiari e i tuoi "
            "progressi sempre sotto gli occhi. Accedi per riprendere da dove eri rimasto.</p>"
        ),
    },
}
COURSE_INDEX = {
    "es": {
        "title": "Cursos",
        "intro": (
            "<p>Nuestros cursos son cortos, prácticos y reconocidos. Cada uno indica lo que "
            "sabrás hacer, cuántas horas dura y cómo se evalúa.</p>"
        ),
    },
    "it": {
        "title": "Corsi",
        "intro": (
            "<p>I nostri corsi sono brevi, pratici e riconosciuti. Ognuno indica cosa saprai "
            "fare, quante ore dura e come viene valutato.</p>"
        ),
    },
}
RETAIL_ES = {
    "title": "Dependiente de comercio",
    "summary": (
        "Prepárate para tu primer trabajo en una tienda: recibir y ayudar a los clientes, "
        "cuidar las existencias y los estantes, cobrar, atender reclamaciones con calma y "
        "cerrar la caja."
    ),
    "outcomes": [
        "Recibir a los clientes, averiguar lo que necesitan y recomendar productos adecuados.",
        "Recibir, rotar y exponer las existencias, con precios y etiquetas correctos.",
        "Cobrar en efectivo y con tarjeta con exactitud y dar el cambio correcto.",
        "Atender una reclamación con calma y saber cuándo avisar a un responsable.",
        "Cerrar y cuadrar la caja al final del día.",
    ],
    "assessment_type": "Juego de rol en la tienda de formación, observado con lista de control",
}


# By original name (trades) and by code (regions): (Spanish, Italian, Portuguese).
TRADE_NAMES = {
    "Baking": ("Panadería", "Panificazione", "Panificação"),
    "Farming": ("Agricultura", "Agricoltura", "Agricultura"),
    "Sales assistant": ("Auxiliar de ventas", "Addetto alle vendite", "Assistente de vendas"),
    "Mentoring": ("Mentoría", "Mentoring", "Mentoria"),
}
REGION_NAMES = {
    "north": ("Norte", "Nord", "Norte"),
    "centre": ("Centro", "Centro", "Centro"),
    "south": ("Sur", "Sud", "Sul"),
    "east": ("Este", "Est", "Leste"),
    "islands": ("Islas", "Isole", "Ilhas"),
}


def _name(thing, names: tuple[str, ...]) -> bool:
    """Gives `thing` its names in the other languages where it has none yet."""
    given = dict(zip((f"name_{code}" for code in NAME_LANGUAGES), names, strict=True))
    missing = [field for field in given if not getattr(thing, field)]
    for field in missing:
        setattr(thing, field, given[field])
    if missing:
        thing.save(update_fields=missing)
    return bool(missing)


def _names() -> int:
    named = 0
    for trade in Trade.objects.filter(name__in=TRADE_NAMES):
        named += _name(trade, TRADE_NAMES[trade.name])
    for region in Region.objects.filter(code__in=REGION_NAMES):
        named += _name(region, REGION_NAMES[region.code])
    return named


def _course_fields(data: dict) -> dict:
    fields = {key: value for key, value in data.items() if key != "outcomes"}
    fields["learning_outcomes"] = [{"type": "outcome", "value": text} for text in data["outcomes"]]
    return fields


def _translate(page, language: str, fields: dict, *, by) -> bool:
    if page.get_translations().filter(locale__language_code=language).exists():
        return False
    page_translation_publish(page=page, language=language, fields=fields, by=by)
    return True


def seed(*, today: datetime.date, stdout) -> None:
    named = _names()
    stdout.write(f"Translations: {named} trades and regions named in other languages now.")
    admin = User.objects.filter(username="admin").first()
    home = HomePage.objects.filter(locale__language_code="en").first()
    if home is None:
        return
    home = original_of(home)
    made = 0
    for language in ("es", "it"):
        made += _translate(home, language, HOME[language], by=admin)
        index = CourseIndexPage.objects.child_of(home).first()
        if index is not None:
            made += _translate(index, language, COURSE_INDEX[language], by=admin)
    for content in (artisan_baking_es, artisan_baking_it):
        course = CoursePage.objects.filter(slug=content.ORIGINAL_SLUG, locale=home.locale).first()
        if course is None:
            continue
        made += _translate(course, content.LANGUAGE, _course_fields(content.COURSE), by=admin)
        for spec in content.LESSONS:
            lesson = LessonPage.objects.child_of(course).filter(slug=spec["slug"]).first()
            if lesson is not None:
                made += _translate(lesson, content.LANGUAGE, spec, by=admin)
    retail = CoursePage.objects.filter(slug="retail-sales-assistant", locale=home.locale).first()
    if retail is not None:
        made += _translate(retail, "es", _course_fields(RETAIL_ES), by=admin)
    # Coordinators edit course content under each language's course index too.
    roles_ensure()
    stdout.write(f"Translations: {made} pages translated now (Spanish and Italian).")
