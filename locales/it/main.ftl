# Testi dell'interfaccia del sito EQUIL: italiano (tradotto dall'inglese).
# Tutte le lingue hanno gli stessi ID dei messaggi in locales/<lang>/main.ftl.

## La lingua stessa
lang-name = Italiano
# Direzione del testo: ltr o rtl.
lang-dir = ltr

## Sito
site-tagline = Equality in Learning: moduli formativi per gli operatori dell'inserimento lavorativo
skip-to-content = Vai al contenuto
nav-home = Pagina iniziale
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
chooser-intro = I moduli formativi EQUIL sono disponibili in queste lingue.

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
module-objectives = Obiettivi del modulo
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

## Avvisi sulla traduzione
fallback-notice = Questa pagina non è ancora stata tradotta. Stai leggendo il testo originale.
fallback-label = non ancora tradotta
outdated-notice = L'originale di questa pagina è cambiato dopo la traduzione, quindi questa traduzione potrebbe non essere aggiornata.
outdated-link = Leggi l'originale aggiornato

## Stampa
print-pdf = Stampa / PDF
print-handbook = Stampa tutto il manuale
print-module = Stampa questo modulo
print-contents = Indice
print-version = Versione dei contenuti { $version }
print-date = Data: { $date }
print-language = Lingua: { $language }
print-handbook-label = Manuale
print-module-label = Modulo formativo
print-page = Pagina
print-open-site = Torna al sito

## Ricerca
search-label = Cerca
search-placeholder = Cerca nel manuale
search-results = { $count ->
    [one] 1 risultato
   *[other] { $count } risultati
}
search-no-results = Nessun risultato
search-in-source-language = testo originale, non ancora tradotto
search-loading = Caricamento dell'indice di ricerca…
search-unavailable = La ricerca non è disponibile in questo momento.
search-hint = Scrivi per cercare; i risultati compaiono qui sotto. Scegline uno con i tasti freccia su e giù e aprilo con Invio. Premi / per cercare da qualsiasi punto della pagina.

## Pagina non trovata
not-found-title = Pagina non trovata
not-found-text = Questa pagina non esiste o non è più disponibile. Scegli una lingua per andare all'inizio del manuale.

## Piè di pagina
footer-project = EQUIL – Equality in Learning è un Partenariato strategico per l'educazione degli adulti (Erasmus+, Azione chiave 2) tra partner di Regno Unito, Danimarca, Paesi Bassi, Spagna e Italia.
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
