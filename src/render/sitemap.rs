//! `sitemap.xml`: every page that exists in a language, with hreflang alternates.

use crate::model::Site;

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sitemap, or `None` when no base URL is known (it needs absolute URLs).
pub fn sitemap(site: &Site) -> Option<String> {
    let base = site.config.base_url.as_ref()?;
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let source_tree = site.tree(&site.source_lang)?;
    for entry in Site::entries(source_tree) {
        let versions: Vec<(String, String)> = site
            .translations_of(&entry.rel)
            .into_iter()
            .filter(|(_, _, e)| e.status.exists())
            .map(|(l, _, e)| (l.code.clone(), format!("{base}{}", e.output)))
            .collect();
        for (_, url) in &versions {
            out.push_str("  <url>\n    <loc>");
            out.push_str(&xml_escape(url));
            out.push_str("</loc>\n");
            for (code, alt) in &versions {
                out.push_str(&format!(
                    "    <xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>\n",
                    xml_escape(code),
                    xml_escape(alt)
                ));
            }
            out.push_str("  </url>\n");
        }
    }
    out.push_str("</urlset>\n");
    Some(out)
}
