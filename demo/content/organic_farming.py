"""Organic Farming: growing vegetables without synthetic chemicals, from soil to market stall."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

COURSE = {
    "title": "Organic Farming",
    "slug": "organic-farming",
    "trade": "Farming",
    "kind": "vocational",
    "summary": (
        "Grow vegetables the organic way on a working farm: look after the soil, make compost, "
        "sow and plant, manage water and weeds without chemicals, and get a harvest to market."
    ),
    "eqf_level": 3,
    "notional_hours": 180,
    "outcomes": [
        "Explain the main principles of organic production and the rules a certified farm follows.",
        "Assess soil by hand and improve it with compost, green manure and crop rotation.",
        "Build and manage a compost heap that heats up and breaks down properly.",
        "Sow, transplant and care for vegetable crops through the season.",
        "Control weeds, pests and water use with organic methods.",
        "Harvest, store and prepare produce for sale.",
    ],
    "assessment_type": "Practical observation on the farm, with a checklist",
    "participation_form": "in_person",
    "awards_certificate": True,
    "attendance_required": True,
    "attendance_threshold": 80,
    "late_counts_as_attended": True,
    "excused_removed_from_denominator": True,
    "max_assessment_attempts": 3,
}

LESSONS = [
    lesson(
        "What makes a farm organic",
        "what-makes-a-farm-organic",
        paragraph(
            "<p>Organic farming works with nature. The aim is healthy soil, healthy plants and "
            "healthy food, without synthetic fertilisers or chemical pesticides.</p>"
        ),
        paragraph(
            "<ul>"
            "<li>Feed the soil, not the plant: use compost and manure.</li>"
            "<li>Rotate crops so that pests and diseases do not build up.</li>"
            "<li>Encourage helpful insects, birds and other wildlife.</li>"
            "<li>Keep records of everything you put on the land.</li>"
            "</ul>"
        ),
        heading("Certification"),
        paragraph(
            "<p>To sell food as organic in the European Union, a farm must be checked every year "
            "by a control body. Land needs a <b>conversion period</b>, usually two or three "
            "years, before its crops can be sold as organic.</p>"
        ),
        tip(
            "<p>Records matter. An inspector will ask what you used, where and when. Write it "
            "down the same day.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Healthy soil",
        "healthy-soil",
        paragraph(
            "<p>Soil is alive. A handful holds millions of small creatures that feed your "
            "plants. Good soil is dark, crumbly and smells of earth.</p>"
        ),
        steps(
            "The ribbon test: what kind of soil is it?",
            "Take a small handful of moist soil and remove stones.",
            "Squeeze it into a ball.",
            "Push it out between your thumb and finger to make a flat ribbon.",
            "Sandy soil feels gritty and will not make a ribbon.",
            "Loam makes a short ribbon that breaks at 2 to 3 cm. This is ideal.",
            "Clay feels sticky and makes a long ribbon of 5 cm or more.",
        ),
        heading("Improving soil"),
        paragraph(
            "<p>Almost every soil gets better with organic matter. Spread 5 cm of compost on the "
            "beds each year. Sow <b>green manures</b> such as clover or vetch in empty beds: "
            "they protect the soil and add nitrogen.</p>"
        ),
        warning(
            "<p>Do not walk on or dig wet soil. It squashes the air out and the soil becomes "
            "hard.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Making compost",
        "making-compost",
        paragraph(
            "<p>Compost turns farm and kitchen waste into food for the soil. A good heap gets "
            "hot inside, which kills weed seeds and diseases.</p>"
        ),
        paragraph(
            "<ul>"
            "<li><b>Greens</b> are wet and rich in nitrogen: grass cuttings, vegetable waste, "
            "fresh manure.</li>"
            "<li><b>Browns</b> are dry and rich in carbon: straw, dry leaves, cardboard, wood "
            "chips.</li>"
            "</ul>"
        ),
        steps(
            "Building a compost heap",
            "Choose a level spot with good drainage, close to where you need the compost.",
            "Start with a layer of twigs or straw to let air in at the bottom.",
            "Add layers of greens and browns: about one bucket of greens to two of browns.",
            "Water each layer until it feels like a squeezed-out sponge.",
            "Build the heap to about 1 metre high and 1 metre wide, then cover it.",
            "Check the temperature after a few days. The centre should reach 55 to 65 °C.",
            "Turn the heap every one to two weeks, moving the outside to the middle.",
            "After two to four months, the compost is dark and crumbly. Let it rest for a "
            "month before you use it.",
        ),
        tip("<p>Smells bad? Add browns and turn it. Dry and cold? Add greens and water.</p>"),
        warning("<p>Keep meat, fish and cooked food out of an open heap. They attract rats.</p>"),
        minutes=25,
    ),
    lesson(
        "Sowing and planting",
        "sowing-and-planting",
        paragraph(
            "<p>Some crops are sown straight into the soil (carrots, beans, radishes). Others "
            "are started in trays and planted out later (tomatoes, lettuce, cabbage).</p>"
        ),
        steps(
            "Sowing in trays",
            "Fill the tray with fine compost and press it down lightly.",
            "Sow two seeds in each cell, at a depth of about twice the size of the seed.",
            "Water gently with a fine rose.",
            "Label the tray with the crop, the variety and the date.",
            "Keep the tray warm and light. Remove the weaker seedling when both come up.",
        ),
        steps(
            "Planting out",
            "Harden off the young plants: put them outside for a few more hours each day "
            "for a week.",
            "Water the trays an hour before planting.",
            "Make a hole a little bigger than the root ball.",
            "Plant at the same depth as in the tray (tomatoes can go deeper) and firm the soil.",
            "Water well.",
        ),
        heading("Crop rotation"),
        paragraph(
            "<p>Never grow the same family of crops in the same bed two years running. A simple "
            "four-year plan: potatoes, then legumes (peas and beans), then brassicas (cabbage "
            "family), then roots (carrots, beetroot, onions).</p>"
        ),
        minutes=25,
    ),
    lesson(
        "Water and weeds without chemicals",
        "water-and-weeds",
        heading("Watering"),
        paragraph(
            "<p>Water early in the morning or in the evening, at the base of the plant. Deep "
            "watering twice a week is better than a little every day: the roots grow deeper.</p>"
        ),
        tip(
            "<p>Drip lines and soaker hoses put water where it is needed and save a lot of "
            "water.</p>"
        ),
        heading("Weeds"),
        paragraph(
            "<p>Weeds compete with crops for light, water and food. On an organic farm we "
            "control them by hand, with tools and with mulch.</p>"
        ),
        checklist(
            "Weed control methods",
            "Hoe on a dry, sunny day, when weeds are small",
            "Mulch with straw, compost or cardboard to block light",
            "Plant crops close together so they shade the soil",
            "Never let weeds go to seed",
        ),
        minutes=15,
    ),
    lesson(
        "Pests and helpful insects",
        "pests-and-helpful-insects",
        paragraph(
            "<p>This lesson is optional. It goes further into how organic farms protect crops "
            "without chemical sprays.</p>"
        ),
        paragraph(
            "<ul>"
            "<li><b>Ladybirds and hoverflies</b> eat aphids.</li>"
            "<li><b>Birds and hedgehogs</b> eat slugs and caterpillars.</li>"
            "<li><b>Flowers</b> such as marigolds and phacelia bring helpful insects to the "
            "field.</li>"
            "</ul>"
        ),
        checklist(
            "Walk the rows once a week and look for",
            "Holes in leaves",
            "Sticky leaves or clusters of small insects",
            "Yellow or spotted leaves",
            "Slime trails after rain",
        ),
        tip(
            "<p>Fine insect netting over cabbages stops butterflies laying their eggs. It is "
            "often the simplest answer.</p>"
        ),
        minutes=15,
        required=False,
    ),
    lesson(
        "Harvest, storage and the market stall",
        "harvest-and-market",
        paragraph(
            "<p>Pick at the right time and handle produce gently. Bruised vegetables do not "
            "keep and do not sell.</p>"
        ),
        checklist(
            "At harvest",
            "Harvest in the cool of the morning",
            "Use clean crates, never ones used for compost",
            "Keep leafy crops in the shade",
            "Weigh and record what you pick",
        ),
        heading("Storage"),
        paragraph(
            "<p>Potatoes, onions and squash keep for months in a cool, dark, dry place. "
            "Leafy greens need the cold room and should be sold within two days.</p>"
        ),
        heading("At the market"),
        paragraph(
            "<p>Customers like to know who grew their food. Put clear prices on everything, "
            "keep the stall full and tidy, and tell people what is in season.</p>"
        ),
        minutes=20,
    ),
]
