# Textos de la interfaz del sitio EQUIL: español (traducido del inglés).
# Todos los idiomas tienen los mismos identificadores en locales/<lang>/main.ftl.

## El propio idioma
lang-name = Español
# Dirección del texto: ltr o rtl.
lang-dir = ltr

## Sitio
site-tagline = Equality in Learning: módulos formativos para preparadores laborales
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
chooser-intro = Los módulos formativos de EQUIL están disponibles en estos idiomas.

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

## Módulos, páginas y fichas de actividad
module-number = Módulo { $number }
module-duration = Duración
module-objectives = Objetivos de aprendizaje
module-audience = Dirigido a
module-pages = Páginas de este módulo
module-tools = Fichas de actividad
module-start = Empezar el módulo
home-modules = Los módulos
tool-card = Ficha de actividad
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

## Avisos sobre la traducción
fallback-notice = Esta página todavía no está traducida. Estás leyendo el texto original.
fallback-label = aún sin traducir
outdated-notice = El original de esta página ha cambiado desde que se tradujo, así que esta traducción puede no estar actualizada.
outdated-link = Leer el original actual

## Impresión
print-pdf = Imprimir / PDF
print-handbook = Imprimir todo el manual
print-module = Imprimir este módulo
print-contents = Índice
print-version = Versión del contenido { $version }
print-date = Fecha: { $date }
print-language = Idioma: { $language }
print-handbook-label = Manual
print-module-label = Módulo formativo
print-page = Página
print-open-site = Volver al sitio web

## Búsqueda
search-label = Buscar
search-placeholder = Buscar en el manual
search-results = { $count ->
    [one] 1 resultado
   *[other] { $count } resultados
}
search-no-results = No hay resultados
search-in-source-language = texto original, aún sin traducir
search-loading = Cargando el índice de búsqueda…
search-unavailable = La búsqueda no está disponible en este momento.
search-hint = Escribe para buscar; los resultados aparecen debajo. Elige uno con las flechas arriba y abajo y ábrelo con Intro. Pulsa / para buscar desde cualquier parte de la página.

## Página no encontrada
not-found-title = Página no encontrada
not-found-text = Esta página no existe o ya no está disponible. Elige un idioma para ir al inicio del manual.

## Pie de página
footer-project = EQUIL – Equality in Learning es una Asociación Estratégica de educación de personas adultas (Erasmus+, Acción Clave 2) formada por entidades socias del Reino Unido, Dinamarca, los Países Bajos, España e Italia.
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
