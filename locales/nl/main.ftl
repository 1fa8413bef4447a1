# Interfaceteksten van de EQUIL-site: Nederlands (vertaald uit het Engels).
# Elke taal heeft dezelfde bericht-id's in locales/<lang>/main.ftl.

## De taal zelf
lang-name = Nederlands
# Schrijfrichting: ltr of rtl.
lang-dir = ltr

## Site
site-tagline = Equality in Learning: trainingsmodules voor jobcoaches en trajectbegeleiders
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
chooser-intro = De EQUIL-trainingsmodules zijn beschikbaar in deze talen.

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

## Meldingen over vertalingen
fallback-notice = Deze pagina is nog niet vertaald. Je leest de oorspronkelijke tekst.
fallback-label = nog niet vertaald
outdated-notice = Het origineel van deze pagina is gewijzigd sinds de vertaling, dus deze vertaling is mogelijk niet meer actueel.
outdated-link = Lees het actuele origineel

## Afdrukken
print-pdf = Afdrukken / pdf
print-handbook = Het hele handboek afdrukken
print-module = Deze module afdrukken
print-contents = Inhoud
print-version = Inhoudsversie { $version }
print-date = Datum: { $date }
print-language = Taal: { $language }
print-handbook-label = Handboek
print-module-label = Trainingsmodule
print-page = Pagina
print-open-site = Terug naar de website

## Zoeken
search-label = Zoeken
search-placeholder = Zoek in het handboek
search-results = { $count ->
    [one] 1 resultaat
   *[other] { $count } resultaten
}
search-no-results = Geen resultaten
search-in-source-language = oorspronkelijke tekst, nog niet vertaald
search-loading = De zoekindex wordt geladen…
search-unavailable = Zoeken is op dit moment niet beschikbaar.
search-hint = Typ om te zoeken; de resultaten verschijnen hieronder. Kies er een met de pijltjestoetsen omhoog en omlaag en open het met Enter. Druk op / om vanaf elke plek op de pagina te zoeken.

## Niet gevonden
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Kies een taal om naar het begin van het handboek te gaan.

## Voettekst
footer-project = EQUIL – Equality in Learning is een Strategisch Partnerschap voor volwassenenonderwijs (Erasmus+, Kernactie 2) van partners in het Verenigd Koninkrijk, Denemarken, Nederland, Spanje en Italië.
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
