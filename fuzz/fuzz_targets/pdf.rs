//! PDF reading (lopdf): any bytes give a document or an error, never a panic.
//! The checks live in `equil::fuzzing::pdf` (shared with the replay of
//! fuzz/regressions/ in tests/testsuite/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| equil::fuzzing::pdf(data));
