# Interfaceteksten van de EQUIL-site: Nederlands (vertaald uit het Engels).
# Elke taal heeft dezelfde bericht-id's in locales/<lang>/main.ftl.

## De taal zelf
lang-name = Nederlands
# Schrijfrichting: ltr of rtl.
lang-dir = ltr

## Site
skip-to-content = Naar de inhoud
nav-home = Home
nav-main = Hoofdmenu
nav-languages = Taal
nav-breadcrumbs = Je bent hier
nav-module-contents = In deze module
nav-on-this-page = Op deze pagina
nav-pagination = Vorige en volgende
nav-previous = Vorige
nav-next = Volgende
nav-all-modules = Alle modules
chooser-title = Kies je taal
chooser-intro = Dit handboek is beschikbaar in deze talen.

## Tijdsduur
duration-minutes = { $minutes ->
    [one] { $minutes } minuut
   *[other] { $minutes } minuten
}
duration-hours = { $hours ->
    [one] { $hours } uur
   *[other] { $hours } uur
}
duration-hours-minutes = { $hours } u { $minutes } min

## Modules, pagina's en werkvormkaarten
module-number = Module { $number }
module-duration = Duur
module-objectives = Leerdoelen
module-audience = Voor
module-pages = Pagina's in deze module
module-tools = Werkvormkaarten
module-start = Start de module
home-modules = De modules
tool-card = Werkvormkaart
tool-duration = Duur
tool-group-size = Groepsgrootte
tool-group-size-value = { $size } personen
tool-materials = Materialen
page-duration = Benodigde tijd

## Kaders (admonitions in Markdown)
callout-note = Opmerking
callout-tip = Tip
callout-important = Belangrijk
callout-warning = Waarschuwing
callout-caution = Let op
callout-exercise = Oefening
callout-reflection = Reflectie

## Meldingen over vertalingen
fallback-notice = Deze pagina is nog niet vertaald. Je leest de oorspronkelijke tekst in het { $language }.
fallback-label = nog niet vertaald
# The name of a language (by its code) in this language, for badges and notices.
language-name = { $code ->
    [en] Engels
    [nl] Nederlands
    [da] Deens
    [es] Spaans
    [it] Italiaans
   *[other] { $code }
}
outdated-notice = Het origineel van deze pagina is gewijzigd sinds de vertaling, dus deze vertaling is mogelijk niet meer actueel.
outdated-link = Lees het actuele origineel

## Afdrukken
print-pdf = Afdrukken / pdf
print-handbook = Het hele handboek afdrukken
print-module = Deze module afdrukken
print-contents = Inhoud
print-version = Versie { $version }
print-edition = Editie van { $date } (versie { $version })
print-date = Datum: { $date }
print-language = Taal: { $language }
print-handbook-label = Handboek
print-module-label = Trainingsmodule
print-page = Pagina
print-open-site = Terug naar de website

## Zoeken
search-label = Zoek in het handboek
search-placeholder = Zoek in het handboek
search-results = { $count ->
    [one] 1 resultaat
   *[other] { $count } resultaten
}
search-no-results = Geen resultaten
search-results-shown = { $shown } van de { $count } resultaten getoond
search-in-source-language = oorspronkelijke tekst, nog niet vertaald
search-loading = De zoekindex wordt geladen…
search-unavailable = Zoeken is op dit moment niet beschikbaar.
search-hint = Typ om te zoeken; de resultaten verschijnen hieronder. Kies er een met de pijltjestoetsen omhoog en omlaag en open het met Enter. Druk op / om vanaf elke plek op de pagina te zoeken.
# A switch in the footer (turns the / shortcut on and off).
search-shortcut = Zoeken openen met de toets /

## Niet gevonden
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Ga naar het begin van het handboek of zoek erin.
not-found-home = Begin van het handboek
not-found-search = Zoek in het handboek

## Voettekst
# The funder block, shown only when site.yaml says `funding: erasmus-plus`.
footer-funded = Medegefinancierd door het Erasmus+ programma van de Europese Unie
footer-disclaimer = De steun van de Europese Commissie voor de productie van deze publicatie houdt geen goedkeuring van de inhoud in, die alleen de standpunten van de auteurs weerspiegelt, en de Commissie kan niet verantwoordelijk worden gehouden voor enig gebruik dat van de informatie daarin wordt gemaakt.

## Pagina's over het handboek, woordenlijst, bewerklink, verplaatste pagina's, QR-codes
about-handbook = Over dit handboek
edit-page = Deze pagina bewerken
glossary-title = Woordenlijst
glossary-intro = De belangrijkste begrippen uit het handboek: wat ze betekenen en hoe ze in de andere talen heten.
glossary-also = Ook:
glossary-in-other-languages = In andere talen:
redirect-moved = Deze pagina is verhuisd:
redirect-link = ga naar de nieuwe plek
print-qr-label = QR-code: het webadres van dit hoofdstuk

## Paginageschiedenis (datums uit git, Wat is er nieuw)
page-updated = Laatst bijgewerkt
outdated-notice-since = Het origineel van deze pagina is gewijzigd sinds de versie van { $date } waarvan deze vertaling is gemaakt, dus deze vertaling is mogelijk niet meer actueel.
whats-new = Wat is er nieuw
whats-new-intro = De pagina's van dit handboek die het laatst zijn gewijzigd, de nieuwste eerst.
whats-new-empty = Er zijn nog geen wijzigingen vastgelegd.
whats-new-feed = Volg de wijzigingen in een feedlezer (Atom)

## Trainerskit: hand-outs, sessieplannen, downloads
handout = Hand-out
handouts = Hand-outs
handout-print = Hand-out afdrukken
handout-pdf = PDF
handout-for = Hand-out bij: { $card }
handout-copies = { $copies ->
    [one] 1 exemplaar
   *[other] { $copies } exemplaren
}
session-plan = Sessieplan
session-time = Tijd
session-activity = Onderdeel
session-minutes = Minuten
session-total = Totaal: { $start }–{ $end } ({ $duration })
session-breaks = waarvan pauze: { $duration }
session-break = Pauze
session-no-minutes = tijd niet opgegeven
session-materials = Mee te nemen materialen
session-materials-for = voor { $cards }
session-handouts = Af te drukken hand-outs
session-print = Draaiboek afdrukken
downloads = Het handboek downloaden
download-pdf = PDF om af te drukken
download-epub = E-book (EPUB)
epub-contents = Inhoud
epub-cover = Omslag
