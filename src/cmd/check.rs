//! `equil check`

use std::path::PathBuf;

use equil::pipeline::{self, SiteOptions};

use super::crate_exit::Exit;
use super::{counts, exit_for, report, report_json, Format};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil check                  every validation, nothing written
  equil check --format json    findings as a JSON array (see README: JSON output)")]
pub struct Args {
    /// The site folder
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// How to print findings
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also check pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: Args) -> Exit {
    let mut opts = SiteOptions::new(&args.root);
    opts.drafts = args.drafts;
    let outcome = pipeline::check(&opts);
    match args.format {
        Format::Json => report_json(&outcome.diagnostics),
        Format::Text => {
            report(&outcome.diagnostics, &args.root);
            let (errors, warnings) = counts(&outcome.diagnostics);
            if errors == 0 && warnings == 0 {
                eprintln!("No problems found.");
            } else {
                eprintln!("{errors} error(s), {warnings} warning(s)");
            }
        }
    }
    exit_for(&outcome.diagnostics)
}
