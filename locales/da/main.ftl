# Brugerfladetekster på EQUIL-sitet: dansk (oversat fra engelsk).
# Alle sprog har de samme besked-id'er i locales/<lang>/main.ftl.

## Selve sproget
lang-name = Dansk
# Tekstretning: ltr eller rtl.
lang-dir = ltr

## Sitet
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
chooser-intro = Denne håndbog findes på disse sprog.

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
module-objectives = Læringsmål
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
page-duration = Tidsforbrug

## Faktabokse (admonitions i Markdown)
callout-note = Bemærk
callout-tip = Tip
callout-important = Vigtigt
callout-warning = Advarsel
callout-caution = Pas på
callout-exercise = Øvelse
callout-reflection = Refleksion

## Meddelelser om oversættelser
fallback-notice = Denne side er endnu ikke oversat. Du læser den oprindelige tekst på { $language }.
fallback-label = endnu ikke oversat
# The name of a language (by its code) in this language, for badges and notices.
language-name = { $code ->
    [en] engelsk
    [nl] nederlandsk
    [da] dansk
    [es] spansk
    [it] italiensk
   *[other] { $code }
}
outdated-notice = Originalen til denne side er ændret, siden den blev oversat, så oversættelsen er måske ikke længere opdateret.
outdated-link = Læs den aktuelle original

## Udskrivning
print-pdf = Udskriv / PDF
print-handbook = Udskriv hele håndbogen
print-module = Udskriv dette modul
print-contents = Indhold
print-version = Version { $version }
print-edition = Udgave af { $date } (version { $version })
print-date = Dato: { $date }
print-language = Sprog: { $language }
print-handbook-label = Håndbog
print-module-label = Træningsmodul
print-page = Side
print-open-site = Tilbage til websitet

## Søgning
search-label = Søg i håndbogen
search-placeholder = Søg i håndbogen
search-results = { $count ->
    [one] 1 resultat
   *[other] { $count } resultater
}
search-no-results = Ingen resultater
search-results-shown = { $shown } af { $count } resultater vist
search-in-source-language = oprindelig tekst, endnu ikke oversat
search-loading = Søgeindekset indlæses…
search-unavailable = Søgning er ikke tilgængelig lige nu.
search-hint = Skriv for at søge; resultaterne vises nedenfor. Vælg et med piletasterne op og ned, og åbn det med Enter. Tryk på / for at søge fra et hvilket som helst sted på siden.
# A switch in the footer (turns the / shortcut on and off).
search-shortcut = Åbn søgning med tasten /

## Ikke fundet
not-found-title = Siden blev ikke fundet
not-found-text = Denne side findes ikke (længere). Gå til håndbogens forside, eller søg i den.
not-found-home = Håndbogens forside
not-found-search = Søg i håndbogen

## Sidefod
# The funder block, shown only when site.yaml says `funding: erasmus-plus`.
footer-funded = Medfinansieret af Erasmus+ programmet under Den Europæiske Union
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

## Sidehistorik (datoer fra git, Nyt i håndbogen)
page-updated = Senest opdateret
outdated-notice-since = Originalen til denne side er ændret siden versionen fra { $date }, som oversættelsen er lavet ud fra, så oversættelsen er måske ikke længere opdateret.
whats-new = Nyt i håndbogen
whats-new-intro = De sider i håndbogen, der senest er ændret, med de nyeste først.
whats-new-empty = Der er endnu ikke registreret nogen ændringer.
whats-new-feed = Følg ændringerne i en feedlæser (Atom)

## Undervisermappe: uddelingsark, sessionsplaner, downloads
handout = Uddelingsark
handouts = Uddelingsark
handout-print = Udskriv uddelingsarket
handout-pdf = PDF
handout-for = Uddelingsark til: { $card }
handout-copies = { $copies ->
    [one] 1 eksemplar
   *[other] { $copies } eksemplarer
}
session-plan = Sessionsplan
session-time = Tid
session-activity = Aktivitet
session-minutes = Minutter
session-total = I alt: { $start }–{ $end } ({ $duration })
session-breaks = heraf pauser: { $duration }
session-break = Pause
session-no-minutes = tid ikke angivet
session-materials = Materialer, der skal medbringes
session-materials-for = til { $cards }
session-handouts = Uddelingsark, der skal udskrives
session-print = Udskriv drejebogen
downloads = Hent håndbogen
download-pdf = PDF til udskrivning
download-epub = E-bog (EPUB)
epub-contents = Indhold
epub-cover = Omslag
