//! What equil asks of the system's allocator (glibc's malloc on Linux; the
//! calls do nothing elsewhere). A one-shot command (`build`, `pdf`,
//! `epub`) renders a whole site once: it keeps large blocks in its heap
//! instead of mapping and unmapping them for every long page
//! ([`keep_large_blocks`]: a 10,000-page build peaks at 333–339 MB instead
//! of 353–380 MB, with a little less system time). `serve` holds one site
//! for hours: it limits the allocator's arenas and hands freed memory back
//! after large renders.

/// Serves blocks up to 32 MiB (the most glibc allows here; a handbook's
/// page is tens of megabytes at 10,000 pages) from the heap rather than
/// from fresh memory maps, and keeps up to 256 MiB freed at the heap's top
/// for the next render instead of returning it to the system at once: a
/// build makes and drops such blocks thousands of times.
pub fn keep_large_blocks() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets allocator parameters, before the threads start.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 256 << 20);
    }
}

/// Keeps the allocator to two arenas (glibc on Linux makes up to eight per
/// core, each holding its own freed memory after a render): `serve` holds
/// one site for hours, and a few threads render it.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter, before the threads start.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Hands memory freed after a large render (a whole language's print
/// document and its context are tens of megabytes each) back to the system,
/// where the allocator keeps it otherwise (glibc on Linux).
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free pages of the heap to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
