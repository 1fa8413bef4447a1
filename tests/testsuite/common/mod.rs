//! What the test modules share: fixture sites in temporary folders and
//! running `equil` on them ([`fixture`]), reading the HTML that comes out
//! ([`html`]), the repository's own files and interface strings
//! ([`repo`]), the outside tools some tests need ([`tools`]), headless
//! Chromium over the DevTools protocol ([`cdp`]), a static HTTP server
//! ([`http`]) and a running `equil serve` with its event stream ([`serve`]).

pub mod cdp;
pub mod http;
pub mod serve;

mod fixture;
mod html;
mod repo;
mod tools;

pub use fixture::*;
pub use html::*;
pub use repo::*;
pub use tools::*;
