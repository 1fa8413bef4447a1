//! Tera templates that include, extend, import and call each other: a loop is refused before rendering, never a stack overflow.
//! The checks live in `equil::fuzzing::templates` (shared with the replay of
//! fuzz/regressions/ in tests/testsuite/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| equil::fuzzing::templates(data));
