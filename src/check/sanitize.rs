//! Reports about raw HTML in the pages: what the sanitiser will remove
//! because it could run code, addresses it drops, and elements nested too
//! deep to render. (The sanitiser itself is [`crate::render::sanitize`].)

use ammonia::Builder;

use crate::diagnostics::{Code, Diagnostic};
use crate::render::markdown::Parsed;
use crate::render::sanitize::RawHtml;
use crate::render::sanitize::{dropped_addresses, has_event_handler, MAX_HTML_NESTING};

/// Reports raw HTML that the sanitiser will remove because it could run code,
/// and addresses in raw HTML it drops (schemes it does not know).
pub fn report(raw: &[RawHtml], path: &std::path::Path, diags: &mut Vec<Diagnostic>) {
    let schemes = Builder::default().clone_url_schemes();
    for r in raw {
        for dest in dropped_addresses(&r.html, &schemes) {
            diags.push(
                Diagnostic::warning(
                    Code::UnsafeHtml,
                    format!("the address `{dest}` in raw HTML is removed from the page"),
                )
                .at(path)
                .pos(r.line, r.column)
                .help("write the link in Markdown, `[text](address)`, which keeps any address that cannot run code"),
            );
        }
        let lower = r.html.to_ascii_lowercase();
        let script = lower.contains("<script") || lower.contains("javascript:");
        let handler = has_event_handler(&lower);
        if script || handler {
            let what = if script {
                "a script"
            } else {
                "an `on…=` event handler"
            };
            diags.push(
                Diagnostic::warning(Code::UnsafeHtml, format!("raw HTML with {what} is removed from the page"))
                    .at(path)
                    .pos(r.line, r.column)
                    .help("content cannot run code; set `trust_html: true` in site.yaml only if every author is trusted"),
            );
        }
    }
}

/// Reports raw HTML nested too deep to render (see [`too_deep`]).
pub fn report_nesting(parsed: &Parsed, path: &std::path::Path, diags: &mut Vec<Diagnostic>) {
    if let Some((line, column)) = parsed.html_too_deep {
        diags.push(
            Diagnostic::error(
                Code::TooDeep,
                format!("raw HTML elements are nested more than {MAX_HTML_NESTING} levels deep"),
            )
            .at(path)
            .pos(line, column)
            .help("close the elements you open (`</div>`), or remove the extra levels"),
        );
    }
}
