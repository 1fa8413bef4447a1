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
    /// Live preview with automatic reload (not yet available)
    Serve(NotYet),
    /// Translation status, new languages, marking translations current (not yet available)
    I18n(NotYet),
    /// Write PDFs of the print pages with headless Chromium (not yet available)
    Pdf(NotYet),
    /// Create a new handbook site (not yet available)
    Init(NotYet),
}

/// Accepts any arguments for a command that is not available yet.
#[derive(Debug, clap::Args)]
struct NotYet {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match cli.command {
        Command::Build(a) => cmd::build::run(a),
        Command::Check(a) => cmd::check::run(a),
        Command::Serve(_) | Command::I18n(_) | Command::Pdf(_) | Command::Init(_) => {
            eprintln!("error: this command is not yet available in this version of equil");
            Exit::Usage
        }
    };
    match exit {
        Exit::Success => ExitCode::SUCCESS,
        Exit::ContentErrors => ExitCode::from(1),
        Exit::Usage => ExitCode::from(2),
    }
}
