//! `equil serve`

use std::path::PathBuf;

use equil::pipeline::SiteOptions;
use equil::serve::{self, server::BindError};

use super::crate_exit::Exit;

/// Options of `equil serve`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil serve                      preview ./ at http://127.0.0.1:1111/
  equil serve --root handbook --open
  equil serve --port 0             any free port (the URL is printed)
  equil serve --drafts             include pages with `draft: true`

The site is built in memory (public/ is not touched) and rebuilt when files
under content/, locales/, themes/ or site.yaml change; open pages reload by
themselves. While a change breaks the site, the last good version stays
served and the error is shown over it. EQUIL_SERVE_TIMINGS=1 prints how long
each stage of a rebuild took; EQUIL_SERVE_FULL=1 rebuilds without the fast path
for body edits (to compare, or to rule it out when hunting a bug).")]
pub struct Args {
    /// The site folder (with content/, and optionally site.yaml, locales/, themes/)
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Port on 127.0.0.1 (0: pick a free one)
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Open the site in the default browser
    #[arg(long)]
    pub open: bool,
    /// Include pages marked `draft: true`
    #[arg(long)]
    pub drafts: bool,
}

pub fn run(args: Args) -> Exit {
    let mut site = SiteOptions::new(&args.root);
    site.drafts = args.drafts;
    let opts = serve::Options {
        site,
        port: args.port,
        open: args.open,
    };
    match serve::run(opts) {
        Ok(()) => Exit::Success,
        Err(e) => {
            eprintln!("error: {e}");
            match e {
                serve::Error::Bind(BindError::InUse(_)) => {
                    eprintln!(
                        "  = help: pick another port with --port N, or --port 0 for any free one"
                    );
                    Exit::Usage
                }
                serve::Error::NoSite(_) => {
                    eprintln!("  = help: pass the folder that holds content/ with --root DIR");
                    Exit::ContentErrors
                }
                _ => Exit::ContentErrors,
            }
        }
    }
}
