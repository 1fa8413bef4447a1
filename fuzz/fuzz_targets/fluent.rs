//! Fluent loading: any .ftl text gives strings and diagnostics with positions inside the file, and formatting any message never panics.
//! The checks live in `equil::fuzzing::fluent` (shared with the replay of
//! fuzz/regressions/ in tests/testsuite/hostile.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| equil::fuzzing::fluent(data));
