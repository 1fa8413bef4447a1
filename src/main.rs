//! The `equil` command line.

mod cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use cmd::crate_exit::Exit;

#[derive(Debug, Parser)]
#[command(
    name = "equil",
    version,
    about = "Build the EQUIL training handbook: a multilingual static site and print-ready PDFs",
    long_about = None,
    after_help = "Run `equil help <command>` for a command's options and examples."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into public/ (replaced only when the build succeeds)
    Build(cmd::build::Args),
    /// Run every validation without writing anything
    Check(cmd::check::Args),
    /// Live preview with automatic reload
    Serve(cmd::serve::Args),
    /// Translation status, new languages, marking translations current
    I18n(cmd::i18n::Args),
    /// Write PDFs of the print pages with headless Chromium
    Pdf(cmd::pdf::Args),
    /// Write EPUB e-books of the handbook and of each module
    Epub(cmd::epub::Args),
    /// Create a new handbook site
    Init(cmd::init::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::I18n(a) => cmd::i18n::run(a),
        Command::Pdf(a) => cmd::pdf::run(a),
        Command::Epub(a) => cmd::epub::run(a),
        Command::Init(a) => cmd::init::run(a),
    };
    match exit {
        Exit::Success => ExitCode::SUCCESS,
        Exit::ContentErrors => ExitCode::from(1),
        Exit::Usage => ExitCode::from(2),
    }
}
