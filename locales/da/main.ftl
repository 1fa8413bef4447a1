# Brugerfladetekster på EQUIL-sitet: dansk (oversat fra engelsk).
# Alle sprog har de samme besked-id'er i locales/<lang>/main.ftl.

## Selve sproget
lang-name = Dansk
# Tekstretning: ltr eller rtl.
lang-dir = ltr

## Sitet
site-tagline = Equality in Learning: træningsmoduler til jobkonsulenter
skip-to-content = Gå til indholdet
nav-home = Forside
nav-main = Hovedmenu
nav-languages = Sprog
nav-breadcrumbs = Du er her
nav-module-contents = I dette modul
nav-on-this-page = På denne side
nav-pagination = Forrige og næste
nav-previous = Forrige
nav-next = Næste
nav-all-modules = Alle moduler
chooser-title = Vælg dit sprog
chooser-intro = EQUIL-træningsmodulerne findes på disse sprog.

## Varighed
duration-minutes = { $minutes ->
    [one] { $minutes } minut
   *[other] { $minutes } minutter
}
duration-hours = { $hours ->
    [one] { $hours } time
   *[other] { $hours } timer
}
duration-hours-minutes = { $hours } t. { $minutes } min.

## Moduler, sider og værktøjskort
module-number = Modul { $number }
module-duration = Varighed
module-objectives = Mål for modulet
module-audience = Målgruppe
module-pages = Sider i dette modul
module-tools = Værktøjskort
module-start = Start modulet
home-modules = Modulerne
tool-card = Værktøjskort
tool-duration = Varighed
tool-group-size = Gruppestørrelse
tool-group-size-value = { $size } personer
tool-materials = Materialer
page-duration = Varighed

## Faktabokse (admonitions i Markdown)
callout-note = Bemærk
callout-tip = Tip
callout-important = Vigtigt
callout-warning = Advarsel
callout-caution = Pas på

## Meddelelser om oversættelser
fallback-notice = Denne side er endnu ikke oversat. Du læser den oprindelige tekst.
fallback-label = endnu ikke oversat
outdated-notice = Originalen til denne side er ændret, siden den blev oversat, så oversættelsen er muligvis forældet.
outdated-link = Læs den aktuelle original

## Udskrivning
print-pdf = Udskriv / PDF
print-handbook = Udskriv hele håndbogen
print-module = Udskriv dette modul
print-contents = Indhold
print-version = Indholdsversion { $version }
print-date = Dato: { $date }
print-language = Sprog: { $language }
print-handbook-label = Håndbog
print-module-label = Træningsmodul
print-page = Side
print-open-site = Tilbage til websitet

## Søgning
search-label = Søg
search-placeholder = Søg i håndbogen
search-results = { $count ->
    [one] 1 resultat
   *[other] { $count } resultater
}
search-no-results = Ingen resultater
search-in-source-language = oprindelig tekst, endnu ikke oversat
search-loading = Søgeindekset indlæses…
search-unavailable = Søgning er ikke tilgængelig lige nu.
search-hint = Skriv for at søge; resultaterne vises nedenfor. Vælg et resultat med pil op/ned, og åbn det med Enter. Tryk på / for at søge fra et hvilket som helst sted på siden.

## Ikke fundet
not-found-title = Siden blev ikke fundet
not-found-text = Denne side findes ikke, eller den er flyttet. Vælg et sprog for at gå til begyndelsen af håndbogen.

## Sidefod
footer-project = EQUIL – Equality in Learning er et strategisk partnerskab inden for voksenuddannelse (Erasmus+, Nøgleaktion 2) mellem partnere i Storbritannien, Danmark, Holland, Spanien og Italien.
footer-funded = Medfinansieret af Erasmus+-programmet under Den Europæiske Union
footer-disclaimer = EU-Kommissionens støtte til denne publikation er ikke en godkendelse af indholdet, som kun forfatterne er ansvarlige for. EU-Kommissionen kan heller ikke drages til ansvar for anvendelsen af de indeholdte informationer.

## Sider om håndbogen, ordliste, redigeringslink, flyttede sider, QR-koder
about-handbook = Om denne håndbog
edit-page = Rediger denne side
glossary-title = Ordliste
glossary-intro = Håndbogens vigtigste begreber: hvad de betyder, og hvad de hedder på de andre sprog.
glossary-also = Også:
glossary-in-other-languages = På andre sprog:
redirect-moved = Denne side er flyttet:
redirect-link = gå til dens nye sted
print-qr-label = QR-kode: webadressen på dette kapitel
