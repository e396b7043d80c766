"""Artisan Baking in Spanish: the course page and every lesson, as Wagtail translations of the
English original (demo/content/artisan_baking.py). Same slugs, so the addresses do not change."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

LANGUAGE = "es"
ORIGINAL_SLUG = "artisan-baking"

COURSE = {
    "title": "Panadería artesanal",
    "summary": (
        "Aprende a hacer buen pan a mano, a trabajar con seguridad en una panadería y a cubrir "
        "el turno de primera hora. La mayor parte del curso se hace en nuestra panadería de "
        "formación, con lecciones cortas que puedes leer en el móvil antes de cada sesión."
    ),
    "outcomes": [
        "Trabajar de forma segura e higiénica en una panadería, siguiendo las normas de "
        "seguridad alimentaria.",
        "Pesar y preparar los ingredientes con precisión usando una receta y los porcentajes "
        "del panadero.",
        "Amasar, fermentar, formar y hornear distintos panes con una calidad constante.",
        "Comprobar que el pan está bien horneado y conservarlo correctamente.",
        "Planificar un turno de primera hora, etiquetar los productos y reducir el desperdicio.",
    ],
    "assessment_type": "Observación práctica en la panadería de formación, con lista de control",
}

LESSONS = [
    lesson(
        "Seguridad e higiene en la panadería",
        "safety-and-hygiene",
        paragraph(
            "<p>Una panadería es un buen lugar para trabajar, pero tiene hornos calientes, "
            "cuchillas afiladas y sacos pesados. Los buenos hábitos te protegen a ti, a tu "
            "equipo y a tus clientes.</p>"
        ),
        checklist(
            "Antes de cada turno",
            "Pelo recogido y cubierto",
            "Delantal o chaqueta limpios",
            "Sin anillos, relojes ni pulseras",
            "Manos lavadas durante al menos 20 segundos",
            "Cortes cubiertos con una tirita azul",
            "Avisa a tu responsable si te encuentras mal",
        ),
        heading("Hornos y bandejas calientes"),
        paragraph(
            "<p>Usa siempre guantes de horno secos. Un guante mojado deja pasar el calor en un "
            'segundo. Di <b>"¡caliente detrás!"</b> cuando pases detrás de alguien con una '
            "bandeja.</p>"
        ),
        warning(
            "<p>Nunca metas la mano en un horno de solera sin guantes largos. Si te quemas, "
            "enfría la quemadura con agua fría corriente durante 20 minutos y avisa a tu "
            "responsable.</p>"
        ),
        heading("Levantar peso"),
        paragraph(
            "<p>Un saco de harina pesa 25 kg. Dobla las rodillas, mantén la espalda recta y "
            "sujeta el saco cerca del cuerpo. Pide ayuda o usa una carretilla si lo "
            "necesitas.</p>"
        ),
        heading("Alérgenos"),
        paragraph(
            "<p>Algunos clientes pueden enfermar gravemente por cantidades mínimas de frutos "
            "secos, sésamo, leche o huevo. Guarda los ingredientes con alérgenos en cajas "
            "cerradas y etiquetadas, y limpia las superficies entre un producto y otro.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Harina, agua, sal y levadura",
        "flour-water-salt-yeast",
        paragraph(
            "<p>La mayoría de los panes se hacen con solo cuatro ingredientes. Saber qué hace "
            "cada uno te ayuda a resolver problemas.</p>"
        ),
        paragraph(
            "<ul>"
            '<li>La <b>harina</b> da estructura. La harina panificable es "de fuerza": tiene '
            "más proteína, que forma el gluten.</li>"
            "<li>El <b>agua</b> despierta la harina y la levadura. Con más agua, la miga sale "
            "más abierta y con más agujeros.</li>"
            "<li>La <b>sal</b> da sabor y hace la masa más fuerte. También frena la "
            "levadura.</li>"
            "<li>La <b>levadura</b> se come los azúcares de la harina y produce gas. El gas "
            "hace que el pan suba.</li>"
            "</ul>"
        ),
        heading("Los porcentajes del panadero"),
        paragraph(
            "<p>Los panaderos escriben las recetas como un porcentaje de la harina. La harina "
            "es siempre el 100 %. Si una receta dice 70 % de agua, usas 700 g de agua para "
            "1000 g de harina, o 350 g de agua para 500 g de harina.</p>"
        ),
        tip(
            "<p>La sal suele ser el 2 % y la levadura seca alrededor del 1,5 %. Para 1 kg de "
            "harina: 20 g de sal y 15 g de levadura seca.</p>"
        ),
        warning(
            "<p>Pesa siempre los ingredientes, incluso el agua. Las tazas y las cucharas no son "
            "lo bastante precisas en una panadería.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Tu primer pan: un pan blanco sencillo",
        "your-first-loaf",
        paragraph(
            "<p>Con esta receta salen dos panes pequeños. La harás en la primera sesión "
            "práctica. Lee el método antes de empezar.</p>"
        ),
        checklist(
            "Ingredientes",
            "500 g de harina blanca de fuerza",
            "350 g de agua tibia",
            "10 g de sal",
            "7 g de levadura seca (un sobre)",
        ),
        steps(
            "Método",
            "Pesa todos los ingredientes en cuencos separados.",
            "Pon la harina en un bol grande. Añade la sal a un lado y la levadura al otro.",
            "Echa casi toda el agua y mezcla con una mano hasta que no quede harina seca. "
            "Añade el resto del agua si la masa está dura.",
            "Pasa la masa a la mesa y amásala 10 minutos, hasta que esté lisa y elástica.",
            "Vuelve a poner la masa en el bol, tápala y déjala en un sitio templado alrededor "
            "de 1 hora, hasta que doble su tamaño.",
            "Divide la masa en dos trozos y forma con cada uno una bola bien tensa.",
            "Ponlas en una bandeja enharinada, tápalas y déjalas 45 minutos.",
            "Calienta el horno a 230 °C. Haz un corte en la parte de arriba de cada pan con "
            "una cuchilla afilada.",
            "Hornea de 25 a 30 minutos, hasta que la corteza esté bien dorada.",
            "Deja enfriar sobre una rejilla al menos 1 hora antes de cortar.",
        ),
        tip(
            "<p>Mantén separadas la sal y la levadura cuando las peses. Si la sal toca la "
            "levadura mucho tiempo, la frena.</p>"
        ),
        minutes=30,
    ),
    lesson(
        "Amasar, fermentar y formar",
        "kneading-proving-shaping",
        heading("Amasar"),
        paragraph(
            "<p>Al amasar se forma el gluten, la red elástica que retiene el gas. Empuja la "
            "masa hacia delante con la base de la mano, dóblala hacia ti, gírala un cuarto de "
            "vuelta y repite.</p>"
        ),
        steps(
            "La prueba de la ventana",
            "Arranca un trozo pequeño de masa.",
            "Estíralo con cuidado entre los dedos.",
            "Si ves la luz a través sin que se rompa, la masa está lista.",
            "Si se rompe, amasa 2 minutos más y vuelve a probar.",
        ),
        heading("Fermentar"),
        paragraph(
            "<p>Fermentar es dejar que la masa suba. La masa templada sube más rápido y la fría "
            "más despacio. Una fermentación lenta y fresca da más sabor.</p>"
        ),
        steps(
            "La prueba del dedo",
            "Enharina un dedo y húndelo con suavidad en la masa, unos 1 cm.",
            "Si el hueco se recupera enseguida, espera más.",
            "Si se recupera despacio y deja una pequeña marca, la masa está lista para hornear.",
            "Si el hueco se queda y la masa se hunde, ha fermentado de más. Vuelve a formarla "
            "y déjala fermentar otra vez menos tiempo.",
        ),
        heading("Formar"),
        paragraph(
            "<p>Un buen formado da tensión a la superficie del pan, para que suba hacia arriba "
            "y no se abra hacia los lados. Usa la menor cantidad de harina posible en la "
            "mesa.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Cómo empezar una masa madre",
        "sourdough-culture",
        paragraph(
            "<p>La masa madre usa levaduras salvajes en lugar de levadura de sobre. Se tarda "
            "más o menos una semana en empezar un cultivo (también llamado masa madre). Esta "
            "lección es opcional, pero en muchas panaderías artesanas preguntan por la masa "
            "madre en las entrevistas.</p>"
        ),
        steps(
            "Siete días para tener masa madre",
            "Día 1: mezcla 50 g de harina integral con 50 g de agua tibia en un tarro limpio. "
            "Tápalo sin cerrar del todo.",
            "Día 2: añade 50 g de harina y 50 g de agua. Remueve bien.",
            "Día 3: tira la mitad. Añade 50 g de harina y 50 g de agua.",
            "Días 4 a 6: haz lo mismo que el día 3, más o menos a la misma hora cada día.",
            "Día 7: la masa madre debería doblar su tamaño en las 6 horas siguientes a "
            "alimentarla y oler a ácido agradable. Ya se puede usar.",
        ),
        tip(
            "<p>Un líquido gris encima significa que la masa madre tiene hambre. Quítalo y "
            "aliméntala.</p>"
        ),
        warning(
            "<p>Un moho rosa, naranja o con pelusa significa que la masa madre se ha echado a "
            "perder. Tírala y empieza otra vez con un tarro limpio.</p>"
        ),
        minutes=15,
        required=False,
    ),
    lesson(
        "Hornear, enfriar y comprobar el pan",
        "baking-and-checking",
        paragraph(
            "<p>El horno convierte la masa en pan. El vapor de los primeros minutos mantiene "
            "la corteza blanda para que el pan pueda subir. Después la corteza se fija y se "
            "dora.</p>"
        ),
        checklist(
            "¿Está horneado?",
            "La corteza es de un dorado intenso, no pálida",
            "La base suena hueca al golpearla",
            "Un termómetro de sonda en el centro marca 94 °C o más",
        ),
        heading("Enfriar"),
        paragraph(
            "<p>El pan se sigue cociendo mientras se enfría. Si lo cortas demasiado pronto, la "
            "miga queda pegajosa. Enfría los panes sobre una rejilla, nunca sobre una bandeja "
            "plana.</p>"
        ),
        heading("Problemas frecuentes"),
        paragraph(
            "<ul>"
            "<li><b>Pan plano:</b> la masa fermentó de más o se formó sin tensión.</li>"
            "<li><b>Miga densa y pesada:</b> poco amasado o una fermentación demasiado "
            "corta.</li>"
            "<li><b>Corteza pálida:</b> el horno no estaba lo bastante caliente.</li>"
            "<li><b>Base quemada:</b> la bandeja estaba demasiado cerca del calor. Pon otra "
            "bandeja debajo.</li>"
            "</ul>"
        ),
        minutes=20,
    ),
    lesson(
        "Trabajar en una panadería: el turno de primera hora",
        "the-early-shift",
        paragraph(
            "<p>Muchos trabajos de panadería empiezan a las 4 o a las 5 de la mañana, para que "
            "el pan esté en las estanterías cuando abre la tienda. Un buen plan hace que el "
            "turno sea tranquilo.</p>"
        ),
        steps(
            "Un turno típico de primera hora",
            "Revisa la lista de producción del día.",
            "Enciende los hornos para que estén calientes cuando la primera masa esté lista.",
            "Saca las masas que han fermentado durante la noche en la nevera.",
            "Amasa las masas frescas del día, empezando por las que tardan más.",
            "Hornea por orden: primero el pan, luego los panecillos y después la bollería.",
            "Etiqueta cada producto con su nombre, la fecha y los alérgenos.",
            "Limpia sobre la marcha y deja la mesa limpia para el turno siguiente.",
        ),
        heading("Existencias y desperdicio"),
        paragraph(
            "<p>Usa primero la harina más antigua: <b>lo primero que entra es lo primero que "
            "sale</b>. Apunta lo que sobra al final del día. Si todos los días sobra el mismo "
            "pan, el equipo puede hacer menos.</p>"
        ),
        tip(
            "<p>El pan de ayer no es desperdicio. Las panaderías lo venden más barato o lo "
            "convierten en pan rallado, picatostes o pudin de pan.</p>"
        ),
        minutes=20,
    ),
]
