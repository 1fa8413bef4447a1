//! Bytes that must never panic: malformed PDFs and the fuzzers' regressions.

use super::*;

/// A small valid PDF, written with lopdf like the reader reads it: a
/// catalog, one page, a named destination `ch-a`, and an outline whose
/// entry names itself as the next (a loop the reader must cut).
fn sample_pdf() -> Vec<u8> {
    use lopdf::{dictionary, Document, Object};
    let mut doc = Document::with_version("1.4");
    let objects = [
        dictionary! { "Type" => "Catalog", "Pages" => (2, 0), "Outlines" => (4, 0),
        "Names" => dictionary! { "Dests" => (5, 0) } },
        dictionary! { "Type" => "Pages", "Count" => 1, "Kids" => vec![(3, 0).into()] },
        dictionary! { "Type" => "Page", "Parent" => (2, 0) },
        dictionary! { "Type" => "Outlines", "First" => (6, 0) },
        dictionary! { "Names" => vec![
            Object::string_literal("ch-a"),
            vec![(3, 0).into(), "XYZ".into(), 0.into(), 0.into(), 0.into()].into(),
        ] },
        dictionary! { "Title" => Object::string_literal("A"), "Next" => (6, 0) },
    ];
    for (i, o) in objects.into_iter().enumerate() {
        assert_eq!(doc.add_object(o), (i as u32 + 1, 0));
    }
    doc.trailer.set("Root", (1, 0));
    let mut pdf = Vec::new();
    doc.save_to(&mut pdf).expect("lopdf writes the sample");
    pdf
}

#[test]
fn malformed_pdf_bytes_never_panic() {
    // A small valid PDF, then every kind of damage to it.
    let pdf = sample_pdf();
    let doc = equil::pdf::reader::Pdf::parse(&pdf).expect("the sample parses");
    assert_eq!(doc.destinations().get("ch-a"), Some(&1));
    assert_eq!(doc.outline().len(), 1, "the outline loop is cut");

    let start = Instant::now();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    for round in 0..400 {
        let mut bytes = pdf.clone();
        for _ in 0..1 + round % 8 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let at = (seed % bytes.len() as u64) as usize;
            match seed % 4 {
                0 => bytes[at] = (seed >> 32) as u8,
                1 => bytes.truncate(at.max(9)),
                2 => bytes.insert(at, b"<[(/0 R9"[(seed >> 40) as usize % 8]),
                _ => {
                    bytes.remove(at);
                }
            }
        }
        // Panics (or a stack overflow) would end the test here.
        equil::fuzzing::pdf(&bytes);
    }
    assert!(start.elapsed() < WALL_LIMIT);
}

/// A fuzz target's name and the function it runs.
type FuzzTarget = (&'static str, fn(&[u8]));

/// Every input under fuzz/regressions/<target>/, fed to the function the
/// fuzz target runs (the stable-toolchain half of fuzz/run.sh).
#[test]
fn fuzz_regressions() {
    let dir = repo().join("fuzz");
    let targets: [FuzzTarget; 6] = [
        ("front_matter", equil::fuzzing::front_matter),
        ("markdown", equil::fuzzing::markdown),
        ("fluent", equil::fuzzing::fluent),
        ("fluent_nesting", equil::fuzzing::fluent_nesting),
        ("templates", equil::fuzzing::templates),
        ("pdf", equil::fuzzing::pdf),
    ];
    // Every fuzz target is replayed here.
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("fuzz/Cargo.toml");
    let declared = manifest.matches("[[bin]]").count();
    assert_eq!(declared, targets.len(), "a fuzz target is missing here");
    let mut replayed = 0;
    for entry in std::fs::read_dir(dir.join("regressions")).expect("fuzz/regressions") {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        let (_, run) = targets
            .iter()
            .find(|(t, _)| *t == name)
            .unwrap_or_else(|| panic!("fuzz/regressions/{name}: no such fuzz target"));
        let mut files: Vec<PathBuf> = std::fs::read_dir(entry.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).unwrap();
            let start = Instant::now();
            run(&bytes);
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "{}: {:?}",
                file.display(),
                start.elapsed()
            );
            replayed += 1;
        }
    }
    assert!(replayed >= 14, "only {replayed} regressions");
}
