//! `equil build`

use std::path::PathBuf;

use equil::pipeline::{self, OutputOptions, SiteOptions};

use super::crate_exit::Exit;
use super::{counts, exit_for, report};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil build                         build ./ into ./public/
  equil build --root handbook --output /tmp/site
  equil build --base-url https://example.org/equil/   (absolute URLs for sitemap.xml)
  equil build --drafts                include pages with `draft: true`
  equil build --output out --force    replace out/ even though it holds other files")]
pub struct Args {
    /// The site folder (with content/, and optionally site.yaml, locales/, themes/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Where to write the site (relative paths are relative to --root)
    #[arg(long, default_value = "public")]
    pub output: PathBuf,
    /// The URL the site will be published at (overrides site.yaml)
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
    /// Replace the output folder even if it holds files equil did not write
    /// (they are deleted). Never allowed for the site folder or its sources.
    #[arg(long)]
    pub force: bool,
}

pub fn run(args: Args) -> Exit {
    equil::memory::keep_large_blocks();
    let output = if args.output.is_absolute() {
        args.output.clone()
    } else {
        args.root.join(&args.output)
    };
    let opts = SiteOptions {
        root: args.root.clone(),
        base_url: args.base_url,
        drafts: args.drafts,
        list_drafts: false,
    };
    let out = OutputOptions {
        dir: output.clone(),
        force: args.force,
    };
    // Ctrl-C or SIGTERM: put the previous output back and remove the
    // half-built one, instead of leaving it beside the output.
    let interrupted = output.clone();
    let _ = ctrlc::set_handler(move || {
        equil::write::guard::remove_own(&interrupted);
        eprintln!("\ninterrupted: {} was not changed", interrupted.display());
        std::process::exit(130);
    });
    let outcome = pipeline::build(&opts, &out);
    report(&outcome.diagnostics, &args.root);
    let (errors, warnings) = counts(&outcome.diagnostics);
    match &outcome.rendered {
        Some(r) => {
            eprintln!(
                "Built {} pages ({} files) into {} in {:.2} s{}",
                r.pages,
                r.files,
                output.display(),
                outcome.elapsed.as_secs_f64(),
                if warnings > 0 {
                    format!(", {warnings} warning(s)")
                } else {
                    String::new()
                }
            );
            exit_for(&outcome.diagnostics)
        }
        None => {
            eprintln!(
                "error: build failed with {errors} error(s); {} was not changed",
                output.display()
            );
            Exit::ContentErrors
        }
    }
}
