//! Markdown rendering with our link rewriting and sanitising: any text renders, and no link points outside the site or runs script.
//! The checks live in `equil::fuzzing::markdown` (shared with the replay of
//! fuzz/regressions/ in tests/testsuite/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| equil::fuzzing::markdown(data));
