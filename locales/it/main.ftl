# Testi dell'interfaccia del sito EQUIL: italiano (tradotto dall'inglese).
# Tutte le lingue hanno gli stessi ID dei messaggi in locales/<lang>/main.ftl.

## La lingua stessa
lang-name = Italiano
# Direzione del testo: ltr o rtl.
lang-dir = ltr

## Sito
skip-to-content = Vai al contenuto
nav-home = Home
nav-main = Menu principale
nav-languages = Lingua
nav-breadcrumbs = Sei qui
nav-module-contents = In questo modulo
nav-on-this-page = In questa pagina
nav-pagination = Precedente e successiva
nav-previous = Precedente
nav-next = Successiva
nav-all-modules = Tutti i moduli
chooser-title = Scegli la tua lingua
chooser-intro = Questo manuale è disponibile in queste lingue.

## Durate
duration-minutes = { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minuti
}
duration-hours = { $hours ->
    [one] { $hours } ora
   *[other] { $hours } ore
}
duration-hours-minutes = { $hours } h { $minutes } min

## Moduli, pagine e schede strumento
module-number = Modulo { $number }
module-duration = Durata
module-objectives = Obiettivi di apprendimento
module-audience = Destinatari
module-pages = Pagine di questo modulo
module-tools = Schede strumento
module-start = Inizia il modulo
home-modules = I moduli
tool-card = Scheda strumento
tool-duration = Durata
tool-group-size = Dimensione del gruppo
tool-group-size-value = { $size } persone
tool-materials = Materiali
page-duration = Tempo necessario

## Riquadri (admonitions in Markdown)
callout-note = Nota
callout-tip = Suggerimento
callout-important = Importante
callout-warning = Avvertenza
callout-caution = Attenzione
callout-exercise = Esercizio
callout-reflection = Riflessione

## Avvisi sulla traduzione
fallback-notice = Questa pagina non è ancora stata tradotta. Stai leggendo il testo originale in { $language }.
fallback-label = non ancora tradotta
# The name of a language (by its code) in this language, for badges and notices.
language-name = { $code ->
    [en] inglese
    [nl] olandese
    [da] danese
    [es] spagnolo
    [it] italiano
   *[other] { $code }
}
outdated-notice = L'originale di questa pagina è cambiato dopo la traduzione, quindi questa traduzione potrebbe non essere aggiornata.
outdated-link = Leggi l'originale aggiornato

## Stampa
print-pdf = Stampa / PDF
print-handbook = Stampa tutto il manuale
print-module = Stampa questo modulo
print-contents = Indice
print-version = Versione { $version }
print-edition = Edizione del { $date } (versione { $version })
print-date = Data: { $date }
print-language = Lingua: { $language }
print-handbook-label = Manuale
print-module-label = Modulo formativo
print-page = Pagina
print-open-site = Torna al sito

## Ricerca
search-label = Cerca nel manuale
search-placeholder = Cerca nel manuale
search-results = { $count ->
    [one] 1 risultato
   *[other] { $count } risultati
}
search-no-results = Nessun risultato
search-results-shown = { $shown } di { $count } risultati mostrati
search-in-source-language = testo originale, non ancora tradotto
search-loading = Caricamento dell'indice di ricerca…
search-unavailable = La ricerca non è disponibile in questo momento.
search-hint = Scrivi per cercare; i risultati compaiono qui sotto. Scegline uno con i tasti freccia su e giù e aprilo con Invio. Premi / per cercare da qualsiasi punto della pagina.
# A switch in the footer (turns the / shortcut on and off).
search-shortcut = Aprire la ricerca con il tasto /

## Pagina non trovata
not-found-title = Pagina non trovata
not-found-text = Questa pagina non esiste (più). Vai all'inizio del manuale o cerca al suo interno.
not-found-home = Inizio del manuale
not-found-search = Cerca nel manuale

## Piè di pagina
# The funder block, shown only when site.yaml says `funding: erasmus-plus`.
footer-funded = Cofinanziato dal programma Erasmus+ dell'Unione europea
footer-disclaimer = Il sostegno della Commissione europea alla produzione di questa pubblicazione non costituisce un'approvazione del contenuto, che riflette esclusivamente il punto di vista degli autori, e la Commissione non può essere ritenuta responsabile per l'uso che può essere fatto delle informazioni ivi contenute.

## Pagine sul manuale, glossario, link di modifica, pagine spostate, codici QR
about-handbook = Informazioni su questo manuale
edit-page = Modifica questa pagina
glossary-title = Glossario
glossary-intro = I termini chiave del manuale: che cosa significano e come si chiamano nelle altre lingue.
glossary-also = Anche:
glossary-in-other-languages = In altre lingue:
redirect-moved = Questa pagina è stata spostata:
redirect-link = vai alla nuova posizione
print-qr-label = Codice QR: l'indirizzo web di questo capitolo

## Cronologia delle pagine (date da git, Novità)
page-updated = Ultimo aggiornamento
outdated-notice-since = L'originale di questa pagina è cambiato rispetto alla versione del { $date } da cui è stata fatta questa traduzione, quindi la traduzione potrebbe non essere aggiornata.
whats-new = Novità
whats-new-intro = Le pagine di questo manuale modificate più di recente, dalla più nuova.
whats-new-empty = Non è ancora stata registrata nessuna modifica.
whats-new-feed = Segui le modifiche con un lettore di feed (Atom)

## Kit del formatore: schede, piani di sessione, download
handout = Scheda
handouts = Schede per i partecipanti
handout-print = Stampa la scheda
handout-pdf = PDF
handout-for = Scheda di: { $card }
handout-copies = { $copies ->
    [one] 1 copia
   *[other] { $copies } copie
}
session-plan = Piano della sessione
session-time = Ora
session-activity = Attività
session-minutes = Minuti
session-total = Totale: { $start }–{ $end } ({ $duration })
session-breaks = di cui pause: { $duration }
session-break = Pausa
session-no-minutes = durata non indicata
session-materials = Materiali da portare
session-materials-for = per { $cards }
session-handouts = Schede da stampare
session-print = Stampa la scaletta
downloads = Scarica il manuale
download-pdf = PDF da stampare
download-epub = E-book (EPUB)
epub-contents = Indice
epub-cover = Copertina
