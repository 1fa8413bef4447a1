//! Front matter and YAML: any text, parsed as a page, gives a page or diagnostics with positions inside the file, never a panic.
//! The checks live in `equil::fuzzing::front_matter` (shared with the replay of
//! fuzz/regressions/ in tests/testsuite/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| equil::fuzzing::front_matter(data));
