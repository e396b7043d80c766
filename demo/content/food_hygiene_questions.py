# ruff: noqa: E501, RUF001 (words of the demo content, as written)
"""The Food Hygiene Basics question bank, in English and Spanish: (category, kind, text,
options as (text, correct), feedback), each text an (English, Spanish) pair."""

S, M, TF = "single", "multiple", "true_false"

STORAGE = "Storage"
TEMPERATURES = "Temperatures"
CLEANING = "Cleaning and personal hygiene"

QUESTIONS = [
    (
        STORAGE,
        S,
        ("Where should raw meat go in the fridge?", "¿Dónde va la carne cruda en la nevera?"),
        [
            (("On the bottom shelf", "En el estante de abajo"), True),
            (("On the top shelf", "En el estante de arriba"), False),
            (("In the door", "En la puerta"), False),
        ],
        (
            "Below everything else, so its juices cannot drip onto ready-to-eat food.",
            "Debajo de todo lo demás, para que sus jugos no goteen sobre alimentos listos para comer.",
        ),
    ),
    (
        STORAGE,
        S,
        (
            "What does “use by” on a label mean?",
            "¿Qué significa «fecha de caducidad» en una etiqueta?",
        ),
        [
            (("Do not eat it after that date", "No comerlo después de esa fecha"), True),
            (("It tastes best before that date", "Sabe mejor antes de esa fecha"), False),
            (("It must be sold by that date", "Debe venderse antes de esa fecha"), False),
        ],
        (
            "“Use by” is about safety; “best before” is about quality.",
            "La fecha de caducidad es de seguridad; la de consumo preferente, de calidad.",
        ),
    ),
    (
        STORAGE,
        TF,
        (
            "Cooked rice can be kept warm on the counter all day.",
            "El arroz cocido puede quedarse templado en la encimera todo el día.",
        ),
        False,
        (
            "Bacteria in rice grow fast at room temperature: cool it within an hour and chill it.",
            "Las bacterias del arroz crecen rápido a temperatura ambiente: enfríalo en una hora y guárdalo en frío.",
        ),
    ),
    (
        STORAGE,
        M,
        ("Which foods must be kept in the fridge?", "¿Qué alimentos deben guardarse en la nevera?"),
        [
            (("Fresh milk", "Leche fresca"), True),
            (("Cooked ham", "Jamón cocido"), True),
            (("Dry pasta", "Pasta seca"), False),
            (("Tinned beans (unopened)", "Alubias en lata (sin abrir)"), False),
        ],
        (
            "Foods that spoil quickly go in the fridge; dry and unopened tinned food does not need to.",
            "Lo que se estropea rápido va a la nevera; lo seco y las latas sin abrir no lo necesitan.",
        ),
    ),
    (
        STORAGE,
        S,
        (
            "How should food in the freezer be labelled?",
            "¿Cómo se etiqueta la comida del congelador?",
        ),
        [
            (
                ("With what it is and the date frozen", "Con lo que es y la fecha de congelación"),
                True,
            ),
            (("It needs no label", "No necesita etiqueta"), False),
            (("With the shop's price", "Con el precio de la tienda"), False),
        ],
        (
            "So that the oldest is used first and nothing is kept too long.",
            "Para usar primero lo más antiguo y no guardar nada demasiado tiempo.",
        ),
    ),
    (
        STORAGE,
        TF,
        (
            "Opened tins should be emptied into a covered container before chilling.",
            "Las latas abiertas se vacían en un recipiente tapado antes de enfriarlas.",
        ),
        True,
        (
            "Metal from an open tin can pass into the food.",
            "El metal de una lata abierta puede pasar al alimento.",
        ),
    ),
    (
        STORAGE,
        S,
        (
            "Which food goes first when you stock a shelf?",
            "Al reponer un estante, ¿qué alimento va delante?",
        ),
        [
            (("The one with the earliest date", "El de fecha más próxima"), True),
            (("The newest delivery", "El último que llegó"), False),
            (("The biggest packet", "El paquete más grande"), False),
        ],
        (
            "First in, first out: older stock is used before it expires.",
            "Primero en entrar, primero en salir: lo más antiguo se usa antes de que caduque.",
        ),
    ),
    (
        TEMPERATURES,
        S,
        (
            "At what temperature should a fridge be kept?",
            "¿A qué temperatura debe estar una nevera?",
        ),
        [
            (("Between 0 °C and 5 °C", "Entre 0 °C y 5 °C"), True),
            (("Between 8 °C and 12 °C", "Entre 8 °C y 12 °C"), False),
            (("Below −18 °C", "Por debajo de −18 °C"), False),
        ],
        (
            "Below 5 °C most harmful bacteria grow very slowly.",
            "Por debajo de 5 °C la mayoría de bacterias dañinas crecen muy despacio.",
        ),
    ),
    (
        TEMPERATURES,
        S,
        (
            "What is the “danger zone” for bacteria?",
            "¿Cuál es la «zona de peligro» para las bacterias?",
        ),
        [
            (("5 °C to 63 °C", "De 5 °C a 63 °C"), True),
            (("−18 °C to 0 °C", "De −18 °C a 0 °C"), False),
            (("75 °C to 100 °C", "De 75 °C a 100 °C"), False),
        ],
        (
            "Between 5 °C and 63 °C bacteria multiply fastest.",
            "Entre 5 °C y 63 °C las bacterias se multiplican más rápido.",
        ),
    ),
    (
        TEMPERATURES,
        TF,
        (
            "Food cooked to 75 °C in the centre is safe.",
            "Un alimento cocinado a 75 °C en el centro es seguro.",
        ),
        True,
        (
            "75 °C in the thickest part kills harmful bacteria.",
            "75 °C en la parte más gruesa mata las bacterias dañinas.",
        ),
    ),
    (
        TEMPERATURES,
        S,
        ("How should frozen chicken be defrosted?", "¿Cómo se descongela el pollo congelado?"),
        [
            (
                ("In the fridge, on a tray at the bottom", "En la nevera, en una bandeja abajo"),
                True,
            ),
            (("On the counter overnight", "En la encimera toda la noche"), False),
            (("In warm water", "En agua templada"), False),
        ],
        (
            "Slowly and cold, so the outside never sits in the danger zone.",
            "Despacio y en frío, para que el exterior nunca esté en la zona de peligro.",
        ),
    ),
    (
        TEMPERATURES,
        M,
        (
            "Which are safe ways to cool hot food quickly?",
            "¿Qué formas de enfriar rápido la comida caliente son seguras?",
        ),
        [
            (("Divide it into small portions", "Dividirla en porciones pequeñas"), True),
            (("Stand the pot in cold water", "Poner la olla en agua fría"), True),
            (("Leave the lid on and wait", "Dejar la tapa puesta y esperar"), False),
        ],
        (
            "Small portions and cold water take the heat away fast.",
            "Las porciones pequeñas y el agua fría quitan el calor rápido.",
        ),
    ),
    (
        TEMPERATURES,
        S,
        (
            "How hot must food kept hot for serving stay?",
            "¿A qué temperatura mínima debe mantenerse la comida caliente para servir?",
        ),
        [
            (("At least 63 °C", "Al menos 63 °C"), True),
            (("At least 40 °C", "Al menos 40 °C"), False),
            (("At least 20 °C", "Al menos 20 °C"), False),
        ],
        (
            "Above 63 °C bacteria cannot grow.",
            "Por encima de 63 °C las bacterias no pueden crecer.",
        ),
    ),
    (
        TEMPERATURES,
        TF,
        ("Food may be reheated more than once.", "La comida puede recalentarse más de una vez."),
        False,
        (
            "Reheat only once: every cooling and warming gives bacteria another chance.",
            "Recalienta solo una vez: cada enfriamiento y calentamiento da otra oportunidad a las bacterias.",
        ),
    ),
    (
        CLEANING,
        S,
        ("When must you wash your hands?", "¿Cuándo debes lavarte las manos?"),
        [
            (
                (
                    "After handling raw meat, eggs or the bin",
                    "Después de tocar carne cruda, huevos o la basura",
                ),
                True,
            ),
            (("Only at the start of a shift", "Solo al empezar el turno"), False),
            (("Only when they look dirty", "Solo cuando parecen sucias"), False),
        ],
        (
            "Germs cannot be seen: wash after every risk, and before touching food.",
            "Los gérmenes no se ven: lávate después de cada riesgo y antes de tocar alimentos.",
        ),
    ),
    (
        CLEANING,
        M,
        (
            "Which must you tell your manager about before work?",
            "¿De qué debes avisar a tu responsable antes de trabajar?",
        ),
        [
            (("Vomiting or diarrhoea", "Vómitos o diarrea"), True),
            (("An infected cut", "Un corte infectado"), True),
            (("Feeling tired", "Estar cansado"), False),
        ],
        (
            "Sickness and infected cuts can pass to food; you may need to stay away from it.",
            "Las enfermedades y los cortes infectados pueden pasar a la comida; quizá debas no tocarla.",
        ),
    ),
    (
        CLEANING,
        S,
        (
            "What colour chopping board is often used for raw meat?",
            "¿Qué color de tabla de cortar se usa a menudo para la carne cruda?",
        ),
        [(("Red", "Roja"), True), (("Green", "Verde"), False), (("White", "Blanca"), False)],
        (
            "Colour coding keeps raw meat away from food eaten without cooking.",
            "Los colores mantienen la carne cruda lejos de lo que se come sin cocinar.",
        ),
    ),
    (
        CLEANING,
        TF,
        (
            "A cloth used to wipe raw meat juices can then dry the plates.",
            "Un paño usado para limpiar jugos de carne cruda puede secar después los platos.",
        ),
        False,
        (
            "It would spread bacteria onto clean plates: use a fresh cloth.",
            "Llevaría bacterias a los platos limpios: usa un paño limpio.",
        ),
    ),
    (
        CLEANING,
        S,
        (
            "What is the right order to clean a work surface?",
            "¿Cuál es el orden correcto para limpiar una superficie?",
        ),
        [
            (
                (
                    "Clean off dirt, then disinfect, then rinse if needed",
                    "Quitar la suciedad, desinfectar y aclarar si hace falta",
                ),
                True,
            ),
            (
                (
                    "Disinfect first, then clean off dirt",
                    "Desinfectar primero y luego quitar la suciedad",
                ),
                False,
            ),
            (("Just wipe it with a dry cloth", "Pasarle solo un paño seco"), False),
        ],
        (
            "Disinfectant cannot work through dirt: clean first.",
            "El desinfectante no actúa a través de la suciedad: limpia primero.",
        ),
    ),
    (
        CLEANING,
        M,
        ("Which help stop pests in a kitchen?", "¿Qué ayuda a evitar plagas en una cocina?"),
        [
            (("Keeping food covered", "Tener la comida tapada"), True),
            (("Closing the bins", "Cerrar los cubos de basura"), True),
            (("Leaving the back door open", "Dejar abierta la puerta trasera"), False),
        ],
        (
            "Pests come for food and shelter: cover, close and keep clean.",
            "Las plagas buscan comida y refugio: tapa, cierra y limpia.",
        ),
    ),
]
