//! Fluent placeables nested to a depth the input chooses: refused or loaded, never a stack overflow.
//! The checks live in `equil::fuzzing::fluent_nesting` (shared with the replay of
//! fuzz/regressions/ in tests/testsuite/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| equil::fuzzing::fluent_nesting(data));
