//! The changes the incremental test makes to the small fixture, in order:
//! page bodies and translation states, navigation (titles, order, slugs,
//! pages added, moved, renamed, deleted), modules and assets, then
//! interface strings, templates and settings.

use super::*;

/// A change to the fixture's files, named for the messages.
pub(super) type Step<'a> = (&'static str, Box<dyn Fn() + 'a>);

/// Edits of pages' bodies and translation states.
pub(super) fn page_edits(f: &Fixture) -> Vec<Step<'_>> {
    vec![
        (
            "body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second page\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        // A source page's body: its translation's state (unknown) stays.
        (
            "source body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A note.", "A longer note."),
                )
            }),
        ),
        (
            "translation marked current",
            Box::new(|| {
                let en = f.read("content/en/intro/first.md");
                let body = en.splitn(3, "---\n").nth(2).unwrap();
                let hash = equil::load::content::source_hash("First page", body);
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("---\n## Aan", &format!("source_hash: {hash}\n---\n## Aan")),
                )
            }),
        ),
        // The translation becomes outdated: not a change the fast path takes.
        (
            "source edit outdates its translation",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A longer note.", "A note, edited."),
                )
            }),
        ),
        (
            "outdated source edited again",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("A note, edited.", "A note, edited twice."),
                )
            }),
        ),
        (
            "translation body edit",
            Box::new(|| {
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("## Aan de slag", "## Aan de slag\n\nEen nieuwe alinea."),
                )
            }),
        ),
    ]
}

/// Changes to titles, order, slugs and pages added, moved, renamed or deleted.
pub(super) fn navigation_changes(f: &Fixture) -> Vec<Step<'_>> {
    vec![
        (
            "title edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        (
            "summary edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\nsummary: A *short* page.\norder: 2\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        // The next module's overview: the last page of the one before links to it.
        (
            "module title edit",
            Box::new(|| {
                f.write(
                    "content/en/toolkit/_index.md",
                    &f.read("content/en/toolkit/_index.md")
                        .replace("title: Toolkit", "title: Tools"),
                )
            }),
        ),
        // It takes its order and length from its source page.
        (
            "translation title edit",
            Box::new(|| {
                f.write(
                    "content/nl/intro/first.md",
                    &f.read("content/nl/intro/first.md")
                        .replace("title: Eerste pagina", "title: De eerste pagina"),
                )
            }),
        ),
        // Its outdated translation stays outdated.
        (
            "title and body edit",
            Box::new(|| {
                f.write(
                    "content/en/intro/first.md",
                    &f.read("content/en/intro/first.md")
                        .replace("title: First page", "title: The first page")
                        .replace("A note", "One note"),
                )
            }),
        ),
        // Every page's breadcrumbs show it.
        (
            "home title edit",
            Box::new(|| {
                f.write(
                    "content/en/_index.md",
                    &f.read("content/en/_index.md")
                        .replace("title: Handbook", "title: The EQUIL handbook"),
                )
            }),
        ),
        (
            "handout added",
            Box::new(|| {
                f.write(
                    "content/en/toolkit/line-up/prompts.md",
                    "---\ntitle: Prompts\nkind: handout\n---\nWrite.\n\n[____]\n",
                )
            }),
        ),
        // Its card lists it by title.
        (
            "handout title edit",
            Box::new(|| {
                f.write(
                    "content/en/toolkit/line-up/prompts.md",
                    "---\ntitle: Statements\nkind: handout\n---\nWrite.\n\n[____]\n",
                )
            }),
        ),
        (
            "order swap",
            Box::new(|| {
                f.write(
                    "content/en/intro/second.md",
                    "---\ntitle: Second, renamed\norder: 0\n---\n## Details\n\nNew words.\n",
                )
            }),
        ),
        (
            "new page",
            Box::new(|| {
                f.write(
                    "content/en/intro/third.md",
                    "---\ntitle: Third\n---\nSee [first](first.md).\n",
                )
            }),
        ),
        (
            "translation added",
            Box::new(|| {
                f.write(
                    "content/nl/intro/third.md",
                    "---\ntitle: Derde\n---\nZie [eerste](first.md).\n",
                )
            }),
        ),
        (
            "slug",
            Box::new(|| {
                f.write(
                    "content/nl/intro/third.md",
                    "---\ntitle: Derde\nslug: derde\n---\nZie [eerste](first.md).\n",
                )
            }),
        ),
        // first.md links to it from another module: only its links change.
        (
            "linked page moved",
            Box::new(|| {
                f.write("content/en/toolkit/line-up.md", "---\ntitle: Line-up\nkind: tool\norder: 1\nslug: lining-up\n---\n## Purpose\n\nSee where people stand.\n")
            }),
        ),
        (
            "page renamed",
            Box::new(|| {
                std::fs::rename(
                    f.path("content/en/intro/third.md"),
                    f.path("content/en/intro/fourth.md"),
                )
                .unwrap()
            }),
        ),
        (
            "page deleted",
            Box::new(|| std::fs::remove_file(f.path("content/en/intro/fourth.md")).unwrap()),
        ),
    ]
}

/// Modules added, renamed and deleted; assets; the home page.
pub(super) fn structure_changes(f: &Fixture) -> Vec<Step<'_>> {
    vec![
        (
            "module added",
            Box::new(|| {
                f.write(
                    "content/en/extra/_index.md",
                    "---\ntitle: Extra\nkind: module\norder: 3\n---\nMore.\n",
                );
                f.write("content/en/extra/one.md", "---\ntitle: One\n---\nOne.\n");
            }),
        ),
        (
            "module renamed",
            Box::new(|| {
                std::fs::rename(f.path("content/en/extra"), f.path("content/en/bonus")).unwrap()
            }),
        ),
        (
            "asset added",
            Box::new(|| {
                f.write(
                    "content/en/bonus/pic.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
                )
            }),
        ),
        (
            "asset changed",
            Box::new(|| {
                f.write(
                    "content/en/intro/diagram.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"20\"/>\n",
                )
            }),
        ),
        (
            "module deleted",
            Box::new(|| std::fs::remove_dir_all(f.path("content/en/bonus")).unwrap()),
        ),
        (
            "home edited",
            Box::new(|| {
                f.write(
                    "content/en/_index.md",
                    "---\ntitle: The handbook\n---\nWelcome. See [the module](intro/_index.md).\n",
                )
            }),
        ),
    ]
}

/// Interface strings, templates and settings.
pub(super) fn site_changes(f: &Fixture) -> Vec<Step<'_>> {
    vec![
        (
            "strings",
            Box::new(|| {
                f.write(
                    "locales/nl/main.ftl",
                    &builtin_locale("nl").replace("Naar de inhoud", "Naar de tekst"),
                )
            }),
        ),
        (
            "template",
            Box::new(|| {
                f.write(
                    "themes/default/templates/page.html",
                    &builtin_template("page.html")
                        .replace("{% block article %}", "{% block article %}<p>edited</p>"),
                )
            }),
        ),
        (
            "settings",
            Box::new(|| {
                f.write(
                    "site.yaml",
                    "languages: [en, nl]\nsource_language: en\ntitle: Renamed site\n",
                )
            }),
        ),
    ]
}
