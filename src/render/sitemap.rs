//! `sitemap.xml`: every page that exists in a language, with hreflang
//! alternates and, where git history knows it, `lastmod` (the last commit
//! of that language's file).

use crate::escape;
use crate::model::Site;

/// The sitemap, or `None` when no base URL is known (it needs absolute URLs).
pub fn sitemap(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_ref()?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let source_tree = site.tree(&site.source_lang)?;
    for entry in Site::entries(source_tree) {
        let versions: Vec<(String, String, Option<String>)> = site
            .translations_of(&entry.rel)
            .into_iter()
            .filter(|(_, _, e)| e.status.exists())
            .map(|(l, _, e)| {
                let lastmod = site
                    .history
                    .last_change(&crate::history::key(&site.doc(e.doc).path))
                    .map(|c| c.time.rfc3339());
                (l.code.clone(), format!("{base}{}", e.output), lastmod)
            })
            .collect();
        for (_, url, lastmod) in &versions {
            out.push_str("  <url>\n    <loc>");
            out.push_str(&escape::xml(url));
            out.push_str("</loc>\n");
            if let Some(t) = lastmod {
                out.push_str(&format!("    <lastmod>{t}</lastmod>\n"));
            }
            for (code, alt, _) in &versions {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    escape::xml(code),
                    escape::xml(alt)
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    Some(out)
}
