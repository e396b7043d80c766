"""Who and where in the demo: the organisation, regions, staff, cohorts and the stories of the
finished cohorts (the learners are in demo/learners.py).

Dates are offsets in days from the day the demo is seeded, so the cohorts are always running,
finished or about to start whatever the date.
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


BAKERY = "Bakery Morning Group"
FARM = "Farm Group South"
RETAIL_DONE = "Retail Group Centre"
RETAIL_SOON = "Retail Group Islands"
MENTOR_A = "Mentor Group A"
MENTOR_B = "Mentor Group B"
HYGIENE = "Food Hygiene Online"


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
