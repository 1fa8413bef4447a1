//! Bytes that must never panic: malformed PDFs and the fuzzers' regressions.

use super::*;

#[test]
fn malformed_pdf_bytes_never_panic() {
    // A small valid PDF, then every kind of damage to it.
    let objects = [
        "<</Type /Catalog /Pages 2 0 R /Outlines 4 0 R /Names <</Dests 5 0 R>>>>",
        "<</Type /Pages /Count 1 /Kids [3 0 R]>>",
        "<</Type /Page /Parent 2 0 R>>",
        "<</Type /Outlines /First 6 0 R>>",
        "<</Names [(ch-a) [3 0 R /XYZ 0 0 0]]>>",
        "<</Title (A) /Next 6 0 R>>",
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend(format!("{} 0 obj\n{o}\nendobj\n", i + 1).bytes());
    }
    let xref = pdf.len();
    pdf.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).bytes());
    for o in offsets {
        pdf.extend(format!("{o:010} 00000 n \n").bytes());
    }
    pdf.extend(format!("trailer\n<</Size 7 /Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n").bytes());
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
