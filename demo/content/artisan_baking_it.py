"""Artisan Baking in Italian: the course page and every lesson, as Wagtail translations of the
English original (demo/content/artisan_baking.py). Same slugs, so the addresses do not change."""

from demo.content import checklist, heading, lesson, paragraph, steps, tip, warning

LANGUAGE = "it"
ORIGINAL_SLUG = "artisan-baking"

COURSE = {
    "title": "Panificazione artigianale",
    "summary": (
        "Impara a fare del buon pane a mano, a lavorare in sicurezza in un panificio e a "
        "coprire il turno del mattino presto. Gran parte del corso si svolge nel nostro "
        "panificio didattico, con lezioni brevi da leggere sul telefono prima di ogni sessione."
    ),
    "outcomes": [
        "Lavorare in modo sicuro e igienico in un panificio, rispettando le norme di sicurezza "
        "alimentare.",
        "Pesare e preparare gli ingredienti con precisione usando una ricetta e le percentuali "
        "del fornaio.",
        "Impastare, far lievitare, formare e cuocere diversi tipi di pane con una qualità "
        "costante.",
        "Verificare che il pane sia ben cotto e conservarlo correttamente.",
        "Organizzare un turno del mattino, etichettare i prodotti e ridurre gli sprechi.",
    ],
    "assessment_type": "Osservazione pratica nel panificio didattico, con lista di controllo",
}

