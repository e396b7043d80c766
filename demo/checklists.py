"""The demo's practical assessment checklists, one per course (criteria, each mandatory or
optional), and the feedback an assessor writes on a pass or a 'not yet'."""

MANDATORY, OPTIONAL = True, False

TEMPLATES = {
    "Artisan Baking": {
        "name": "Bake a batch of bread",
        "learner_instructions": (
            "Make six white loaves from the recipe on your bench: weigh, mix, knead, prove, "
            "shape and bake them. You have three hours. Keep your bench clean as you go, and "
            "tell the assessor when the loaves are out of the oven."
        ),
        "assessor_instructions": (
            "Set out the recipe, ingredients and a clean bench. Observe from weighing to cooling "
            "without helping; step in only for safety. Photograph the shaped dough and the "
            "finished loaves, including one cut open."
        ),
        "min_share_met": None,
        "criteria": [
            (
                "Follows food hygiene: hands washed, hair covered, bench and tools clean",
                "Hands washed before starting and after touching waste; no jewellery; surfaces "
                "cleaned before and after.",
                MANDATORY,
            ),
            (
                "Weighs every ingredient accurately to the recipe",
                "Within 2% of each quantity; uses the tare on the scales.",
                MANDATORY,
            ),
            (
                "Develops the dough to a good gluten structure",
                "Smooth, elastic dough that passes the windowpane test.",
                MANDATORY,
            ),
            (
                "Shapes even loaves with good surface tension",
                "Loaves within 10% of each other's weight; tight skin, seam underneath.",
                MANDATORY,
            ),
            (
                "Proves and bakes the loaves to the right colour and core temperature",
                "Even golden crust, hollow sound when tapped, core at least 92 °C.",
                MANDATORY,
            ),
            (
                "Uses the oven and hot trays safely",
                "Dry oven gloves; trays never left on edges.",
                MANDATORY,
            ),
            (
                "Keeps to time and cleans down the workstation",
                "Finishes within three hours; bench, tools and floor left clean.",
                OPTIONAL,
            ),
        ],
    },
    "Organic Farming": {
        "name": "Prepare and plant a vegetable bed",
        "learner_instructions": (
            "Prepare one bed of the market garden and plant it with the seedlings you are given. "
            "Explain to the assessor what you check and why as you work."
        ),
        "assessor_instructions": (
            "Give the learner a bed, compost, seedlings and hand tools. Ask why at each step. "
            "Photograph the finished bed. At least 80% of all criteria must be met."
        ),
        "min_share_met": 80,
        "criteria": [
            (
                "Checks soil moisture and structure before working the bed",
                "Squeeze test or spade test; does not dig waterlogged soil.",
                MANDATORY,
            ),
            (
                "Uses hand tools safely and correctly",
                "Straight back, tools carried safely.",
                MANDATORY,
            ),
            (
                "Works in compost at the right rate",
                "About one full wheelbarrow for a 10 m² bed, mixed into the top layer.",
                MANDATORY,
            ),
            (
                "Plants at the correct spacing and depth",
                "As on the seed chart; seedlings firmed in, not buried above the leaves.",
                MANDATORY,
            ),
            (
                "Waters in and mulches the bed",
                "Gentle watering at the base; even mulch.",
                MANDATORY,
            ),
            ("Records the planting in the field log", "Date, bed, crop and variety.", OPTIONAL),
            ("Cleans and puts away the tools", "", OPTIONAL),
        ],
    },
    "Retail Sales Assistant": {
        "name": "Serve a customer from greeting to payment",
        "learner_instructions": (
            "In the training shop, serve a customer (played by a volunteer) who needs help to "
            "choose a product, then take the payment."
        ),
        "assessor_instructions": (
            "Brief the volunteer with one of the customer cards. Observe from the greeting to "
            "the goodbye. If the card includes a return, check the returns policy is followed."
        ),
        "min_share_met": None,
        "criteria": [
            (
                "Greets the customer promptly and offers help",
                "Within about a minute; friendly, eye contact.",
                MANDATORY,
            ),
            (
                "Asks questions to find out what the customer needs",
                "At least two open questions before suggesting a product.",
                MANDATORY,
            ),
            (
                "Gives accurate information about the products",
                "Price, size, care, stock.",
                MANDATORY,
            ),
            (
                "Takes the payment correctly and gives the right change",
                "Till used correctly; change counted back; receipt offered.",
                MANDATORY,
            ),
            ("Follows the returns policy when asked", "", OPTIONAL),
            ("Closes the sale politely and invites the customer back", "", OPTIONAL),
        ],
    },
    "Mentor Training": {
        "name": "Supervised mentoring conversation",
        "learner_instructions": (
            "Hold a first 30-minute conversation with a volunteer playing a new mentee. Your "
            "trainer observes and does not take part."
        ),
        "assessor_instructions": (
            "Use one of the practice scenarios. Sit where you can hear but are not part of the "
            "conversation. Do not photograph the participants; a PDF of your notes may be added."
        ),
        "min_share_met": None,
        "criteria": [
            (
                "Agrees boundaries and explains confidentiality and its limits",
                "Says what stays between them and when they would have to share information.",
                MANDATORY,
            ),
            (
                "Listens actively: reflects back and summarises",
                "Lets the mentee finish; checks understanding with a summary.",
                MANDATORY,
            ),
            (
                "Asks open questions and lets the mentee set their own goals",
                "Does not tell the mentee what to do.",
                MANDATORY,
            ),
            ("Stays respectful and non-judgemental throughout", "", MANDATORY),
            (
                "Recognises when to refer and names the right local services",
                "Knows the referral routes for housing, work, health and legal advice.",
                MANDATORY,
            ),
            ("Agrees the next meeting and notes it", "", OPTIONAL),
            ("Keeps notes factual and stores them securely", "", OPTIONAL),
        ],
    },
}

