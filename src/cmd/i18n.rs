//! `equil i18n`: translation status, new languages, marking translations
//! current. The work is done in `equil::i18n`; this only reads options and
//! reports.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};

use serde::Serialize;

use equil::diagnostics::Diagnostic;
use equil::history::diff::Style;
use equil::i18n::add::{self, AddOptions, SiteYaml};
use equil::i18n::mark::{self, MarkOptions, Targets};
use equil::i18n::{diff, diff_text, status, table};
use equil::pipeline::SiteOptions;

use super::crate_exit::Exit;
use super::{exit_for, report, Format};

/// Options of `equil i18n`.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil i18n status                       how far each language is
  equil i18n add pt                       start a Portuguese translation
  equil i18n mark-current content/nl/employment-models/ips-eight-principles.md
  equil i18n mark-current --lang nl       every Dutch page matches its source
  equil i18n diff --lang nl               what changed in the sources of outdated Dutch pages

See TRANSLATING.md for the whole workflow.")]
pub struct Args {
    #[command(subcommand)]
    command: Sub,
}

#[derive(Debug, clap::Subcommand)]
enum Sub {
    /// Pages and interface strings per language: translated, outdated, missing
    Status(StatusArgs),
    /// Start a new language: strings to translate, a content folder, site.yaml
    Add(AddArgs),
    /// Record that translations match the current source pages (writes `source_hash`)
    MarkCurrent(MarkArgs),
    /// What changed in the source of outdated translations since they were made (from git history)
    Diff(DiffArgs),
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil i18n diff content/nl/employment-models/ips-eight-principles.md
  equil i18n diff content/da/supporting-employers/     every translation in the folder
  equil i18n diff --lang es                            every outdated Spanish translation
  equil i18n diff --lang es --format json              the same as JSON (see TRANSLATING.md)

Removed words are shown [-like this-] and added words {+like this+} (in
colour on a terminal). The old version comes from the site's git history:
outside a git repository, or in a shallow clone, equil says so and stops.
After updating a translation, run `equil i18n mark-current FILE`.")]
#[command(
    mut_arg("paths", |a| a.help("Translations to compare (files or folders, from here or from --root)")),
    mut_arg("lang", |a| a.help("Every outdated translation of this language"))
)]
struct DiffArgs {
    #[command(flatten)]
    targets: TargetArgs,
    /// How to print the report
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil i18n status                  a table for the terminal, then what is left per language
  equil i18n status --format json    the same as JSON, for dashboards and CI (see TRANSLATING.md)
  equil i18n status --root handbook")]
struct StatusArgs {
    /// The site folder
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// How to print the report
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil i18n add pt          creates locales/pt/main.ftl (every message marked
                             `needs translation`) and content/pt/, and adds pt
                             to `languages` in site.yaml if the site lists them
  equil i18n add pt-BR --root handbook

Then translate locales/pt/main.ftl, copy pages from content/en/ to content/pt/
and translate them, and run `equil i18n mark-current` on each finished page.")]
struct AddArgs {
    /// The language tag (BCP 47), e.g. pt, de, pt-BR
    #[arg(value_name = "LANG", value_parser = add::parse_tag)]
    lang: String,
    /// The site folder
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  equil i18n mark-current content/nl/employment-models/ips-eight-principles.md
  equil i18n mark-current content/da/supporting-employers/     every page in the folder
  equil i18n mark-current --lang es                            every Spanish translation
  equil i18n mark-current --root handbook content/nl/_index.md

Run it after you have brought a translation up to date with its source page.
Only the `source_hash` line of the front matter changes.")]
#[command(
    mut_arg("paths", |a| a.help("Translations to mark (files or folders, from here or from --root)")),
    mut_arg("lang", |a| a.help("Mark every translation of this language"))
)]
struct MarkArgs {
    #[command(flatten)]
    targets: TargetArgs,
}

/// The translations `diff` and `mark-current` work on: files and folders,
/// or every translation of a language (each command words their help).
#[derive(Debug, clap::Args)]
struct TargetArgs {
    #[arg(
        value_name = "PATH",
        required_unless_present = "lang",
        conflicts_with = "lang"
    )]
    paths: Vec<PathBuf>,
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// The site folder
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub fn run(args: Args) -> Exit {
    match args.command {
        Sub::Status(a) => run_status(a),
        Sub::Add(a) => run_add(a),
        Sub::MarkCurrent(a) => run_mark(a),
        Sub::Diff(a) => run_diff(a),
    }
}

