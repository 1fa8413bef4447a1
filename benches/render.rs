//! Micro-benchmarks of the render stage, to catch regressions: Markdown
//! (parse, and HTML per page), page templates and search indexing, on the
//! repository's own content (the EQUIL handbook in five languages).
//!
//! Run: `cargo bench --bench render` (or `-- search` for one group). For
//! whole builds against Hugo and the Markdown floor, see `benches/run.sh`.

use criterion::{criterion_group, criterion_main, Criterion};
use equil::model::Site;
use equil::pipeline::{load_site, SiteOptions};
use equil::render::markdown::Parsed;
use equil::render::{parse_all, search};

/// The repository's site, loaded and parsed.
fn site() -> (Site, Vec<Parsed>) {
    let mut diags = Vec::new();
    let opts = SiteOptions::new(env!("CARGO_MANIFEST_DIR"));
    let Some(site) = load_site(&opts, &mut diags) else {
        panic!("the repository's site does not load: {diags:?}");
    };
    let parsed = parse_all(&site);
    (site, parsed)
}

fn benches(c: &mut Criterion) {
    let (site, parsed) = site();
    let templates = match equil::render::load_templates(&site) {
        Ok(t) => t,
        Err(e) => panic!("templates: {e:?}"),
    };
    // Set up exactly as a build does (navigation, sidebars, sanitiser).
    let renders = equil::render::Renderer::new(&site, &parsed, &templates).trees;
    let pages: usize = renders.iter().map(|r| r.tree.walk().count()).sum();
    eprintln!(
        "{} documents, {pages} pages in {} languages",
        site.docs.len(),
        renders.len()
    );

    let mut g = c.benchmark_group("markdown");
    g.sample_size(20);
    g.bench_function("parse all", |b| b.iter(|| parse_all(&site)));
    g.bench_function("html of every page", |b| {
        b.iter(|| {
            renders
                .iter()
                .flat_map(|r| {
                    r.tree
                        .walk()
                        .map(move |(_, e)| r.body_html(e, &e.output).len())
                })
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("templates");
    g.sample_size(20);
    g.bench_function("every page", |b| {
        b.iter(|| {
            renders
                .iter()
                .flat_map(|r| {
                    r.tree
                        .walk()
                        .map(move |(p, e)| r.render(p, e).map(|h| h.len()).unwrap_or(0))
                })
                .sum::<usize>()
        })
    });
    g.finish();

    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    g.bench_function("index every language", |b| {
        b.iter(|| {
            renders
                .iter()
                .map(|r| search::index_script(r).1.len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(render, benches);
criterion_main!(render);
