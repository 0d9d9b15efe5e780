//! Keeping a long ingest's resident memory to what it holds.
//!
//! glibc's malloc gives threads arenas of their own (up to eight per core) and keeps what a
//! thread frees resident for the next allocation in that arena. An ingest's threads come and
//! go — the bulk loader starts one per chunk it sorts, the parser and the search index have
//! their own — so at a million tasks some twenty arenas of about 64 MB each stayed resident
//! long after their threads were done: 1.85 GB at peak, most of it free memory.

/// Caps the process at two arenas. Called before an ingest starts its threads: threads then
/// share arenas instead of each leaving one resident (arenas made before stay).
pub fn share_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets a parameter of glibc's allocator; M_ARENA_MAX is one it takes
    // at any time (it bounds the arenas made from then on).
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

/// Hands the free pages of every arena back to the system.
pub(crate) fn release_free() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks the allocator's own free lists.
    unsafe {
        libc::malloc_trim(0);
    }
}
