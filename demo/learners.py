"""The demo's learners: who they are, where they live, and their enrolments, each with the
progress made (the number of lessons done in course order, or "required", every required lesson,
or "all") and when they joined or withdrew, in days after the cohort started."""

from demo.people import BAKERY, FARM, HYGIENE, MENTOR_A, MENTOR_B, RETAIL_DONE, RETAIL_SOON


def enrol(cohort: str, progress: int | str = 0, *, joined_after: int = 0, withdrawn=None):
    """One enrolment: `joined_after` days after the cohort started (0: before it started);
    `withdrawn` is (days after the start, reason)."""
    return {
        "cohort": cohort,
        "progress": progress,
        "joined_after": joined_after,
        "withdrawn": withdrawn,
    }


def person(username, printed_name, region, language, gender, birth_year, *enrolments):
    return {
        "username": username,
        "printed_name": printed_name,
        "region": region,
        "language": language,
        "gender": gender,
        "birth_year": birth_year,
        "enrolments": list(enrolments),
    }


LEARNERS = [
    # The `learner` demo login, part-way through baking and the hygiene workshop, and through
    # with retail (eligible, waiting for `coordinator` to certify). English, so that the demo
    # reads the same for everyone; the others show every language.
    person(
        "learner",
        "María José Núñez",
        "north",
        "en",
        "woman",
        1991,
        enrol(BAKERY, 2),
        enrol(HYGIENE, 2),
        enrol(RETAIL_DONE, "required"),
    ),
    # The Spanish demo login: the site, Artisan Baking and her certificate (Retail, finished
    # and certified) in Spanish.
    person(
        "aprendiz",
        "Carmen Ruiz Ortega",
        "north",
        "es",
        "woman",
        1994,
        enrol(BAKERY, 3),
        enrol(RETAIL_DONE, "all"),
    ),
    person(
        "jiri.dvorak",
        "Jiří Dvořák",
        "north",
        "en",
        "man",
        1987,
        enrol(BAKERY, "all"),
        enrol(HYGIENE, "all"),
    ),
    person("nguyen.van.an", "Nguyễn Văn An", "north", "en", "man", 1995, enrol(BAKERY, 4)),
    person(
        "francesca.ricci",
        "Francesca Ricci",
        "north",
        "it",
        "woman",
        1979,
        enrol(BAKERY, "required"),
        enrol(HYGIENE, "required"),
    ),
    person("joao.goncalves", "João Gonçalves", "north", "pt", "man", 1983, enrol(BAKERY, 3)),
    person("aisha.bello", "Aisha Bello", "east", "en", "woman", 1998, enrol(BAKERY, 0)),
    person("luca.marino", "Luca Marino", "north", "it", "", 1990, enrol(BAKERY, 1)),
    person("sofia.lopez", "Sofía López", "north", "es", "woman", 2001, enrol(BAKERY, 5)),
    person(
        "kevin.obrien",
        "Kevin O'Brien",
        "north",
        "en",
        "man",
        1975,
        enrol(
            BAKERY, 2, withdrawn=(20, "Found full-time work and cannot attend morning sessions.")
        ),
    ),
    person(
        "zoe.ferrand",
        "Zoë Ferrand",
        "east",
        "en",
        "self_described",
        1996,
        enrol(BAKERY, 3),
    ),
    person("rui.almeida", "Rui Almeida", "north", "pt", "man", 1969, enrol(BAKERY, 2)),
    person(
        "elena.ruiz",
        "Elena Ruiz Peña",
        "north",
        "es",
        "woman",
        1986,
        enrol(BAKERY, 0, joined_after=10),
    ),
    person(
        "giovanni.deluca", "Giovanni De Luca", "north", "it", "not_said", 1993, enrol(BAKERY, 1)
    ),
    # Organic farming, three weeks in.
    person(
        "carmen.ortiz",
        "Carmen Ortiz Muñoz",
        "south",
        "es",
        "woman",
        1972,
        enrol(FARM, 2),
        enrol(HYGIENE, 1),
    ),
    person("andrea.colombo", "Andrea Colombo", "south", "it", "man", 1989, enrol(FARM, 1)),
    person(
        "bruno.teixeira",
        "Bruno Teixeira",
        "south",
        "pt",
        "man",
        1994,
        enrol(FARM, 3),
        enrol(HYGIENE, 0),
    ),
    person("fatima.elamrani", "Fátima El Amrani", "south", "es", "woman", 1997, enrol(FARM, 0)),
    person("stefano.gallo", "Stefano Gallo", "south", "it", "", 1981, enrol(FARM, 2)),
    person("oksana.bondarenko", "Oksana Bondarenko", "east", "en", "woman", 1985, enrol(FARM, 1)),
    person("miguel.sanz", "Miguel Ángel Sanz", "south", "es", "man", 1966, enrol(FARM, 3)),
    # Retail, finished two weeks ago: see RETAIL_DONE_STORY. Anna missed a required lesson.
    person(
        "sara.bianchi",
        "Sara Bianchi",
        "centre",
        "it",
        "woman",
        1999,
        enrol(RETAIL_DONE, "required"),
    ),
    person(
        "david.mensah",
        "David Mensah",
        "centre",
        "en",
        "man",
        1988,
        enrol(RETAIL_DONE, "all"),
        enrol(MENTOR_A, 4),
    ),
    person(
        "lucia.fernandez",
        "Lucía Fernández",
        "centre",
        "es",
        "woman",
        1992,
        enrol(RETAIL_DONE, "required"),
    ),
    person(
        "mateus.rocha", "Mateus Rocha", "centre", "pt", "man", 2000, enrol(RETAIL_DONE, "required")
    ),
    person("anna.novakova", "Anna Nováková", "east", "en", "woman", 1984, enrol(RETAIL_DONE, 4)),
    person(
        "ioana.popescu",
        "Ioana Popescu",
        "centre",
        "en",
        "woman",
        1990,
        enrol(RETAIL_DONE, "required"),
    ),
    person("marco.russo", "Marco Russo", "centre", "it", "", 1977, enrol(RETAIL_DONE, "all")),
    # Retail on the islands, starting in ten days.
    person(
        "ana.quintela", "Ana Paula Quintela", "islands", "pt", "woman", 1995, enrol(RETAIL_SOON)
    ),
    person("yusuf.demir", "Yusuf Demir", "islands", "en", "man", 1993, enrol(RETAIL_SOON)),
    person("chloe.lefevre", "Chloé Lefèvre", "islands", "en", "woman", 2002, enrol(RETAIL_SOON)),
    person("pedro.alvarez", "Pedro Álvarez", "islands", "es", "man", 1980, enrol(RETAIL_SOON)),
    # Mentor training: group A is half-way, group B finished months ago.
    person("helena.costa", "Helena Costa", "centre", "pt", "woman", 1974, enrol(MENTOR_A, 5)),
    person("thomas.byrne", "Thomas Byrne", "east", "en", "man", 1968, enrol(MENTOR_A, 4)),
    person("rosa.jimenez", "Rosa Jiménez", "centre", "es", "woman", 1970, enrol(MENTOR_A, 6)),
    person("antonio.greco", "Antonio Greco", "east", "it", "man", 1982, enrol(MENTOR_A, 3)),
    person("wanjiru.kamau", "Wanjiru Kamau", "centre", "en", "woman", 1987, enrol(MENTOR_A, 2)),
    person("raul.dominguez", "Raúl Domínguez", "centre", "es", "man", 1979, enrol(MENTOR_A, 4)),
    person(
        "maria.joao.silva", "Maria João Silva", "south", "pt", "woman", 1976, enrol(MENTOR_B, "all")
    ),
    person(
        "zeynep.yilmaz",
        "Zeynep Yılmaz",  # noqa: RUF001 - the Turkish dotless i is part of the name
        "south",
        "en",
        "woman",
        1991,
        enrol(MENTOR_B, "required"),
    ),
    person(
        "giorgos.papadakis",
        "Giorgos Papadakis",
        "south",
        "en",
        "man",
        1973,
        enrol(MENTOR_B, "required"),
    ),
    person("carla.moretti", "Carla Moretti", "south", "it", "", 1985, enrol(MENTOR_B, "all")),
    person("jose.martins", "José Martins", "south", "pt", "man", 1964, enrol(MENTOR_B, 6)),
]
