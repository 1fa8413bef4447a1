//! `equil pdf` (not yet available).

use super::crate_exit::Exit;

/// Options of `equil pdf`.
#[derive(Debug, clap::Args)]
pub struct Args {
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    rest: Vec<String>,
}

pub fn run(_args: Args) -> Exit {
    eprintln!("error: `equil pdf` is not yet available in this version of equil");
    Exit::Usage
}
