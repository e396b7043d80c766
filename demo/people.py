"""Who and where in the demo: regions, staff, cohorts and learners.

Dates are offsets in days from the day the demo is seeded, so the cohorts are always running,
finished or about to start whatever the date. Progress is the number of lessons done in course
order, or "required" (every required lesson, skipping optional ones) or "all".
"""

ORGANISATION_NAME = "Riverside Training Centre"

HOME_TITLE = "Welcome to Riverside Training Centre"
HOME_INTRO = (
    "<p>We run practical courses that lead to work: artisan baking, organic farming and retail, "
    "taught in small groups in our training bakery, on partner farms and in our training shop. "
    "We also train volunteer mentors who support people on their way into work.</p>"
    "<p>Every course is built for your phone: short lessons, clear steps, and your progress "
    "always in view. Log in to continue where you left off.</p>"
)
COURSE_INDEX_INTRO = (
    "<p>Our courses are short, practical and recognised. Each one lists what you will be able "
    "to do, how many hours it takes and how it is assessed.</p>"
)

# The logins printed by the command and listed in the README.
DEMO_PASSWORD = "lms-demo"  # noqa: S105 - a published demo password, refused when DEBUG is off
DEMO_LOGINS = ("learner", "aprendiz", "trainer", "coordinator", "admin")

REGIONS = [
    ("North", "north"),
    ("Centre", "centre"),
    ("South", "south"),
    ("East", "east"),
    ("Islands", "islands"),
]

# Staff. `trainer`, `coordinator` and `admin` are demo logins; the others have no password.
STAFF = [
    {
        "username": "admin",
        "printed_name": "Site Administrator",
        "role": "Coordinator",
        "region": "centre",
        "language": "en",
        "superuser": True,
    },
    {
        "username": "trainer",
        "printed_name": "Giulia Romano",
        "role": "Trainer",
        "region": "north",
        "language": "en",
        "gender": "woman",
        "birth_year": 1984,
    },
    {
        "username": "coordinator",
        "printed_name": "Ana Beatriz Sousa",
        "role": "Coordinator",
        "region": "north",
        "language": "en",
        "gender": "woman",
        "birth_year": 1979,
    },
    {
        "username": "tomas.ferreira",
        "printed_name": "Tomás Ferreira",
        "role": "Trainer",
        "region": "south",
        "language": "pt",
        "gender": "man",
        "birth_year": 1971,
    },
    {
        "username": "paolo.conti",
        "printed_name": "Paolo Conti",
        "role": "Coordinator",
        "region": "south",
        "language": "it",
        "gender": "man",
        "birth_year": 1968,
    },
    {
        "username": "chiara.esposito",
        "printed_name": "Chiara Esposito",
        "role": "Trainer",
        "region": "centre",
        "language": "it",
        "gender": "woman",
        "birth_year": 1990,
    },
    {
        "username": "lucia.martin",
        "printed_name": "Lucía Martín",
        "role": "Coordinator",
        "region": "centre",
        "language": "es",
        "gender": "woman",
        "birth_year": 1982,
    },
    {
        "username": "samuel.okafor",
        "printed_name": "Samuel Okafor",
        "role": "Trainer",
        "region": "centre",
        "language": "en",
        "gender": "man",
        "birth_year": 1976,
    },
    {
        "username": "ines.carvalho",
        "printed_name": "Inês Carvalho",
        "role": "Trainer",
        "region": "islands",
        "language": "pt",
        "gender": "woman",
        "birth_year": 1987,
    },
    {
        "username": "marta.kowalska",
        "printed_name": "Marta Kowalska",
        "role": "Coordinator",
        "region": "islands",
        "language": "en",
        "gender": "woman",
        "birth_year": 1974,
    },
]

COHORTS = [
    {
        "course": "Artisan Baking",
        "name": "Bakery Morning Group",
        "region": "north",
        "location": "Riverside Training Centre, training bakery",
        "start": -42,
        "end": 42,
        "capacity": 14,
        "trainers": ["trainer"],
        "coordinators": ["coordinator"],
    },
    {
        "course": "Organic Farming",
        "name": "Farm Group South",
        "region": "south",
        "location": "Olive Grove Farm",
        "start": -21,
        "end": 63,
        "capacity": 10,
        "trainers": ["tomas.ferreira"],
        "coordinators": ["paolo.conti"],
    },
    {
        "course": "Retail Sales Assistant",
        "name": "Retail Group Centre",
        "region": "centre",
        "location": "Training shop, Market Street",
        "start": -112,
        "end": -14,
        "capacity": 12,
        "trainers": ["chiara.esposito"],
        # `coordinator` first: the demo's certify queue is theirs (see RETAIL_DONE_STORY).
        "coordinators": ["coordinator", "lucia.martin"],
    },
    {
        "course": "Retail Sales Assistant",
        "name": "Retail Group Islands",
        "region": "islands",
        "location": "Harbour Community Hall",
        "start": 10,
        "end": 66,
        "capacity": 12,
        "trainers": ["chiara.esposito", "ines.carvalho"],
        "coordinators": ["marta.kowalska"],
    },
    {
        "course": "Mentor Training",
        "name": "Mentor Group A",
        "region": "centre",
        "location": "Riverside Training Centre, room 2",
        "start": -28,
        "end": 28,
        "capacity": 12,
        "trainers": ["samuel.okafor", "ines.carvalho"],
        "coordinators": ["coordinator", "lucia.martin"],
    },
    {
        "course": "Mentor Training",
        "name": "Mentor Group B",
        "region": "south",
        "location": "South Community Centre",
        "start": -180,
        "end": -124,
        "capacity": 12,
        "trainers": ["samuel.okafor"],
        "coordinators": ["paolo.conti"],
    },
    {
        "course": "Food Hygiene Basics",
        "name": "Food Hygiene Online",
        "region": "centre",
        "location": "Online, at your own pace",
        "start": -14,
        "end": 46,
        "capacity": 40,
        "trainers": [],
        "coordinators": ["coordinator"],
    },
]


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


BAKERY = "Bakery Morning Group"
FARM = "Farm Group South"
RETAIL_DONE = "Retail Group Centre"
RETAIL_SOON = "Retail Group Islands"
MENTOR_A = "Mentor Group A"
MENTOR_B = "Mentor Group B"
HYGIENE = "Food Hygiene Online"

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

# The finished cohort whose certify queue `coordinator` works through in the demo. Every session
# was held; the numbers are the sessions each learner missed (the others missed none), so that
# the queue shows every case: certified, one certificate revoked, eligible and waiting, and not
# eligible for each kind of reason (attendance 26 of 29 = 89.66% < 90%; a practical assessment
# reviewed as 'not yet'; a required lesson not done: Anna's progress above).
RETAIL_DONE_STORY = {
    "cohort": RETAIL_DONE,
    "sessions": 29,
    "missed": {"learner": 1, "david.mensah": 2, "ioana.popescu": 1, "lucia.fernandez": 3},
    "practical_not_yet": ("mateus.rocha",),
    "left_to_certify": ("learner", "marco.russo"),
    "revoked": ("ioana.popescu", "Issued before a late correction to the attendance (demo)."),
    "certified": ("sara.bianchi", "david.mensah", "aprendiz"),
    "not_eligible": ("lucia.fernandez", "mateus.rocha", "anna.novakova"),
}
# Mentor Group B, finished months ago: sessions held and the learners who missed some.
MENTOR_B_STORY = {"cohort": MENTOR_B, "sessions": 20, "missed": {"carla.moretti": 3}}
