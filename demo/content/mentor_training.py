"""Mentor Training: the initial course, with its review session, for volunteer mentors."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

COURSE = {
    "title": "Mentor Training",
    "slug": "mentor-training",
    "trade": "Mentoring",
    "kind": "mentor",
    "summary": (
        "The initial course for volunteer mentors, ending with a review session. You learn what "
        "a mentor does and does not do, how to listen well, how to help someone find their own "
        "reasons to change, when to refer to other services, and how to look after yourself. "
        "You need at least 90% attendance and a passed practical assessment to mentor."
    ),
    "eqf_level": None,
    "notional_hours": 40,
    "outcomes": [
        "Describe the mentor's role and keep clear, safe boundaries with a mentee.",
        "Explain confidentiality to a mentee, including when it must be broken.",
        "Use active listening: open questions, reflections and summaries.",
        "Hold a motivational conversation that supports a mentee's own goals.",
        "Recognise when a mentee needs another service and make a referral.",
        "Plan your own self-care and use supervision.",
    ],
    "assessment_type": (
        "Observed mentoring conversation (role play) with a checklist, checked by a second assessor"
    ),
    "participation_form": "blended",
    "awards_certificate": True,
    "attendance_required": True,
    "attendance_threshold": 90,
    "late_counts_as_attended": True,
    "excused_removed_from_denominator": False,
    "max_assessment_attempts": 2,
}

LESSONS = [
    lesson(
        "The mentor's role and boundaries",
        "role-and-boundaries",
        paragraph(
            "<p>A mentor is a trusted companion who walks alongside someone for a while. You "
            "share your experience, encourage and listen. You are not their counsellor, doctor, "
            "lawyer or parent.</p>"
        ),
        heading("What a mentor does"),
        paragraph(
            "<ul>"
            "<li>Meets the mentee regularly, at agreed times and places.</li>"
            "<li>Listens, encourages and helps the mentee set their own goals.</li>"
            "<li>Shares practical knowledge: finding training, preparing for work, using local "
            "services.</li>"
            "<li>Tells the coordinator if something worries them.</li>"
            "</ul>"
        ),
        heading("Boundaries"),
        paragraph(
            "<p>Boundaries protect the mentee and you. They make the relationship safe and "
            "predictable.</p>"
        ),
        checklist(
            "Keep to these boundaries",
            "Meet in public or agreed places, not at home",
            "Do not lend or give money or valuables",
            "Do not start a romantic or business relationship",
            "Use the contact details agreed with the programme",
            "Do not promise what you cannot do",
            "Share your own story only when it helps the mentee",
        ),
        tip(
            '<p>If you are unsure whether something crosses a line, ask yourself: "Would I be '
            "comfortable telling my coordinator about this?\" If not, don't do it.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Confidentiality and its limits",
        "confidentiality-and-its-limits",
        paragraph(
            "<p>Mentees will tell you personal things. They need to trust that you will not "
            "pass them on. Keep what they say to yourself, your coordinator and your "
            "supervisor.</p>"
        ),
        heading("When you must share"),
        paragraph(
            "<p>Confidentiality has limits. You must tell your coordinator straight away, even "
            "if the mentee asks you not to, when:</p>"
            "<ul>"
            "<li>the mentee or someone else is at risk of serious harm;</li>"
            "<li>a child or vulnerable adult may be at risk;</li>"
            "<li>the mentee tells you about a serious crime.</li>"
            "</ul>"
        ),
        steps(
            "Explaining confidentiality at the first meeting",
            "Say that what they tell you stays between you and the programme.",
            'Explain the limits in plain words: "If I think you or someone else is in danger, '
            'I have to tell my coordinator."',
            'Check they understood: "Does that make sense? Any questions?"',
            "Remind them of it later if a conversation becomes serious.",
        ),
        warning(
            "<p>Never post about mentees on social media, even without names. Do not keep notes "
            "on your personal phone.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Active listening",
        "active-listening",
        paragraph(
            "<p>Listening well is the most useful thing a mentor does. Active listening means "
            "showing the person that you have heard and understood them.</p>"
        ),
        heading("Four skills"),
        paragraph(
            "<ul>"
            '<li><b>Open questions</b> invite a longer answer: "How did the interview go?" '
            'instead of "Did it go well?"</li>'
            '<li><b>Affirmations</b> recognise effort and strengths: "You kept going even when '
            'it was hard."</li>'
            '<li><b>Reflections</b> give back what you heard: "So the early start is the hardest '
            'part."</li>'
            '<li><b>Summaries</b> pull things together: "Let me check I have got it..."</li>'
            "</ul>"
        ),
        checklist(
            "While you listen",
            "Put your phone away",
            "Let silences happen, do not rush to fill them",
            "Notice body language, yours and theirs",
            "Hold back advice until you have understood",
        ),
        tip(
            "<p>Aim to talk less than a third of the time. If you are talking more, ask an open "
            "question.</p>"
        ),
        minutes=25,
    ),
    lesson(
        "Motivational conversations",
        "motivational-conversations",
        paragraph(
            "<p>People are more likely to change when they hear themselves give their own "
            "reasons. A motivational conversation helps the mentee explore what they want and "
            "why, instead of being told what to do.</p>"
        ),
        heading("Listen for change talk"),
        paragraph(
            '<p>Change talk is anything the mentee says in favour of change: "I want to...", '
            '"I could...", "I need to...", "I\'m going to...". When you hear it, reflect it '
            "back and ask for more.</p>"
        ),
        heading('Dealing with "yes, but"'),
        paragraph(
            "<p>Most people feel two ways about change. If you push, they push back. Accept the "
            'mixed feelings: "Part of you wants the job, and part of you worries about the '
            'early starts."</p>'
        ),
        checklist(
            "Useful questions",
            "What would you like to be different in six months?",
            "What would be the good things about making this change?",
            "On a scale of 0 to 10, how important is this to you? Why not a lower number?",
            "What is one small step you could take this week?",
        ),
        warning(
            '<p>Avoid the "righting reflex": the urge to fix things and give advice. Ask '
            'permission first: "Would it help if I shared what worked for me?"</p>'
        ),
        minutes=25,
    ),
    lesson(
        "Practice: a first conversation, step by step",
        "first-conversation-practice",
        paragraph(
            "<p>This lesson is optional extra practice before the practical assessment. Read "
            "it, then try it with another trainee.</p>"
        ),
        steps(
            "Your first mentoring conversation",
            "Arrive early and choose a quiet, public place.",
            "Introduce yourself and say a little about why you became a mentor.",
            "Explain how mentoring works: how often you meet and how to reach you.",
            "Explain confidentiality and its limits.",
            'Ask an open question: "What would you like to get out of mentoring?"',
            "Listen, reflect and summarise what you heard.",
            "Agree one small goal for before the next meeting.",
            "Agree the date, time and place of the next meeting.",
            "Afterwards, write short notes in the programme's system, not on your phone.",
        ),
        tip(
            "<p>A first meeting is about trust, not results. It is fine if the only outcome is "
            "agreeing to meet again.</p>"
        ),
        minutes=15,
        required=False,
    ),
    lesson(
        "Referral to other services",
        "referral-to-services",
        paragraph(
            "<p>You cannot solve every problem, and you should not try. Part of your role is to "
            "recognise when a mentee needs someone with other skills, and to help them get "
            "there.</p>"
        ),
        checklist(
            "Services mentees often need",
            "Doctor or health centre",
            "Housing advice",
            "Employment and benefits office",
            "Debt and money advice",
            "Free legal advice",
            "Emergency services: call the emergency number if life is in danger",
        ),
        steps(
            "Making a referral",
            "Tell the mentee what you have noticed and why you think help could be useful.",
            "Ask what they think and what they would prefer.",
            "Check the programme's list of local services with your coordinator.",
            "Offer to help them make the first call or go with them to the first visit.",
            'Follow up at your next meeting: "How did it go?"',
        ),
        warning(
            "<p>If someone is in immediate danger, call the emergency number first, then your "
            "coordinator.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Looking after yourself",
        "looking-after-yourself",
        paragraph(
            "<p>Supporting other people can be tiring. Hearing difficult stories can stay with "
            "you. Looking after yourself is part of doing the role well.</p>"
        ),
        checklist(
            "Warning signs to notice in yourself",
            "Thinking about a mentee's problems all the time",
            "Feeling responsible for their choices",
            "Sleeping badly or feeling irritable",
            "Dreading meetings",
        ),
        heading("Supervision"),
        paragraph(
            "<p>Every mentor meets a supervisor regularly. Bring anything that worries you, "
            "including your own feelings. Asking for support is a strength, not a failure.</p>"
        ),
        steps(
            "Make your own self-care plan",
            "Write down three things that help you relax and recharge.",
            "Write down the people you can talk to.",
            "Decide how many hours a week you can give as a mentor, and keep to it.",
            "Share the plan with your supervisor.",
        ),
        minutes=15,
    ),
    lesson(
        "Review session: bringing it together",
        "review-session",
        paragraph(
            "<p>The review session closes the initial course. We look back at each topic, "
            "practise once more, and prepare you for the practical assessment and your first "
            "mentee.</p>"
        ),
        checklist(
            "Before the review session, check that you can",
            "Explain your role and three boundaries in your own words",
            "Explain confidentiality and its limits to a mentee",
            "Use open questions, affirmations, reflections and summaries",
            "Recognise change talk and respond to it",
            "Name three services and how to refer to them",
            "Show your self-care plan",
        ),
        heading("What happens next"),
        paragraph(
            "<p>After the review session you take the practical assessment: a mentoring "
            "conversation with a role player, observed by a trainer and checked by a second "
            "assessor. When you have at least 90% attendance and have passed, your coordinator "
            "certifies you and matches you with a mentee. Mentors also take refresher training "
            "from time to time.</p>"
        ),
        minutes=30,
    ),
]
