//! Fluent loading: any `.ftl` text gives strings and diagnostics with
//! positions inside the file, and formatting any message never panics.
#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;

use equil::load::locales::{strings_from_files, FtlFile};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut diags = Vec::new();
    let lines = text.lines().count().max(1) + 1;
    let strings = strings_from_files(
        "pl",
        vec![FtlFile { path: PathBuf::from("main.ftl"), name: "main.ftl".into(), text: text.to_string() }],
        &mut diags,
    );
    for d in &diags {
        let line = d.line.unwrap_or(1);
        assert!(line >= 1 && line <= lines, "line {line} of {lines}");
    }
    let mut args = fluent_args();
    for id in strings.ids.iter().take(20) {
        let _ = strings.format(id, Some(&args));
        let _ = strings.format(id, None);
    }
    args.set("count", 3);
});

fn fluent_args() -> equil_fluent::FluentArgs<'static> {
    let mut a = equil_fluent::FluentArgs::new();
    a.set("count", 5);
    a.set("minutes", 1);
    a.set("name", "Anna");
    a
}

use fluent_bundle as equil_fluent;
