"""Retail Sales Assistant: serving customers, keeping the shop floor and running the till."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

COURSE = {
    "title": "Retail Sales Assistant",
    "slug": "retail-sales-assistant",
    "trade": "Sales assistant",
    "kind": "vocational",
    "summary": (
        "Get ready for your first job on a shop floor: greet and help customers, look after "
        "stock and shelves, take payments, handle complaints calmly and close the till."
    ),
    "eqf_level": 2,
    "notional_hours": 90,
    "outcomes": [
        "Greet customers, find out what they need and recommend suitable products.",
        "Receive, rotate and display stock, keeping prices and labels correct.",
        "Take cash and card payments accurately and give the right change.",
        "Deal with a complaint calmly and know when to involve a manager.",
        "Close and balance a till at the end of the day.",
    ],
    "assessment_type": "Role play in the training shop, observed with a checklist",
    "participation_form": "blended",
    "awards_certificate": True,
    "attendance_required": True,
    "attendance_threshold": 90,
    "late_counts_as_attended": False,
    "excused_removed_from_denominator": False,
    "max_assessment_attempts": 2,
}

LESSONS = [
    lesson(
        "The sales assistant's job",
        "the-sales-assistants-job",
        paragraph(
            "<p>A sales assistant is the face of the shop. Customers remember how you made "
            "them feel more than what they bought.</p>"
        ),
        checklist(
            "A typical day includes",
            "Opening the shop and checking the shelves",
            "Helping customers find what they need",
            "Taking payments at the till",
            "Receiving deliveries and filling shelves",
            "Keeping the shop clean and safe",
            "Closing the till at the end of the day",
        ),
        tip(
            "<p>Arrive 10 minutes early. It gives you time to hear the day's news from your "
            "manager: offers, missing stock, deliveries.</p>"
        ),
        minutes=10,
    ),
    lesson(
        "Greeting and helping customers",
        "greeting-and-helping-customers",
        paragraph(
            "<p>Most customers decide in the first few seconds whether a shop feels "
            "welcoming. A smile and eye contact go a long way.</p>"
        ),
        steps(
            "Helping a customer",
            'Greet the customer within a minute of them coming in: "Good morning, let me '
            'know if I can help."',
            "Give them space to look around.",
            'If they look for something, ask an open question: "What are you looking for today?"',
            'Listen to the answer. Ask one more question if you need to: "Is it for you or a '
            'gift?"',
            "Show two or three suitable products, not ten.",
            "Mention anything that goes with it, only if it is useful to them.",
            "Thank them, whether or not they buy.",
        ),
        tip(
            '<p>If you do not know the answer, say "Let me find out for you" and ask a '
            "colleague. Never guess.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Stock and shelves",
        "stock-and-shelves",
        heading("First in, first out"),
        paragraph(
            "<p>When you fill a shelf, move the older stock to the front and put the new stock "
            "behind it. Products with the shortest date sell first and less is thrown away.</p>"
        ),
        checklist(
            "A well-kept shelf",
            "Every product has a correct price label",
            "Products face forward, labels visible",
            "No gaps: fill from the back store or report missing stock",
            "Nothing out of date on the shelf",
            "Aisles clear of boxes",
        ),
        heading("Deliveries"),
        paragraph(
            "<p>Check a delivery against the delivery note before you sign. Count the boxes "
            "and look for damage. Write any difference on the note.</p>"
        ),
        warning(
            "<p>Heavy boxes: bend your knees, keep your back straight and use a trolley. Never "
            "climb on shelves, use the step ladder.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "The till and payments",
        "the-till-and-payments",
        steps(
            "Taking a payment",
            "Scan each item and check the price on the screen.",
            "Tell the customer the total.",
            "For cards: ask the customer to tap or insert the card. Never touch their card "
            "or look at their PIN.",
            'For cash: say the amount you received out loud: "From twenty."',
            "Leave the note on top of the drawer until you have given the change.",
            "Count the change into the customer's hand, starting from the total.",
            "Offer the receipt and thank the customer.",
        ),
        tip(
            "<p>Counting up is easier than subtracting. For 13.40 paid with 20: give 60 cents "
            "to make 14, then 1 to make 15, then 5 to make 20.</p>"
        ),
        warning(
            "<p>Check large notes with the tester pen or the light. If you are not sure, call "
            "your supervisor. Do not accuse the customer.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Complaints and difficult moments",
        "complaints-and-difficult-moments",
        paragraph(
            "<p>A complaint is a chance to keep a customer. Stay calm and remember: they are "
            "upset about the problem, not about you.</p>"
        ),
        steps(
            "Handling a complaint",
            "Listen without interrupting.",
            'Show you understand: "I can see why that is annoying."',
            "Apologise for the problem.",
            "Offer what you are allowed to: an exchange, a refund with the receipt, or a call "
            "to your manager.",
            "Thank the customer for telling you.",
            "Tell your manager about the complaint afterwards.",
        ),
        warning(
            "<p>If a customer becomes aggressive, do not argue. Step back, call your manager "
            "or security, and keep yourself safe.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Closing the till",
        "closing-the-till",
        paragraph(
            "<p>At the end of the day the money in the till must match what the till says it "
            "took. Do it the same way every time.</p>"
        ),
        steps(
            "Closing procedure",
            "Print the end-of-day report (often called a Z report).",
            "Take out the float, the fixed amount of change that stays for tomorrow, and count it.",
            "Count the cash: notes first, then coins, and write the totals on the cash sheet.",
            "Add up the card receipts and compare with the card terminal total.",
            "Compare cash plus cards with the report. Write down any difference.",
            "Put the cash in a sealed bag with the sheet, signed by you and a colleague.",
            "Put the bag in the safe and lock the till drawer.",
        ),
        tip(
            "<p>Count twice. If the difference is more than a few coins, count again together.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Getting your first retail job",
        "getting-your-first-retail-job",
        paragraph(
            "<p>This lesson is optional. It helps you prepare for applications and interviews.</p>"
        ),
        checklist(
            "Before you apply",
            "A one-page CV with your training and any work experience",
            "Your certificate from this course",
            "Two people who can give a reference",
            "The days and hours you can work",
        ),
        steps(
            "At the interview",
            "Visit the shop beforehand and look at how it works.",
            "Arrive 10 minutes early, dressed neatly.",
            "Give examples from the course: a difficult customer, closing the till.",
            "Ask one question at the end, for example about training or shifts.",
        ),
        minutes=15,
        required=False,
    ),
]
