//! equil's integration tests, in one binary (like mdBook's testsuite): a
//! module per area, each building small fixture sites in temporary folders
//! and checking what comes out. `common` holds what they share: fixtures,
//! running the `equil` binary, HTML parsing, headless Chromium (`cdp`) and
//! an HTTP server (`http`).
//!
//! Run everything with `cargo test -- --include-ignored`; one area with
//! `cargo test --test testsuite build::`. Tests that need a tool (Chromium,
//! poppler, zbarimg, EPUBCheck, Java, the npm packages in tests/quality) are
//! `#[ignore = "needs …"]` and fail when run without it.

mod common;

mod build;
mod check;
mod content;
mod history;
mod hostile;
mod i18n;
mod init;
mod kit;
mod markdown;
mod print;
mod quality;
mod safety;
mod search;
mod serve;
mod site;
mod snapshot;
mod spec;
mod theme;
mod workflows;
