//! The Markdown floor for `benches/run.sh`: what any generator must at least
//! do with a corpus, with nothing else. Reads every `.md` file under a
//! folder, drops its YAML front matter, renders it with pulldown-cmark
//! (tables, footnotes, strikethrough, task lists, heading ids) and writes
//! the HTML to the same relative path under the output folder, on 2 rayon
//! threads with buffered writes.
//!
//! `cargo run --release --example floor -- CONTENT_DIR OUTPUT_DIR [THREADS]`

use std::io::Write;
use std::path::{Path, PathBuf};

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 3 {
        eprintln!("usage: floor CONTENT_DIR OUTPUT_DIR [THREADS]");
        std::process::exit(2);
    }
    let (input, output) = (PathBuf::from(&args[1]), PathBuf::from(&args[2]));
    let threads = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(2);
    let files: Vec<PathBuf> = walkdir::WalkDir::new(&input)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("floor: {e}");
            std::process::exit(1);
        }
    };
    let failed = pool.install(|| {
        files
            .par_iter()
            .filter(|f| {
                render(&input, &output, f)
                    .map_err(|e| eprintln!("floor: {}: {e}", f.display()))
                    .is_err()
            })
            .count()
    });
    println!("floor: {} files, {failed} failed", files.len());
    if failed > 0 {
        std::process::exit(1);
    }
}

fn render(input: &Path, output: &Path, file: &Path) -> std::io::Result<()> {
    let text = std::fs::read_to_string(file)?;
    let body = strip_front_matter(&text);
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, Parser::new_ext(body, opts));
    let rel = file.strip_prefix(input).unwrap_or(file);
    let target = output.join(rel).with_extension("html");
    if let Some(dir) = target.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let mut w = std::io::BufWriter::new(std::fs::File::create(target)?);
    w.write_all(out.as_bytes())?;
    w.flush()
}

fn strip_front_matter(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
