//! Front matter and YAML: any text, parsed as a page, must give a page or
//! diagnostics with positions inside the file — never a panic.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let lines = text.lines().count().max(1) + 1;
    match equil::load::content::parse_text("en".into(), "m/p.md".into(), PathBuf::from("p.md"), text) {
        Ok(doc) => {
            assert!(doc.body_line >= 1);
            let _ = equil::load::yaml::set_scalar_line(text, "source_hash", &doc.hash);
        }
        Err(diags) => {
            assert!(!diags.is_empty());
            for d in diags {
                if let Some(line) = d.line {
                    assert!(line >= 1 && line <= lines, "line {line} of {lines}: {d:?}");
                }
            }
        }
    }
});
