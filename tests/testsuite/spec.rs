//! Markdown means what CommonMark and GitHub say it means: every example of
//! the CommonMark spec and of the GitHub Flavored Markdown spec (vendored in
//! tests/spec/ from the pulldown-cmark repository; see tests/spec/README.md
//! for their licences) is a page of a fixture site, rendered by equil's page
//! pipeline exactly as a build renders it (load, parse, links rewritten for
//! the page, the sanitiser for raw HTML). Its HTML must be the spec's, after
//! normalising what HTML does not distinguish (attribute order, whitespace
//! between blocks, character references), except for the examples listed in
//! [`INTENDED`], each with the reason equil differs on purpose.
//!
//! Heading ids and the self-link equil puts in each heading are removed
//! before comparing (the spec's HTML has no ids); that equil's ids are
//! GitHub's is checked in tests/markdown.rs.

use std::collections::BTreeMap;

use crate::common::{repo_path, Fixture};
use ego_tree::NodeRef;
use scraper::{Html, Node};

/// One example of a spec file.
struct Example {
    /// `cm-12` (CommonMark) or `gfm-12` (GitHub).
    name: String,
    section: String,
    markdown: String,
    html: String,
}

fn examples(file: &str, prefix: &str) -> Vec<Example> {
    let text =
        std::fs::read_to_string(repo_path(&format!("tests/spec/{file}"))).expect("spec file");
    let fence = "````````````````````````````````";
    let mut out = Vec::new();
    let mut section = String::new();
    let mut lines = text.lines();
    let mut n = 0;
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ").or_else(|| line.strip_prefix("# ")) {
            section = h.trim().to_string();
        }
        let Some(kind) = line
            .strip_prefix(fence)
            .and_then(|l| l.strip_prefix(" example"))
        else {
            continue;
        };
        n += 1;
        let (mut md, mut html) = (String::new(), String::new());
        let mut in_html = false;
        for l in lines.by_ref() {
            if l == fence {
                break;
            }
            if l == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut md };
            target.push_str(&l.replace('→', "\t"));
            target.push('\n');
        }
        if kind.trim() == "disabled" {
            continue;
        }
        out.push(Example {
            name: format!("{prefix}-{n}"),
            section: section.clone(),
            markdown: md,
            html,
        });
    }
    out
}

/// Absolute paths (`/url`) do not work when the site is opened from a folder
/// or served under a sub-path: the link checker refuses them (E040) and the
/// page gets `#`. Checked by making the change to the spec's HTML.
const ABSOLUTE: &str = "absolute path refused";

/// Raw HTML is sanitised (unknown tags, `<script>`, `<style>`, attributes
/// such as `<pre language>` go). Checked by running the spec's HTML through
/// the same sanitiser.
const SANITISED: &str = "raw HTML sanitised";

/// The examples where equil's HTML differs in other ways, by reason.
const INTENDED: &[(&str, &[&str])] = &[
    (
        "bare addresses are linked as on GitHub (GFM's extended autolinks), \
         also where the CommonMark spec's core section leaves them as text",
        &[
            "cm-602", "cm-606", "cm-608", "cm-611", "cm-612", "gfm-594", "gfm-598", "gfm-600",
            "gfm-603", "gfm-604",
        ],
    ),
    (
        "GitHub's tag filter applies to CommonMark examples too: `<textarea>` is shown as text",
        &["cm-171"],
    ),
    (
        "`<script>` and `<style>` are removed with their content (and a warning), \
         not shown as text as GitHub's tag filter would",
        &["gfm-637"],
    ),
    (
        "the GFM spec (0.28) predates CommonMark 0.31; pulldown-cmark follows CommonMark 0.31.2 \
         (code span spaces, `* a *`, non-breaking space in link destinations, HTML comments)",
        &[
            "gfm-107", "gfm-333", "gfm-352", "gfm-499", "gfm-629", "gfm-630",
        ],
    ),
    (
        "table cells are aligned with `style=\"text-align: …\"` (HTML5) rather than `align`, \
         and a table without rows still has its (empty) `<tbody>`",
        &["gfm-194", "gfm-200"],
    ),
    (
        "the linkify crate ends a bare address at an unbalanced `)` and needs a top-level domain \
         of two letters or more in e-mail addresses",
        &["gfm-609", "gfm-615"],
    ),
];

