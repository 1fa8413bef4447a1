//! The trainer's kit on fixture sites: handouts (in their card's folder,
//! translated or falling back), session plans (clock times, merged
//! materials, handouts to print, checks), exercise and reflection callouts,
//! and (with Chromium and poppler) one-page handout PDFs.

use std::path::Path;
use std::process::Command;

use crate::common::*;

mod epub;
mod handouts;
mod sessions;

/// English and Dutch; a module with a session plan on three cards and two
/// free blocks; a card with two handouts, one translated into Dutch.
fn kit() -> Fixture {
    Fixture::copy_of("kit")
}