PASS_FEEDBACK = {
    "Artisan Baking": "Clean, well-organised work and an even crumb. Well done.",
    "Organic Farming": "Careful soil checks and neat planting. Remember the field log next time.",
    "Retail Sales Assistant": "Friendly and accurate service; the customer felt listened to.",
    "Mentor Training": "Clear boundaries from the start and good summaries. Ready to mentor.",
}
NOT_YET_FEEDBACK = {
    "Artisan Baking": (
        "Good hygiene and weighing. The loaves were uneven: practise pre-shaping and use the "
        "scales to divide the dough, then we will assess again."
    ),
    "Organic Farming": "Seedlings were planted too deep. Check the seed chart and try again.",
    "Retail Sales Assistant": "The change was counted wrongly. Practise counting back.",
    "Mentor Training": (
        "Warm and respectful, but confidentiality and its limits were not explained. Practise "
        "the opening with your trainer before the next attempt."
    ),
}
# The first mandatory criterion that a 'not yet' attempt misses, by course.
MISSED = {
    "Artisan Baking": 3,
    "Organic Farming": 3,
    "Retail Sales Assistant": 3,
    "Mentor Training": 0,
}

# Each checklist in Spanish: its name, both sets of instructions, and the criteria in the order
# above, each as (statement, guidance for the assessor).
SPANISH = {
    "Artisan Baking": {
        "name": "Hornear una tanda de pan",
        "learner_instructions": (
            "Haz seis panes blancos con la receta de tu mesa: pesa, mezcla, amasa, deja "
            "fermentar, forma y hornea. Tienes tres horas. Mantén limpia tu mesa mientras "
            "trabajas y avisa al evaluador cuando los panes salgan del horno."
        ),
        "assessor_instructions": (
            "Prepara la receta, los ingredientes y una mesa limpia. Observa desde el pesado "
            "hasta el enfriado sin ayudar; interviene solo por seguridad. Fotografía la masa "
            "formada y los panes terminados, uno de ellos cortado."
        ),
        "criteria": [
            (
                "Cumple la higiene alimentaria: manos lavadas, pelo cubierto, mesa y utensilios "
                "limpios",
                "Se lava las manos antes de empezar y después de tocar residuos; sin joyas; "
                "superficies limpias antes y después.",
            ),
            (
                "Pesa cada ingrediente con exactitud según la receta",
                "Con un margen del 2 % en cada cantidad; usa la tara de la báscula.",
            ),
            (
                "Desarrolla la masa hasta una buena estructura de gluten",
                "Masa lisa y elástica que pasa la prueba de la membrana.",
            ),
            (
                "Forma panes iguales con buena tensión en la superficie",
                "Panes con un 10 % de diferencia de peso como mucho; piel tensa, cierre abajo.",
            ),
            (
                "Fermenta y hornea los panes hasta el color y la temperatura interna correctos",
                "Corteza dorada y uniforme, suena hueco al golpearlo, al menos 92 °C en el centro.",
            ),
            (
                "Usa el horno y las bandejas calientes con seguridad",
                "Manoplas secas; nunca deja bandejas en los bordes.",
            ),
            (
                "Cumple el tiempo y deja limpio el puesto de trabajo",
                "Termina en tres horas; mesa, utensilios y suelo limpios.",
            ),
        ],
    },
    "Organic Farming": {
        "name": "Preparar y plantar un bancal de hortalizas",
        "learner_instructions": (
            "Prepara un bancal del huerto y plántalo con los plantones que te den. Explica al "
            "evaluador qué compruebas y por qué mientras trabajas."
        ),
        "assessor_instructions": (
            "Da al participante un bancal, compost, plantones y herramientas de mano. Pregunta "
            "por qué en cada paso. Fotografía el bancal terminado. Debe cumplirse al menos el "
            "80 % de todos los criterios."
        ),
        "criteria": [
            (
                "Comprueba la humedad y la estructura del suelo antes de trabajar el bancal",
                "Prueba de apretar o de la pala; no cava un suelo encharcado.",
            ),
            (
                "Usa las herramientas de mano con seguridad y correctamente",
                "Espalda recta, herramientas llevadas con seguridad.",
            ),
            (
                "Incorpora el compost en la cantidad adecuada",
                "Una carretilla llena por bancal de 10 m², mezclada en la capa superior.",
            ),
            (
                "Planta a la distancia y la profundidad correctas",
                "Según la tabla de siembra; plantones bien asentados, sin enterrar las hojas.",
            ),
            ("Riega y acolcha el bancal", "Riego suave en la base; acolchado uniforme."),
            (
                "Anota la plantación en el cuaderno de campo",
                "Fecha, bancal, cultivo y variedad.",
            ),
            ("Limpia y guarda las herramientas", ""),
        ],
    },
    "Retail Sales Assistant": {
        "name": "Atender a un cliente desde el saludo hasta el pago",
        "learner_instructions": (
            "En la tienda de prácticas, atiende a un cliente (un voluntario) que necesita ayuda "
            "para elegir un producto y después cobra."
        ),
        "assessor_instructions": (
            "Explica al voluntario una de las tarjetas de cliente. Observa desde el saludo hasta "
            "la despedida. Si la tarjeta incluye una devolución, comprueba que se sigue la "
            "política de devoluciones."
        ),
        "criteria": [
            (
                "Saluda al cliente enseguida y le ofrece ayuda",
                "En un minuto más o menos; amable, mirando a los ojos.",
            ),
            (
                "Hace preguntas para saber qué necesita el cliente",
                "Al menos dos preguntas abiertas antes de proponer un producto.",
            ),
            (
                "Da información correcta sobre los productos",
                "Precio, talla, cuidados, existencias.",
            ),
            (
                "Cobra correctamente y da el cambio justo",
                "Usa bien la caja; cuenta el cambio en voz alta; ofrece el tique.",
            ),
            ("Sigue la política de devoluciones cuando se la piden", ""),
            ("Cierra la venta con cortesía e invita al cliente a volver", ""),
        ],
    },
    "Mentor Training": {
        "name": "Conversación de mentoría supervisada",
        "learner_instructions": (
            "Mantén una primera conversación de 30 minutos con un voluntario que hace de nuevo "
            "mentorado. Tu formador observa y no participa."
        ),
        "assessor_instructions": (
            "Usa uno de los casos de práctica. Siéntate donde puedas oír sin formar parte de la "
            "conversación. No fotografíes a los participantes; puedes añadir un PDF de tus notas."
        ),
        "criteria": [
            (
                "Acuerda límites y explica la confidencialidad y sus límites",
                "Dice qué queda entre ellos y cuándo tendría que compartir información.",
            ),
            (
                "Escucha activamente: devuelve lo que oye y resume",
                "Deja terminar al mentorado; comprueba que ha entendido con un resumen.",
            ),
            (
                "Hace preguntas abiertas y deja que el mentorado fije sus propias metas",
                "No le dice al mentorado lo que tiene que hacer.",
            ),
            ("Se mantiene respetuoso y sin juzgar en todo momento", ""),
            (
                "Reconoce cuándo derivar y nombra los servicios locales adecuados",
                "Conoce las vías de derivación para vivienda, empleo, salud y asesoría legal.",
            ),
            ("Acuerda la próxima reunión y la anota", ""),
            ("Toma notas objetivas y las guarda de forma segura", ""),
        ],
    },
}
