//! equil: a static site generator for multilingual training modules.
//!
//! The pipeline is visible in the module tree: [`load`] (read files) →
//! [`model`] (site, languages, modules, pages) → [`render`] (Markdown, Fluent,
//! Tera) → [`write`] (atomic output). [`pipeline`] strings them together for
//! the commands in `cmd/`; [`pdf`] prints the built print pages to PDF;
//! [`serve`] keeps a site in memory and rebuilds it change by change.

pub mod check;
pub mod diagnostics;
pub mod epub;
pub mod escape;
pub mod excerpt;
pub mod fuzzing;
pub mod history;
pub mod i18n;
pub mod init;
pub mod load;
pub mod memory;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod render;
pub mod select;
pub mod serve;
pub mod write;