/// The translations named on the command line: a language, or files and folders.
fn targets(args: TargetArgs) -> Targets {
    match args.lang {
        Some(l) => Targets::Lang(l),
        None => Targets::Paths(args.paths),
    }
}

fn current_dir() -> PathBuf {
    std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."))
}

/// Prints the errors among `diags` to stderr and returns them: a report
/// command speaks only of the problems with what was asked (warnings about
/// the site are `equil check`'s).
fn report_errors(diags: &[Diagnostic], root: &Path) -> Vec<Diagnostic> {
    let errors: Vec<Diagnostic> = diags.iter().filter(|d| d.is_error()).cloned().collect();
    report(&errors, root);
    errors
}

/// Prints a report to stdout: as JSON, or as the text `text` makes of it.
fn print_report<T: Serialize>(r: &T, format: Format, text: impl FnOnce(&T) -> String) -> Exit {
    match format {
        Format::Json => match serde_json::to_string_pretty(r) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                eprintln!("error: {e}");
                return Exit::ContentErrors;
            }
        },
        Format::Text => print!("{}", text(r)),
    }
    Exit::Success
}

fn run_diff(args: DiffArgs) -> Exit {
    let explicit = args.targets.lang.is_none();
    let root = args.targets.root.clone();
    let options = diff::DiffOptions {
        root: root.clone(),
        cwd: current_dir(),
        targets: targets(args.targets),
    };
    let mut diags = Vec::new();
    let found = diff::diff_report(&options, &mut diags);
    let errors = report_errors(&diags, &root);
    let Some(r) = found else {
        return Exit::ContentErrors;
    };
    let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let style = match color {
        true => Style::Color,
        false => Style::Plain,
    };
    match print_report(&r, args.format, |r| diff_text::render(r, style, explicit)) {
        Exit::Success => exit_for(&errors),
        failed => failed,
    }
}

fn run_status(args: StatusArgs) -> Exit {
    let mut diags = Vec::new();
    let found = status::status(&SiteOptions::new(&args.root), &mut diags);
    // Problems go to stderr (they explain pages counted as errors); the report to stdout.
    let errors = report_errors(&diags, &args.root);
    let Some(r) = found else {
        return Exit::ContentErrors;
    };
    match print_report(&r, args.format, table::render) {
        Exit::Success => exit_for(&errors),
        failed => failed,
    }
}

fn run_add(args: AddArgs) -> Exit {
    let mut diags = Vec::new();
    let done = add::add_language(
        &AddOptions {
            root: args.root.clone(),
            lang: args.lang.clone(),
        },
        &mut diags,
    );
    report(&diags, &args.root);
    let Some(done) = done else {
        return Exit::ContentErrors;
    };
    let lang = &done.lang;
    match &done.native_name {
        Some(n) => println!("Added {n} ({lang})."),
        None => println!("Added `{lang}`."),
    }
    for p in &done.created {
        println!("  created {}", p.display());
    }
    for p in &done.kept {
        println!("  kept    {p} (the language already has these strings)");
    }
    match done.site_yaml {
        SiteYaml::Added => println!("  added `{lang}` to `languages` in site.yaml"),
        SiteYaml::NoList | SiteYaml::Listed => {}
        SiteYaml::EditByHand => println!("  add `{lang}` to `languages` in site.yaml yourself"),
    }
    if done.native_name.is_none() {
        println!("Write the language's own name as `lang-name` in locales/{lang}/main.ftl.");
    }
    println!(
        "Next: translate locales/{lang}/*.ftl, translate pages into content/{lang}/, \
         and check progress with `equil i18n status`."
    );
    exit_for(&diags)
}

fn run_mark(args: MarkArgs) -> Exit {
    let root = args.targets.root.clone();
    let options = MarkOptions {
        root: root.clone(),
        cwd: current_dir(),
        targets: targets(args.targets),
    };
    let mut diags = Vec::new();
    let done = mark::mark_current(&options, &mut diags);
    report(&diags, &root);
    for p in &done.changed {
        println!("marked current: {}", p.display());
    }
    let n = done.changed.len();
    let same = done.unchanged.len();
    println!(
        "{n} translation{} marked current{}",
        if n == 1 { "" } else { "s" },
        if same > 0 {
            format!(", {same} already were")
        } else {
            String::new()
        }
    );
    exit_for(&diags)
}
