//! Stage 2, **model**: the site as languages → modules → pages, with every
//! page of the source language present in every language tree (translated,
//! or falling back to the source), and the output path of each.
//!
//! - `entry.rs`: the parts of a tree (entries, modules, handouts) and where
//!   an entry sits ([`Position`]);
//! - `tree.rs`: one language's [`Tree`] and the one walk over it
//!   ([`Tree::walk`]);
//! - `site.rs`: the whole [`Site`];
//! - building it: [`build()`] (`build.rs`) fills in keys translations
//!   leave out (`inherit.rs`), reads the source layout (`layout.rs`), then
//!   builds each language's tree (`lang_tree.rs`, with `modules.rs` and
//!   `handouts.rs`; `scope.rs` finds each page's translation and state);
//!   `languages.rs` decides the languages and their names; [`aliases`] adds
//!   redirects for old paths.

pub mod aliases;
mod build;
mod entry;
mod handouts;
mod inherit;
mod lang_tree;
mod languages;
mod layout;
mod modules;
mod scope;
mod site;
mod tree;

pub use build::{build, is_published, Inputs, ModelOptions};
pub use entry::{kind_name, DocId, Entry, Handout, Module, Position, Status, HOME_REL};
pub use inherit::inherit;
pub use lang_tree::RESERVED_TOP;
pub use languages::{languages, Language};
pub use site::Site;
pub use tree::{Redirect, Tree};
