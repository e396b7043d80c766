"""Artisan Baking: bread from the first loaf to the early shift in a working bakery."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

COURSE = {
    "title": "Artisan Baking",
    "slug": "artisan-baking",
    "trade": "Baking",
    "kind": "vocational",
    "summary": (
        "Learn to make good bread by hand, work safely in a bakery and take on the early shift. "
        "Most of the course happens in our training bakery, with short lessons you can read on "
        "your phone before each session."
    ),
    "eqf_level": 3,
    "notional_hours": 150,
    "outcomes": [
        "Work safely and hygienically in a bakery, following food safety rules.",
        "Weigh and prepare ingredients accurately using a recipe and baker's percentages.",
        "Mix, knead, prove, shape and bake a range of breads to a consistent standard.",
        "Check that bread is properly baked and store it correctly.",
        "Plan an early shift, label products and keep waste low.",
    ],
    "assessment_type": "Practical observation in the training bakery, with a checklist",
    "participation_form": "in_person",
    "awards_certificate": True,
    "attendance_required": True,
    "attendance_threshold": 80,
    "late_counts_as_attended": True,
    "excused_removed_from_denominator": False,
    "max_assessment_attempts": 3,
}

LESSONS = [
    lesson(
        "Safety and hygiene in the bakery",
        "safety-and-hygiene",
        paragraph(
            "<p>A bakery is a great place to work, but it has hot ovens, sharp blades and heavy "
            "sacks. Good habits keep you, your team and your customers safe.</p>"
        ),
        checklist(
            "Before every shift",
            "Hair tied back and covered",
            "Clean apron or jacket",
            "No rings, watches or bracelets",
            "Hands washed for at least 20 seconds",
            "Cuts covered with a blue plaster",
            "Tell your supervisor if you feel unwell",
        ),
        heading("Ovens and hot trays"),
        paragraph(
            "<p>Always use dry oven gloves. A wet glove lets heat through in a second. Say "
            '<b>"hot behind"</b> when you walk behind someone with a tray.</p>'
        ),
        warning(
            "<p>Never reach into a deck oven without long gloves. If you burn yourself, cool the "
            "burn under cold running water for 20 minutes and tell your supervisor.</p>"
        ),
        heading("Lifting"),
        paragraph(
            "<p>A sack of flour weighs 25 kg. Bend your knees, keep your back straight and hold "
            "the sack close to your body. Ask for help or use a trolley if you need to.</p>"
        ),
        heading("Allergens"),
        paragraph(
            "<p>Some customers can become very ill from tiny amounts of nuts, sesame, milk or "
            "eggs. Keep allergen ingredients in closed, labelled boxes and clean surfaces "
            "between products.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Flour, water, salt and yeast",
        "flour-water-salt-yeast",
        paragraph(
            "<p>Most bread is made from just four ingredients. Knowing what each one does "
            "helps you fix problems.</p>"
        ),
        paragraph(
            "<ul>"
            '<li><b>Flour</b> gives structure. Bread flour is "strong": it has more protein, '
            "which makes gluten.</li>"
            "<li><b>Water</b> wakes up the flour and the yeast. More water makes an open, "
            "holey crumb.</li>"
            "<li><b>Salt</b> gives flavour and makes the dough stronger. It also slows the "
            "yeast.</li>"
            "<li><b>Yeast</b> eats sugars in the flour and makes gas. The gas makes the bread "
            "rise.</li>"
            "</ul>"
        ),
        heading("Baker's percentages"),
        paragraph(
            "<p>Bakers write recipes as a percentage of the flour. The flour is always 100%. "
            "If a recipe says 70% water, you use 700 g of water for 1000 g of flour, or 350 g "
            "of water for 500 g of flour.</p>"
        ),
        tip(
            "<p>Salt is usually 2% and dried yeast about 1.5%. For 1 kg of flour: 20 g salt and "
            "15 g dried yeast.</p>"
        ),
        warning(
            "<p>Always weigh ingredients, even water. Cups and spoons are not accurate enough "
            "in a bakery.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Your first loaf: a simple white bread",
        "your-first-loaf",
        paragraph(
            "<p>This recipe makes two small loaves. You will bake it in the first practical "
            "session. Read the method before you start.</p>"
        ),
        checklist(
            "Ingredients",
            "500 g strong white bread flour",
            "350 g lukewarm water",
            "10 g salt",
            "7 g dried yeast (one sachet)",
        ),
        steps(
            "Method",
            "Weigh all the ingredients into separate bowls.",
            "Put the flour in a large bowl. Add the salt on one side and the yeast on the other.",
            "Pour in most of the water and mix with one hand until there is no dry flour left. "
            "Add the rest of the water if the dough feels stiff.",
            "Tip the dough onto the bench and knead for 10 minutes, until it is smooth and "
            "stretchy.",
            "Put the dough back in the bowl, cover it and leave it in a warm place for about "
            "1 hour, until it has doubled in size.",
            "Divide the dough into two pieces and shape each into a tight ball.",
            "Put them on a floured tray, cover them and leave them for 45 minutes.",
            "Heat the oven to 230 °C. Cut the top of each loaf with a sharp blade.",
            "Bake for 25 to 30 minutes, until the crust is deep golden.",
            "Cool on a wire rack for at least 1 hour before cutting.",
        ),
        tip(
            "<p>Keep the salt and the yeast apart when you weigh them. Salt touching yeast "
            "for a long time slows it down.</p>"
        ),
        minutes=30,
    ),
    lesson(
        "Kneading, proving and shaping",
        "kneading-proving-shaping",
        heading("Kneading"),
        paragraph(
            "<p>Kneading builds gluten, the stretchy network that holds the gas. Push the dough "
            "away with the heel of your hand, fold it back, turn it a quarter and repeat.</p>"
        ),
        steps(
            "The windowpane test",
            "Tear off a small piece of dough.",
            "Stretch it gently between your fingers.",
            "If you can see light through it without it tearing, the dough is ready.",
            "If it tears, knead for 2 more minutes and test again.",
        ),
        heading("Proving"),
        paragraph(
            "<p>Proving means letting the dough rise. Warm dough rises faster, cold dough "
            "slower. A slow, cool prove gives more flavour.</p>"
        ),
        steps(
            "The finger test",
            "Flour a finger and press it gently into the dough, about 1 cm deep.",
            "If the hole springs back quickly, wait longer.",
            "If it springs back slowly and leaves a small dent, the dough is ready to bake.",
            "If the hole stays and the dough sinks, it has over-proved. Reshape it and "
            "prove it again for a shorter time.",
        ),
        heading("Shaping"),
        paragraph(
            "<p>A good shape gives the loaf tension on the surface, so it rises up and not "
            "out. Use as little flour on the bench as you can.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Starting a sourdough culture",
        "sourdough-culture",
        paragraph(
            "<p>Sourdough uses wild yeast instead of packet yeast. It takes about a week to "
            "start a culture (also called a starter). This lesson is optional, but many "
            "artisan bakeries ask about sourdough at interviews.</p>"
        ),
        steps(
            "Seven days to a starter",
            "Day 1: mix 50 g wholemeal flour with 50 g lukewarm water in a clean jar. Cover "
            "loosely.",
            "Day 2: add 50 g flour and 50 g water. Stir well.",
            "Day 3: throw away half. Add 50 g flour and 50 g water.",
            "Days 4 to 6: do the same as day 3, at about the same time each day.",
            "Day 7: the starter should double in size within 6 hours of feeding and smell "
            "pleasantly sour. It is ready to use.",
        ),
        tip("<p>Grey liquid on top means the starter is hungry. Pour it off and feed it.</p>"),
        warning(
            "<p>Pink, orange or fuzzy mould means the starter has gone bad. Throw it away and "
            "start again with a clean jar.</p>"
        ),
        minutes=15,
        required=False,
    ),
    lesson(
        "Baking, cooling and checking your bread",
        "baking-and-checking",
        paragraph(
            "<p>The oven turns dough into bread. Steam in the first minutes keeps the crust "
            "soft so the loaf can rise. Then the crust sets and browns.</p>"
        ),
        checklist(
            "Is it baked?",
            "The crust is deep golden brown, not pale",
            "The bottom sounds hollow when you tap it",
            "A probe thermometer in the centre reads 94 °C or more",
        ),
        heading("Cooling"),
        paragraph(
            "<p>Bread keeps cooking while it cools. Cut it too early and the crumb is sticky. "
            "Cool loaves on a wire rack, never on a flat tray.</p>"
        ),
        heading("Common problems"),
        paragraph(
            "<ul>"
            "<li><b>Flat loaf:</b> the dough over-proved or was shaped too loosely.</li>"
            "<li><b>Dense, heavy crumb:</b> too little kneading or too short a prove.</li>"
            "<li><b>Pale crust:</b> the oven was not hot enough.</li>"
            "<li><b>Burnt bottom:</b> the tray was too close to the heat. Use a second "
            "tray underneath.</li>"
            "</ul>"
        ),
        minutes=20,
    ),
    lesson(
        "Working in a bakery: the early shift",
        "the-early-shift",
        paragraph(
            "<p>Many bakery jobs start at 4 or 5 in the morning, so that bread is on the "
            "shelves when the shop opens. A good plan makes the shift calm.</p>"
        ),
        steps(
            "A typical early shift",
            "Check the production list for the day.",
            "Switch on the ovens so they are hot when the first dough is ready.",
            "Take out the doughs that proved overnight in the fridge.",
            "Mix the day's fresh doughs, starting with the ones that take longest.",
            "Bake in order: bread first, then rolls, then pastries.",
            "Label every product with its name, date and allergens.",
            "Clean as you go and leave the bench clean for the next shift.",
        ),
        heading("Stock and waste"),
        paragraph(
            "<p>Use older flour first: <b>first in, first out</b>. Write down what is left at the "
            "end of the day. If the same bread is left over every day, the team can make less "
            "of it.</p>"
        ),
        tip(
            "<p>Yesterday's bread is not waste. Bakeries sell it cheaper or turn it into "
            "breadcrumbs, croutons or bread pudding.</p>"
        ),
        minutes=20,
    ),
]
