# Interface strings of the EQUIL site: English (the source language).
# Every other language has the same message ids in locales/<lang>/main.ftl.

## The language itself
lang-name = English
# Text direction: ltr or rtl.
lang-dir = ltr

## Site
skip-to-content = Skip to content
nav-home = Home
nav-main = Main
nav-languages = Language
nav-breadcrumbs = You are here
nav-module-contents = In this module
nav-on-this-page = On this page
nav-pagination = Previous and next
nav-previous = Previous
nav-next = Next
nav-all-modules = All modules
chooser-title = Choose your language
chooser-intro = This handbook is available in these languages.

## Durations
duration-minutes = { $minutes ->
    [one] { $minutes } minute
   *[other] { $minutes } minutes
}
duration-hours = { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}
duration-hours-minutes = { $hours } h { $minutes } min

## Modules, pages and tool cards
module-number = Module { $number }
module-duration = Duration
module-objectives = Learning objectives
module-audience = For
module-pages = Pages in this module
module-tools = Tool cards
module-start = Start the module
home-modules = The modules
tool-card = Tool card
tool-duration = Duration
tool-group-size = Group size
tool-group-size-value = { $size } people
tool-materials = Materials
page-duration = Time needed

## Callouts (admonitions in Markdown)
callout-note = Note
callout-tip = Tip
callout-important = Important
callout-warning = Warning
callout-caution = Caution
callout-exercise = Exercise
callout-reflection = Reflection

## Translation notices
fallback-notice = This page has not been translated yet. You are reading the original text in { $language }.
fallback-label = not yet translated
# The name of a language (by its code) in this language, for badges and notices.
language-name = { $code ->
    [en] English
    [nl] Dutch
    [da] Danish
    [es] Spanish
    [it] Italian
   *[other] { $code }
}
outdated-notice = The original of this page has changed since it was translated, so this translation may be out of date.
outdated-link = Read the current original

## Printing
print-pdf = Print / PDF
print-handbook = Print the whole handbook
print-module = Print this module
print-contents = Contents
print-version = Version { $version }
print-edition = Edition of { $date } (version { $version })
print-date = Date: { $date }
print-language = Language: { $language }
print-handbook-label = Handbook
print-module-label = Training module
print-page = Page
print-open-site = Back to the website

## Search
search-label = Search the handbook
search-placeholder = Search the handbook
search-results = { $count ->
    [one] 1 result
   *[other] { $count } results
}
search-no-results = No results
search-results-shown = { $shown } of { $count } results shown
search-in-source-language = original text, not yet translated
search-loading = Loading the search index…
search-unavailable = Search is not available right now.
search-hint = Type to search; results appear below. Use the up and down arrow keys to choose one and Enter to open it. Press / to search from anywhere on the page.
# A switch in the footer (turns the / shortcut on and off).
search-shortcut = Open search with the / key

## Not found
not-found-title = Page not found
not-found-text = This page does not exist (any more). Go to the start of the handbook or search it.
not-found-home = Start of the handbook
not-found-search = Search the handbook

## Footer
# The funder block, shown only when site.yaml says `funding: erasmus-plus`.
footer-funded = Co-funded by the Erasmus+ Programme of the European Union
footer-disclaimer = The European Commission's support for the production of this publication does not constitute an endorsement of the contents, which reflect the views only of the authors, and the Commission cannot be held responsible for any use which may be made of the information contained therein.

## Pages about the handbook, glossary, edit link, moved pages, QR codes
about-handbook = About this handbook
edit-page = Edit this page
glossary-title = Glossary
glossary-intro = The key terms of the handbook, with what they mean and what they are called in the other languages.
glossary-also = Also:
glossary-in-other-languages = In other languages:
redirect-moved = This page has moved:
redirect-link = go to its new place
print-qr-label = QR code: the web address of this chapter

## Page history (dates from git, What's new)
page-updated = Last updated
outdated-notice-since = The original of this page has changed since the version of { $date } that this translation was made from, so this translation may be out of date.
whats-new = What's new
whats-new-intro = The pages of this handbook that changed most recently, newest first.
whats-new-empty = No changes have been recorded yet.
whats-new-feed = Follow the changes in a feed reader (Atom)

## Trainer's kit: handouts, session plans, downloads
handout = Handout
handouts = Handouts
handout-print = Print the handout
handout-pdf = PDF
handout-for = Handout for: { $card }
handout-copies = { $copies ->
    [one] 1 copy
   *[other] { $copies } copies
}
session-plan = Session plan
session-time = Time
session-activity = Activity
session-minutes = Minutes
session-total = Total: { $start }–{ $end } ({ $duration })
session-breaks = of which breaks: { $duration }
session-break = Break
session-no-minutes = time not set
session-materials = Materials to bring
session-materials-for = for { $cards }
session-handouts = Handouts to print
session-print = Print the run sheet
downloads = Download the handbook
download-pdf = PDF for printing
download-epub = E-book (EPUB)
epub-contents = Contents
epub-cover = Cover
