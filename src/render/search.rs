//! Per-language search index, written as a script (`<lang>/search-index.js`)
//! so that it loads from file:// as well as over HTTP.

use super::pages::TreeRender;

/// The search index script of one language: (output path, contents).
pub fn index_script(r: &TreeRender<'_>) -> (String, String) {
    let path = format!("{}/search-index.js", r.tree.lang);
    let mut docs = Vec::new();
    for (_, e) in r.positions() {
        if e.doc == usize::MAX {
            continue;
        }
        let d = r.site.doc(e.doc);
        docs.push(serde_json::json!({
            "t": super::markdown::inline_text(&d.fm.title),
            "u": e.output.strip_prefix(&format!("{}/", r.tree.lang)).unwrap_or(&e.output),
        }));
    }
    let json = serde_json::to_string(&docs).unwrap_or_else(|_| "[]".into());
    (path, format!("window.EQUIL_SEARCH = {json};\n"))
}
