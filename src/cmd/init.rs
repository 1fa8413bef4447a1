//! `equil init`

use std::path::PathBuf;

use equil::init::{available_languages, init, InitOptions};

use super::crate_exit::Exit;
use super::report;

/// Options of `equil init`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil init my-handbook                       English only
  equil init my-handbook --languages nl,en     Dutch source, English translation
  equil init my-handbook --languages en,nl,da,es,it --title \"Our training handbook\"
Then: cd my-handbook && equil serve")]
pub struct Args {
    /// The folder to create (must not exist, or be empty)
    pub dir: PathBuf,
    /// Languages, comma-separated; the first is the source language
    #[arg(long, value_delimiter = ',', default_value = "en")]
    pub languages: Vec<String>,
    /// The site's title
    #[arg(long, default_value = "Training handbook")]
    pub title: String,
    /// The address the site will be published at
    #[arg(long)]
    pub base_url: Option<String>,
}

pub fn run(args: Args) -> Exit {
    let opts = InitOptions {
        dir: args.dir.clone(),
        languages: args
            .languages
            .iter()
            .map(|l| {
                let l = l.trim();
                equil::load::canonical_tag(l).unwrap_or_else(|| l.to_string())
            })
            .collect(),
        title: args.title,
        base_url: args.base_url,
    };
    match init(&opts) {
        Ok(files) => {
            eprintln!(
                "Created a new handbook in {} ({} files).",
                args.dir.display(),
                files.len()
            );
            eprintln!(
                "Languages: {} (built-in: {})",
                opts.languages.join(", "),
                available_languages().join(", ")
            );
            eprintln!("Next:\n  cd {}\n  equil serve        preview at http://127.0.0.1:1111/\n  equil build        write the site into public/", args.dir.display());
            Exit::Success
        }
        Err(d) => {
            report(&[d], std::path::Path::new("."));
            Exit::ContentErrors
        }
    }
}