/// How many examples differ only by [`ABSOLUTE`] and by [`SANITISED`].
const MECHANICAL: [(&str, usize); 2] = [(ABSOLUTE, 173), (SANITISED, 35)];

/// The spec's HTML with every absolute `href`/`src` made `#`, as equil writes them.
fn refuse_absolute(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(p) = rest.find(['h', 's']) {
        let (head, tail) = rest.split_at(p);
        out.push_str(head);
        let attr = ["href=\"/", "src=\"/"]
            .into_iter()
            .find(|a| tail.starts_with(a));
        match attr {
            Some(a) if !tail[a.len()..].starts_with('/') => {
                out.push_str(&a[..a.len() - 1]);
                out.push('#');
                let end = tail[a.len()..]
                    .find('"')
                    .map_or(tail.len(), |e| a.len() + e);
                rest = &tail[end..];
            }
            _ => {
                out.push_str(&tail[..1]);
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Renders every example as a page of one site; example name → body HTML.
fn render(examples: &[Example]) -> BTreeMap<String, String> {
    let f = Fixture::empty();
    f.write("site.yaml", "languages: [en]\nsource_language: en\n");
    f.write(
        "content/en/_index.md",
        "---\ntitle: Spec\n---\nThe spec examples.\n",
    );
    f.write(
        "content/en/spec/_index.md",
        "---\ntitle: Examples\nkind: module\n---\nEvery example.\n",
    );
    for e in examples {
        f.write(
            &format!("content/en/spec/{}.md", e.name),
            &format!("---\ntitle: \"{}\"\n---\n{}", e.name, e.markdown),
        );
    }
    let mut diags = Vec::new();
    let opts = equil::pipeline::SiteOptions::new(f.root());
    let site = equil::pipeline::load_site(&opts, &mut diags).expect("the spec site loads");
    let parsed = equil::render::parse_all(&site);
    let templates = equil::render::load_templates(&site).expect("templates");
    let renderer = equil::render::Renderer::new(&site, &parsed, &templates);
    let tree = &renderer.trees[0];
    tree.tree
        .walk()
        .filter_map(|(_, entry)| {
            let name = entry.rel.strip_prefix("spec/")?.strip_suffix(".md")?;
            Some((name.to_string(), tree.body_html(entry, &entry.output)))
        })
        .collect()
}

/// HTML in a form where equal documents are equal strings.
fn normalise(html: &str) -> String {
    let doc = Html::parse_fragment(html);
    let mut out = String::new();
    for child in doc.root_element().children() {
        write_node(child, false, &mut out);
    }
    out.trim().to_string()
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "section",
];

fn write_node(node: NodeRef<'_, Node>, pre: bool, out: &mut String) {
    match node.value() {
        Node::Text(t) => {
            if pre {
                out.push_str(&escape(t));
            } else {
                let collapsed = t.split_whitespace().collect::<Vec<_>>().join(" ");
                let lead = t.starts_with(char::is_whitespace) && !collapsed.is_empty();
                let trail = t.ends_with(char::is_whitespace);
                if lead || (trail && collapsed.is_empty()) {
                    out.push(' ');
                }
                out.push_str(&escape(&collapsed));
                if trail && !collapsed.is_empty() {
                    out.push(' ');
                }
            }
        }
        Node::Element(e) => {
            let name = e.name();
            // equil's heading decorations: the self-link and old-id anchors.
            let header_link = name == "a" && e.attr("class") == Some("header");
            let old_anchor =
                name == "span" && e.attr("id").is_some() && node.children().next().is_none();
            if header_link || old_anchor {
                for c in node.children() {
                    write_node(c, pre, out);
                }
                return;
            }
            let heading = name.len() == 2 && name.starts_with('h') && name != "hr";
            let mut attrs: Vec<(String, String)> = e
                .attrs()
                .filter(|(k, _)| !(heading && *k == "id"))
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            attrs.sort();
            let block = BLOCKS.contains(&name);
            if block {
                trim_end(out);
                out.push('\n');
            }
            out.push('<');
            out.push_str(name);
            for (k, v) in attrs {
                out.push_str(&format!(" {k}=\"{}\"", escape(&v)));
            }
            out.push('>');
            for c in node.children() {
                write_node(c, pre || name == "pre", out);
            }
            if block && name != "pre" {
                trim_end(out);
            }
            out.push_str(&format!("</{name}>"));
            if block {
                out.push('\n');
            }
        }
        _ => {}
    }
}

fn trim_end(out: &mut String) {
    while out.ends_with(' ') || out.ends_with('\n') {
        out.pop();
    }
}

/// Text and attribute values written back as the spec's HTML writes them
/// (`&`, `<`, `>` and `"` escaped; apostrophes as they are).
fn escape(s: &str) -> String {
    equil::escape::xml(s)
}

#[test]
fn commonmark_and_gfm_examples_render_as_the_specs_say() {
    let mut all = examples("commonmark-spec.txt", "cm");
    all.extend(examples("github-spec.txt", "gfm"));
    assert!(all.len() > 1250, "{} examples", all.len());
    let html = render(&all);
    let intended: BTreeMap<&str, &str> = INTENDED
        .iter()
        .flat_map(|(why, names)| names.iter().map(move |n| (*n, *why)))
        .collect();
    let sanitiser = equil::render::sanitize::builder(&[]);
    let mut unexpected = Vec::new();
    let mut now_same = Vec::new();
    let mut same = 0;
    let mut explained: BTreeMap<&str, usize> = BTreeMap::new();
    for e in &all {
        let got = normalise(
            html.get(&e.name)
                .map(String::as_str)
                .unwrap_or("(not rendered)"),
        );
        let spec = normalise(&e.html);
        if got == spec {
            if intended.contains_key(e.name.as_str()) {
                now_same.push(e.name.clone());
            }
            same += 1;
            continue;
        }
        // Differences equil makes on purpose, checked by making them to the
        // spec's HTML: the result must then be equil's.
        let absolute = normalise(&refuse_absolute(&e.html));
        let sanitised = normalise(&refuse_absolute(&equil::render::sanitize::clean(
            &sanitiser, &e.html,
        )));
        let why = if got == absolute {
            Some(ABSOLUTE)
        } else if e.markdown.contains('<') && got == sanitised {
            Some(SANITISED)
        } else {
            intended.get(e.name.as_str()).copied()
        };
        match why {
            Some(why) => *explained.entry(why).or_insert(0) += 1,
            None => unexpected.push(format!(
                "{} ({}):\n--- markdown\n{}--- spec\n{}\n--- equil\n{}\n",
                e.name, e.section, e.markdown, spec, got
            )),
        }
    }
    eprintln!("intended differences: {explained:#?}");
    for (why, n) in MECHANICAL {
        assert_eq!(
            explained.get(why).copied().unwrap_or(0),
            n,
            "examples that differ by: {why}"
        );
    }
    eprintln!("{same} of {} examples render as the spec says", all.len());
    let names: Vec<&str> = unexpected
        .iter()
        .map(|u| u.split(' ').next().unwrap_or(""))
        .collect();
    assert!(
        unexpected.is_empty(),
        "{} examples differ from the spec without a reason in INTENDED: {names:?}\n\n{}",
        unexpected.len(),
        unexpected.join("\n")
    );
    assert!(
        now_same.is_empty(),
        "these examples now render as the spec says: take them out of INTENDED: {now_same:?}"
    );
}
