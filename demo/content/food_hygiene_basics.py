"""Food Hygiene Basics: a short online partner workshop. It awards no certificate, but it still
appears in each person's learning record."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

COURSE = {
    "title": "Food Hygiene Basics",
    "slug": "food-hygiene-basics",
    "trade": "Baking",
    "kind": "vocational",
    "summary": (
        "A short online workshop from a partner organisation, at your own pace: how food "
        "becomes unsafe and the everyday habits that keep it safe. Useful for anyone working "
        "in a kitchen, bakery, farm shop or café. It does not award a certificate."
    ),
    "eqf_level": None,
    "notional_hours": 6,
    "outcomes": [
        "Explain how bacteria and allergens make food unsafe.",
        "Wash hands correctly and follow personal hygiene rules.",
        "Keep food out of the temperature danger zone.",
        "Prevent cross-contamination between raw and ready-to-eat food.",
    ],
    "assessment_type": "Short online self-check (not assessed)",
    "participation_form": "online",
    "awards_certificate": False,
    "attendance_required": False,
    "attendance_threshold": 90,
    "late_counts_as_attended": True,
    "excused_removed_from_denominator": False,
    "max_assessment_attempts": 1,
}

LESSONS = [
    lesson(
        "Why food hygiene matters",
        "why-food-hygiene-matters",
        paragraph(
            "<p>Unsafe food can make people ill. Most food poisoning comes from bacteria that "
            "you cannot see, smell or taste. Allergens can cause a serious reaction in seconds.</p>"
        ),
        paragraph(
            "<p>Bacteria need four things to grow: food, moisture, warmth and time. Take one "
            "away and they stop growing.</p>"
        ),
        minutes=10,
    ),
    lesson(
        "Handwashing and personal hygiene",
        "handwashing",
        steps(
            "Washing your hands",
            "Wet your hands with warm running water.",
            "Use liquid soap and rub palms, backs, between the fingers and under the nails.",
            "Keep rubbing for at least 20 seconds.",
            "Rinse well.",
            "Dry with a paper towel and turn off the tap with the towel.",
        ),
        checklist(
            "Wash your hands",
            "Before you start work and after every break",
            "After touching raw meat, eggs or unwashed vegetables",
            "After using the toilet",
            "After taking out the rubbish or cleaning",
            "After touching your face, hair or phone",
        ),
        minutes=10,
    ),
    lesson(
        "Temperatures: the danger zone",
        "the-danger-zone",
        paragraph(
            "<p>Bacteria grow fastest between about 5 °C and 60 °C. This is the <b>danger "
            "zone</b>. Keep cold food cold and hot food hot.</p>"
        ),
        checklist(
            "Key temperatures",
            "Fridge: 5 °C or below",
            "Freezer: -18 °C or below",
            "Cooking: 75 °C or more in the centre",
            "Hot holding: 63 °C or more",
        ),
        warning(
            "<p>Do not leave food at room temperature for more than two hours. Cool leftovers "
            "quickly and put them in the fridge.</p>"
        ),
        minutes=10,
    ),
    lesson(
        "Cleaning and cross-contamination",
        "cleaning-and-cross-contamination",
        paragraph(
            "<p>This lesson is optional. Cross-contamination is when bacteria or allergens move "
            "from one food or surface to another.</p>"
        ),
        heading("Simple rules"),
        paragraph(
            "<ul>"
            "<li>Store raw meat at the bottom of the fridge.</li>"
            "<li>Use separate boards and knives for raw and ready-to-eat food.</li>"
            "<li>Clean first, then disinfect: remove dirt with detergent, then use the "
            "sanitiser for the time on the label.</li>"
            "</ul>"
        ),
        tip(
            "<p>Colour-coded boards make it easy: for example red for raw meat, green for "
            "salad.</p>"
        ),
        minutes=10,
        required=False,
    ),
]
