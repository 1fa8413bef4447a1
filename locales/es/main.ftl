# Textos de la interfaz del sitio EQUIL: español (traducido del inglés).
# Todos los idiomas tienen los mismos identificadores en locales/<lang>/main.ftl.

## El propio idioma
lang-name = Español
# Dirección del texto: ltr o rtl.
lang-dir = ltr

## Sitio
skip-to-content = Ir al contenido
nav-home = Inicio
nav-main = Menú principal
nav-languages = Idioma
nav-breadcrumbs = Estás aquí
nav-module-contents = En este módulo
nav-on-this-page = En esta página
nav-pagination = Anterior y siguiente
nav-previous = Anterior
nav-next = Siguiente
nav-all-modules = Todos los módulos
chooser-title = Elige tu idioma
chooser-intro = Este manual está disponible en estos idiomas.

## Duraciones
duration-minutes = { $minutes ->
    [one] { $minutes } minuto
   *[other] { $minutes } minutos
}
duration-hours = { $hours ->
    [one] { $hours } hora
   *[other] { $hours } horas
}
duration-hours-minutes = { $hours } h { $minutes } min

## Módulos, páginas y fichas de herramientas
module-number = Módulo { $number }
module-duration = Duración
module-objectives = Objetivos de aprendizaje
module-audience = Dirigido a
module-pages = Páginas de este módulo
module-tools = Fichas de herramientas
module-start = Empezar el módulo
home-modules = Los módulos
tool-card = Ficha de herramienta
tool-duration = Duración
tool-group-size = Tamaño del grupo
tool-group-size-value = { $size } personas
tool-materials = Materiales
page-duration = Tiempo necesario

## Avisos destacados (admonitions en Markdown)
callout-note = Nota
callout-tip = Consejo
callout-important = Importante
callout-warning = Advertencia
callout-caution = Precaución
callout-exercise = Ejercicio
callout-reflection = Reflexión

## Avisos sobre la traducción
fallback-notice = Esta página todavía no está traducida. Estás leyendo el texto original en { $language }.
fallback-label = aún sin traducir
# The name of a language (by its code) in this language, for badges and notices.
language-name = { $code ->
    [en] inglés
    [nl] neerlandés
    [da] danés
    [es] español
    [it] italiano
   *[other] { $code }
}
outdated-notice = El original de esta página ha cambiado desde que se tradujo, así que esta traducción puede no estar actualizada.
outdated-link = Leer el original actual

## Impresión
print-pdf = Imprimir / PDF
print-handbook = Imprimir todo el manual
print-module = Imprimir este módulo
print-contents = Índice
print-version = Versión { $version }
print-edition = Edición del { $date } (versión { $version })
print-date = Fecha: { $date }
print-language = Idioma: { $language }
print-handbook-label = Manual
print-module-label = Módulo formativo
print-page = Página
print-open-site = Volver al sitio web

## Búsqueda
search-label = Buscar en el manual
search-placeholder = Buscar en el manual
search-results = { $count ->
    [one] 1 resultado
   *[other] { $count } resultados
}
search-no-results = No hay resultados
search-results-shown = Se muestran { $shown } de { $count } resultados
search-in-source-language = texto original, aún sin traducir
search-loading = Cargando el índice de búsqueda…
search-unavailable = La búsqueda no está disponible en este momento.
search-hint = Escribe para buscar; los resultados aparecen debajo. Elige uno con las flechas arriba y abajo y ábrelo con Intro. Pulsa / para buscar desde cualquier parte de la página.
# A switch in the footer (turns the / shortcut on and off).
search-shortcut = Abrir la búsqueda con la tecla /

## Página no encontrada
not-found-title = Página no encontrada
not-found-text = Esta página no existe o ya no está disponible. Ve al inicio del manual o busca en él.
not-found-home = Inicio del manual
not-found-search = Buscar en el manual

## Pie de página
# The funder block, shown only when site.yaml says `funding: erasmus-plus`.
footer-funded = Cofinanciado por el programa Erasmus+ de la Unión Europea
footer-disclaimer = El apoyo de la Comisión Europea para la producción de esta publicación no constituye una aprobación del contenido, el cual refleja únicamente las opiniones de los autores, y la Comisión no se hace responsable del uso que pueda hacerse de la información aquí difundida.

## Páginas sobre el manual, glosario, enlace de edición, páginas trasladadas, códigos QR
about-handbook = Sobre este manual
edit-page = Editar esta página
glossary-title = Glosario
glossary-intro = Los términos clave del manual: qué significan y cómo se llaman en los demás idiomas.
glossary-also = También:
glossary-in-other-languages = En otros idiomas:
redirect-moved = Esta página se ha trasladado:
redirect-link = ir a su nueva ubicación
print-qr-label = Código QR: la dirección web de este capítulo

## Historial de las páginas (fechas de git, Novedades)
page-updated = Última actualización
outdated-notice-since = El original de esta página ha cambiado desde la versión del { $date } a partir de la cual se hizo esta traducción, así que puede que ya no esté actualizada.
whats-new = Novedades
whats-new-intro = Las páginas de este manual que han cambiado más recientemente, empezando por las más nuevas.
whats-new-empty = Todavía no hay cambios registrados.
whats-new-feed = Sigue los cambios en un lector de noticias (Atom)

## Kit del formador: fichas, planes de sesión, descargas
handout = Ficha
handouts = Fichas para participantes
handout-print = Imprimir la ficha
handout-pdf = PDF
handout-for = Ficha de: { $card }
handout-copies = { $copies ->
    [one] 1 copia
   *[other] { $copies } copias
}
session-plan = Plan de sesión
session-time = Hora
session-activity = Actividad
session-minutes = Minutos
session-total = Total: { $start }–{ $end } ({ $duration })
session-breaks = de ellos, pausas: { $duration }
session-break = Pausa
session-no-minutes = tiempo sin indicar
session-materials = Materiales que hay que llevar
session-materials-for = para { $cards }
session-handouts = Fichas que hay que imprimir
session-print = Imprimir la hoja de ruta
downloads = Descargar el manual
download-pdf = PDF para imprimir
download-epub = Libro electrónico (EPUB)
epub-contents = Índice
epub-cover = Cubierta