LESSONS = [
    lesson(
        "Sicurezza e igiene in panificio",
        "safety-and-hygiene",
        paragraph(
            "<p>Il panificio è un bel posto dove lavorare, ma ci sono forni caldi, lame "
            "affilate e sacchi pesanti. Le buone abitudini proteggono te, la tua squadra e i "
            "tuoi clienti.</p>"
        ),
        checklist(
            "Prima di ogni turno",
            "Capelli legati e coperti",
            "Grembiule o giacca puliti",
            "Niente anelli, orologi o braccialetti",
            "Mani lavate per almeno 20 secondi",
            "Tagli coperti con un cerotto blu",
            "Avvisa il responsabile se non ti senti bene",
        ),
        heading("Forni e teglie calde"),
        paragraph(
            "<p>Usa sempre guanti da forno asciutti. Un guanto bagnato lascia passare il calore "
            'in un secondo. Di\' <b>"caldo dietro!"</b> quando passi dietro a qualcuno con una '
            "teglia.</p>"
        ),
        warning(
            "<p>Non infilare mai le mani in un forno a platea senza guanti lunghi. Se ti bruci, "
            "raffredda la scottatura sotto l'acqua fredda corrente per 20 minuti e avvisa il "
            "responsabile.</p>"
        ),
        heading("Sollevare i pesi"),
        paragraph(
            "<p>Un sacco di farina pesa 25 kg. Piega le ginocchia, tieni la schiena dritta e "
            "tieni il sacco vicino al corpo. Chiedi aiuto o usa un carrello se serve.</p>"
        ),
        heading("Allergeni"),
        paragraph(
            "<p>Alcuni clienti possono stare molto male anche per piccolissime quantità di "
            "frutta a guscio, sesamo, latte o uova. Tieni gli ingredienti allergenici in "
            "contenitori chiusi ed etichettati e pulisci le superfici tra un prodotto e "
            "l'altro.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Farina, acqua, sale e lievito",
        "flour-water-salt-yeast",
        paragraph(
            "<p>Quasi tutto il pane si fa con soli quattro ingredienti. Sapere a cosa serve "
            "ciascuno ti aiuta a risolvere i problemi.</p>"
        ),
        paragraph(
            "<ul>"
            '<li>La <b>farina</b> dà struttura. La farina da pane è "forte": ha più proteine, '
            "che formano il glutine.</li>"
            "<li>L'<b>acqua</b> risveglia la farina e il lievito. Con più acqua la mollica è "
            "più aperta e alveolata.</li>"
            "<li>Il <b>sale</b> dà sapore e rende l'impasto più forte. Rallenta anche il "
            "lievito.</li>"
            "<li>Il <b>lievito</b> mangia gli zuccheri della farina e produce gas. Il gas fa "
            "crescere il pane.</li>"
            "</ul>"
        ),
        heading("Le percentuali del fornaio"),
        paragraph(
            "<p>I fornai scrivono le ricette in percentuale sulla farina. La farina è sempre il "
            "100%. Se una ricetta dice 70% di acqua, usi 700 g di acqua per 1000 g di farina, "
            "oppure 350 g di acqua per 500 g di farina.</p>"
        ),
        tip(
            "<p>Il sale di solito è il 2% e il lievito secco circa l'1,5%. Per 1 kg di farina: "
            "20 g di sale e 15 g di lievito secco.</p>"
        ),
        warning(
            "<p>Pesa sempre gli ingredienti, anche l'acqua. Tazze e cucchiai non sono "
            "abbastanza precisi in un panificio.</p>"
        ),
        minutes=15,
    ),
    lesson(
        "Il tuo primo pane: un semplice pane bianco",
        "your-first-loaf",
        paragraph(
            "<p>Con questa ricetta si fanno due pagnotte piccole. La preparerai nella prima "
            "sessione pratica. Leggi il procedimento prima di cominciare.</p>"
        ),
        checklist(
            "Ingredienti",
            "500 g di farina di grano tenero forte",
            "350 g di acqua tiepida",
            "10 g di sale",
            "7 g di lievito secco (una bustina)",
        ),
        steps(
            "Procedimento",
            "Pesa tutti gli ingredienti in ciotole separate.",
            "Metti la farina in una ciotola grande. Aggiungi il sale da una parte e il lievito "
            "dall'altra.",
            "Versa quasi tutta l'acqua e mescola con una mano finché non resta farina asciutta. "
            "Aggiungi il resto dell'acqua se l'impasto è duro.",
            "Rovescia l'impasto sul banco e lavoralo per 10 minuti, finché è liscio ed elastico.",
            "Rimetti l'impasto nella ciotola, coprilo e lascialo in un posto tiepido per circa "
            "1 ora, finché raddoppia di volume.",
            "Dividi l'impasto in due pezzi e forma con ciascuno una palla ben tesa.",
            "Mettile su una teglia infarinata, coprile e lasciale riposare 45 minuti.",
            "Scalda il forno a 230 °C. Incidi la superficie di ogni pagnotta con una lama "
            "affilata.",
            "Cuoci per 25-30 minuti, finché la crosta è ben dorata.",
            "Fai raffreddare su una griglia per almeno 1 ora prima di tagliare.",
        ),
        tip(
            "<p>Tieni separati il sale e il lievito quando li pesi. Se il sale resta a lungo a "
            "contatto con il lievito, lo rallenta.</p>"
        ),
        minutes=30,
    ),
    lesson(
        "Impastare, lievitare e formare",
        "kneading-proving-shaping",
        heading("Impastare"),
        paragraph(
            "<p>Impastando si forma il glutine, la rete elastica che trattiene il gas. Spingi "
            "l'impasto in avanti con il palmo della mano, ripiegalo verso di te, giralo di un "
            "quarto e ripeti.</p>"
        ),
        steps(
            "La prova del velo",
            "Stacca un pezzetto di impasto.",
            "Allargalo delicatamente tra le dita.",
            "Se vedi la luce attraverso senza che si strappi, l'impasto è pronto.",
            "Se si strappa, impasta altri 2 minuti e riprova.",
        ),
        heading("Lievitare"),
        paragraph(
            "<p>Lievitare significa lasciar crescere l'impasto. Un impasto tiepido cresce più "
            "in fretta, uno freddo più lentamente. Una lievitazione lenta e fresca dà più "
            "sapore.</p>"
        ),
        steps(
            "La prova del dito",
            "Infarina un dito e premilo delicatamente nell'impasto, per circa 1 cm.",
            "Se il buco torna su subito, aspetta ancora.",
            "Se torna su lentamente e lascia una piccola fossetta, l'impasto è pronto da cuocere.",
            "Se il buco resta e l'impasto si affloscia, ha lievitato troppo. Riformalo e "
            "fallo lievitare di nuovo per meno tempo.",
        ),
        heading("Formare"),
        paragraph(
            "<p>Una buona formatura dà tensione alla superficie, così il pane cresce verso "
            "l'alto e non si allarga. Usa meno farina possibile sul banco.</p>"
        ),
        minutes=20,
    ),
    lesson(
        "Avviare un lievito madre",
        "sourdough-culture",
        paragraph(
            "<p>Il lievito madre usa lieviti naturali al posto del lievito in bustina. Per "
            "avviarlo ci vuole circa una settimana. Questa lezione è facoltativa, ma molti "
            "panifici artigianali chiedono del lievito madre ai colloqui.</p>"
        ),
        steps(
            "Sette giorni per un lievito madre",
            "Giorno 1: mescola 50 g di farina integrale con 50 g di acqua tiepida in un "
            "barattolo pulito. Copri senza chiudere.",
            "Giorno 2: aggiungi 50 g di farina e 50 g di acqua. Mescola bene.",
            "Giorno 3: butta via metà. Aggiungi 50 g di farina e 50 g di acqua.",
            "Giorni da 4 a 6: fai come il giorno 3, più o meno alla stessa ora ogni giorno.",
            "Giorno 7: il lievito dovrebbe raddoppiare entro 6 ore dal rinfresco e avere un "
            "piacevole odore acidulo. È pronto da usare.",
        ),
        tip(
            "<p>Un liquido grigio in superficie vuol dire che il lievito ha fame. Toglilo e "
            "rinfresca.</p>"
        ),
        warning(
            "<p>Muffa rosa, arancione o pelosa vuol dire che il lievito è andato a male. "
            "Buttalo e ricomincia con un barattolo pulito.</p>"
        ),
        minutes=15,
        required=False,
    ),
    lesson(
        "Cuocere, raffreddare e controllare il pane",
        "baking-and-checking",
        paragraph(
            "<p>Il forno trasforma l'impasto in pane. Il vapore dei primi minuti mantiene "
            "morbida la crosta perché il pane possa crescere. Poi la crosta si fissa e si "
            "colora.</p>"
        ),
        checklist(
            "È cotto?",
            "La crosta è di un dorato intenso, non pallida",
            "Il fondo suona vuoto quando lo batti",
            "Un termometro a sonda al centro segna 94 °C o più",
        ),
        heading("Raffreddare"),
        paragraph(
            "<p>Il pane continua a cuocere mentre si raffredda. Se lo tagli troppo presto la "
            "mollica è appiccicosa. Fai raffreddare le pagnotte su una griglia, mai su una "
            "teglia piatta.</p>"
        ),
        heading("Problemi frequenti"),
        paragraph(
            "<ul>"
            "<li><b>Pane basso:</b> l'impasto ha lievitato troppo o è stato formato senza "
            "tensione.</li>"
            "<li><b>Mollica densa e pesante:</b> impastato poco o lievitazione troppo "
            "breve.</li>"
            "<li><b>Crosta pallida:</b> il forno non era abbastanza caldo.</li>"
            "<li><b>Fondo bruciato:</b> la teglia era troppo vicina al calore. Mettine "
            "un'altra sotto.</li>"
            "</ul>"
        ),
        minutes=20,
    ),
    lesson(
        "Lavorare in panificio: il turno del mattino",
        "the-early-shift",
        paragraph(
            "<p>Molti lavori in panificio cominciano alle 4 o alle 5 del mattino, perché il "
            "pane sia sugli scaffali all'apertura del negozio. Un buon piano rende il turno "
            "tranquillo.</p>"
        ),
        steps(
            "Un tipico turno del mattino",
            "Controlla la lista di produzione del giorno.",
            "Accendi i forni perché siano caldi quando il primo impasto è pronto.",
            "Tira fuori gli impasti che hanno lievitato in frigo durante la notte.",
            "Prepara gli impasti freschi del giorno, cominciando da quelli che richiedono più "
            "tempo.",
            "Cuoci in ordine: prima il pane, poi i panini, poi i dolci.",
            "Etichetta ogni prodotto con nome, data e allergeni.",
            "Pulisci mentre lavori e lascia il banco pulito per il turno successivo.",
        ),
        heading("Scorte e sprechi"),
        paragraph(
            "<p>Usa prima la farina più vecchia: <b>il primo che entra è il primo che esce</b>. "
            "Annota cosa avanza a fine giornata. Se ogni giorno avanza lo stesso pane, la "
            "squadra può farne di meno.</p>"
        ),
        tip(
            "<p>Il pane di ieri non è uno spreco. I panifici lo vendono a prezzo ridotto o lo "
            "trasformano in pangrattato, crostini o budino di pane.</p>"
        ),
        minutes=20,
    ),
]
